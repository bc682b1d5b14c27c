package dev.assay.cli;

/**
 * The documented exit codes of every {@code assay} command (also listed in {@code assay --help}, see {@link AssayCommand}). CI scripts
 * depend on them: never renumber, only add.
 */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;
  /** It failed: a request or check failed, bad configuration, the server could not start, or an unexpected error. */
  public static final int FAILURE = 1;
  /**
   * The command line is wrong: unknown command or option, missing value; or a destructive action without
   * {@code --force} where nobody can confirm it (no terminal).
   */
  public static final int USAGE = 2;
  /** A named resource (project, space, profile) does not exist. */
  public static final int NOT_FOUND = 3;
  /** The Assay server could not be reached: connection refused, unknown host, or no answer in time. */
  public static final int UNREACHABLE = 4;
  /** The server refused the credentials (HTTP 401: a bad key or password; 403: the caller's role is too low). */
  public static final int AUTH = 5;
  /** A waited-for task run ended FAILED ({@code assay tasks trigger-run --wait}, {@code wait-for-run}). */
  public static final int RUN_FAILED = 6;
  /** A waited-for task run ended CANCELLED (by a person, or because every target already had results). */
  public static final int RUN_CANCELLED = 7;
  /** A waited-for task run was still going when {@code --timeout} ran out (the run itself goes on). */
  public static final int TIMEOUT = 8;

  private ExitCodes() {}
}
