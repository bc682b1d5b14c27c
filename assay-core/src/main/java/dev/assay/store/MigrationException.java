package dev.assay.store;

/** The schema cannot be brought to this version of Assay; start-up stops with this message. */
public final class MigrationException extends RuntimeException {
  public MigrationException(String message) {
    super(message);
  }

  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
