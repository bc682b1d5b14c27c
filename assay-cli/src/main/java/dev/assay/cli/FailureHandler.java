package dev.assay.cli;

import dev.assay.config.ConfigException;
import dev.assay.server.ServerStartException;
import dev.assay.store.MigrationException;
import dev.assay.store.StoreOpenException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns an exception escaping a command into an exit code and what the person sees. Failures a person can
 * fix (configuration, database, port, a refused or failed request) are one line on stderr, never a stack
 * trace; a {@link CliException} carries its own exit code, the others exit 1. Anything else is a bug, so its
 * line is followed by the stack trace for the report.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof CliException explained) {
      err.println("assay: " + explained.getMessage());
      err.flush();
      return explained.exitCode();
    }
    if (isExplained(e)) {
      err.println("assay: " + e.getMessage());
    } else {
      err.println("assay: unexpected error: " + e);
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.FAILURE;
  }

  /** Exceptions whose message is written to be the one line a person reads. */
  static boolean isExplained(Exception e) {
    return e instanceof ConfigException || e instanceof StoreOpenException || e instanceof MigrationException
        || e instanceof ServerStartException;
  }
}
