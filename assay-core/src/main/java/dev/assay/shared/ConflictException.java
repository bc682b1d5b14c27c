package dev.assay.shared;

/** The request conflicts with the current state, e.g. a duplicate name. */
public final class ConflictException extends AssayException {
  public ConflictException(String message) {
    super(message);
  }

  @Override
  public String title() {
    return "Conflict";
  }
}
