package dev.assay.cli;

/**
 * A failure a person can act on: its message is the one line {@code assay} prints (after "assay: "), and it
 * carries the documented exit code ({@link ExitCodes}). No stack trace is shown for it.
 */
public class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  public static CliException failure(String message) {
    return new CliException(ExitCodes.FAILURE, message);
  }

  public static CliException notFound(String message) {
    return new CliException(ExitCodes.NOT_FOUND, message);
  }
}
