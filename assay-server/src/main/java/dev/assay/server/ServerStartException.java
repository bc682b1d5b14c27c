package dev.assay.server;

/**
 * The server could not start listening (port in use, address not on this machine, privileged port). The
 * message is one line fit to show the person starting Assay, including what to change.
 */
public final class ServerStartException extends RuntimeException {
  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
