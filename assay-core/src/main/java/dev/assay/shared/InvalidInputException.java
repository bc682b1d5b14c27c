package dev.assay.shared;

/** The caller's input is invalid; nothing was changed. */
public non-sealed class InvalidInputException extends AssayException {
  public InvalidInputException(String message) {
    super(message);
  }

  @Override
  public String title() {
    return "Invalid Input";
  }
}
