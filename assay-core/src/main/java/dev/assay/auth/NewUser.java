package dev.assay.auth;

/**
 * A user to create.
 *
 * @param password null: none (with {@code temporary}, one is generated and returned once)
 * @param temporary the user must change the password at the first sign-in
 */
public record NewUser(String name, String email, AccountRole role, String password, boolean temporary) {
  @Override
  public String toString() {
    return "NewUser[name=" + name + ", email=" + email + ", role=" + role + ", temporary=" + temporary + "]";
  }
}
