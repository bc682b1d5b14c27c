package dev.assay.spaces;

import dev.assay.shared.InvalidInputException;

/**
 * The changes of one space update; a null field is left as it is.
 *
 * @param name the new name (stripped, unique among spaces)
 * @param description the new description; an empty string clears it
 * @param isPrivate the new visibility
 */
public record SpaceUpdate(String name, String description, Boolean isPrivate) {

  /** True when the update would change nothing. */
  public boolean isEmpty() {
    return name == null && description == null && isPrivate == null;
  }

  /**
   * Returns this update if it changes something.
   *
   * @throws InvalidInputException when it is empty
   */
  public SpaceUpdate requireChanges() {
    if (isEmpty()) {
      throw new InvalidInputException("at least one of name, description or is_private must be given");
    }
    return this;
  }
}
