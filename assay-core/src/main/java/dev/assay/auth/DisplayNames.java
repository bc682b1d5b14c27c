package dev.assay.auth;

import dev.assay.shared.InvalidInputException;

/** The one rule for the display names of users and API keys. */
final class DisplayNames {
  static final int MAX_LENGTH = 256;

  private DisplayNames() {}

  /** The name stripped; blank, over {@link #MAX_LENGTH} characters or with control characters is a 400. */
  static String require(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("name is required");
    }
    String n = name.strip();
    if (n.length() > MAX_LENGTH || n.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException("name must have at most " + MAX_LENGTH + " characters and no control characters");
    }
    return n;
  }
}
