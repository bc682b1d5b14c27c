package dev.assay.cli.tasks;

import dev.assay.cli.CliException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --timeout} and {@code --poll-interval} of the commands that wait for a run (AX's CLI defaults). */
final class WaitOptions {
  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "Stop waiting after this long (default: ${DEFAULT-VALUE}); the run goes on, and the exit code is 8.")
  double timeoutSeconds;

  @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "5",
      description = "How often to ask for the run's progress (default: ${DEFAULT-VALUE}).")
  double pollSeconds;

  /** Checks both before anything is started; exit 2 when one is not positive. */
  void check() {
    if (!(timeoutSeconds > 0)) {
      throw CliException.usage("--timeout must be more than 0 seconds, got " + timeoutSeconds);
    }
    if (!(pollSeconds > 0) || pollSeconds > 3600) {
      throw CliException.usage("--poll-interval must be more than 0 and at most 3600 seconds, got " + pollSeconds);
    }
  }

  Duration timeout() {
    return Duration.ofMillis(Math.round(timeoutSeconds * 1000));
  }

  Duration pollInterval() {
    return Duration.ofMillis(Math.max(1, Math.round(pollSeconds * 1000)));
  }
}
