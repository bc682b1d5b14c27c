package dev.assay.shared;

/**
 * No valid credentials: a missing, unknown, expired or revoked API key or session, or a wrong password
 * (HTTP 401). The message never says which of these it was for a key or password, nor echoes the credential.
 */
public final class UnauthenticatedException extends AssayException {
  public UnauthenticatedException(String message) {
    super(message);
  }

  @Override
  public String title() {
    return "Unauthorized";
  }
}
