package dev.assay.auth;

/**
 * A new user and, when it was given one, its temporary password: shown once in the creation response, never stored
 * in plain text and never printed by {@link #toString()}.
 */
public record CreatedUser(User user, String temporaryPassword) {
  @Override
  public String toString() {
    return "CreatedUser[user=" + user + ", temporaryPassword=" + (temporaryPassword == null ? "none" : "***") + "]";
  }
}
