package dev.assay.cli.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.ProgressBar;
import dev.assay.cli.client.ApiClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * Follows an experiment until it ends or the time is up, as tasks' RunWaiter does for runs: a progress bar of runs
 * done (from the summary) at a terminal, a line per status change elsewhere.
 */
final class ExperimentWaiter {
  /** The experiment's last state and the exit code the wait ends with (0 COMPLETED, 6, 7, 8). */
  record Outcome(JsonNode experiment, int exitCode) {}

  private final ApiClient api;
  private final CliEnvironment env;
  private final PrintWriter err;

  ExperimentWaiter(ApiClient api, CliEnvironment env, PrintWriter err) {
    this.api = api;
    this.env = env;
    this.err = err;
  }

  Outcome await(JsonNode started, Duration timeout, Duration poll) {
    String id = started.path("id").asText();
    String name = started.path("name").asText(id);
    String path = ExperimentsCommand.path(id);
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode experiment = started;
    String lastStatus = null;
    try (ProgressBar bar = ProgressBar.start(env, err, "Experiment " + name, -1)) {
      while (true) {
        String status = experiment.path("status").asText();
        JsonNode summary = api.get(path + "/summary", Map.of());
        long expected = summary.path("expected_runs").asLong();
        long done = summary.path("successful_runs").asLong() + summary.path("failed_runs").asLong();
        bar.update(done, expected, status + "  " + done + "/" + expected + " runs");
        if (!env.interactive() && !status.equals(lastStatus)) {
          err.println("experiment " + name + ": " + status + " (" + done + "/" + expected + " runs)");
          err.flush();
        }
        lastStatus = status;
        if (ExperimentsCommand.terminal(status)) {
          break;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return new Outcome(experiment, say(ExitCodes.TIMEOUT, "experiment " + name + " is still " + status
              + " after " + timeout.toSeconds() + " s; it goes on (see `assay experiments get " + id + "`)"));
        }
        sleep(Math.min(left, poll.toNanos()));
        experiment = api.get(path, Map.of());
      }
    }
    String reason = experiment.path("failure_reason").asText(null);
    return switch (experiment.path("status").asText()) {
      case "COMPLETED" -> new Outcome(experiment, ExitCodes.OK);
      case "FAILED" -> new Outcome(experiment, say(ExitCodes.RUN_FAILED, "experiment " + name + " FAILED"
          + (reason == null ? "" : ": " + reason) + " (`assay experiments resume " + id + "` does the missing work)"));
      default -> new Outcome(experiment, say(ExitCodes.RUN_CANCELLED, "experiment " + name + " was CANCELLED"
          + (reason == null ? "" : ": " + reason)));
    };
  }

  private int say(int exitCode, String message) {
    err.println("assay: " + message);
    err.flush();
    return exitCode;
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure("interrupted while waiting for the experiment");
    }
  }
}
