package dev.assay.store;

import dev.assay.shared.InvalidInputException;

/** Validation of user-chosen names (spaces, projects), shared so every resource applies one rule. */
final class Names {
  static final int MAX_LENGTH = 256;

  private Names() {}

  static String require(String what, String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(what + " must not be blank");
    }
    String stripped = name.strip();
    if (stripped.length() > MAX_LENGTH) {
      throw new InvalidInputException(what + " must be at most " + MAX_LENGTH + " characters");
    }
    if (stripped.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException(what + " must not contain control characters");
    }
    return stripped;
  }
}
