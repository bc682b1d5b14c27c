package dev.assay.shared;

/**
 * Base of the exceptions core throws for conditions a caller can act on. Adapters map each subclass
 * once (HTTP: problem JSON with a status; CLI: a message and an exit code); core never throws HTTP types.
 */
public abstract sealed class AssayException extends RuntimeException
    permits NotFoundException, ConflictException, InvalidInputException, OverloadedException, UnavailableException,
    ForbiddenException, UnauthenticatedException {

  protected AssayException(String message) {
    super(message);
  }

  protected AssayException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A short, stable title for the kind of problem (RFC 9457 {@code title}). */
  public abstract String title();
}
