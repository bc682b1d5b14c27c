package dev.assay.shared;

/** A requested resource does not exist (or is outside the caller's scope, which looks the same). */
public final class NotFoundException extends AssayException {
  public NotFoundException(String message) {
    super(message);
  }

  @Override
  public String title() {
    return "Not Found";
  }
}
