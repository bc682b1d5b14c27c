package dev.assay.cli.client;

import dev.assay.cli.CliException;

/** An error response of the Assay API, with its HTTP status and the exit code that status maps to. */
public final class ApiException extends CliException {
  private final int status;
  private final String detail;

  ApiException(int exitCode, int status, String message, String detail) {
    super(exitCode, message);
    this.status = status;
    this.detail = detail;
  }

  /** The HTTP status of the response. */
  public int status() {
    return status;
  }

  /** The problem document's {@code detail} (else its summary), for commands that word the failure themselves. */
  public String detail() {
    return detail;
  }
}
