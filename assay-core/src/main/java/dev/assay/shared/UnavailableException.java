package dev.assay.shared;

/** A dependency (the database, a closed writer) cannot serve the request right now. */
public final class UnavailableException extends AssayException {
  public UnavailableException(String message) {
    super(message);
  }

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String title() {
    return "Service Unavailable";
  }
}
