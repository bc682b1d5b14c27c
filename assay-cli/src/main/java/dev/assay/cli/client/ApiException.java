package dev.assay.cli.client;

import dev.assay.cli.CliException;

/** An error response of the Assay API, with its HTTP status and the exit code that status maps to. */
public final class ApiException extends CliException {
  private final int status;

  ApiException(int exitCode, int status, String message) {
    super(exitCode, message);
    this.status = status;
  }

  /** The HTTP status of the response. */
  public int status() {
    return status;
  }
}
