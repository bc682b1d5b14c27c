package dev.assay.store;

/** The database could not be opened; the message is one line fit to show the person starting Assay. */
public final class StoreOpenException extends RuntimeException {
  public StoreOpenException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreOpenException(String message) {
    super(message);
  }
}
