package dev.assay.cli.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.ProgressBar;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * Follows a run until it ends or the time is up: a progress bar of chunks done at a terminal (with the counts), a line
 * per status change elsewhere, and the pause reason whenever it changes (a paused run stays RUNNING, so the reason is
 * what tells a person the run waits for them). Prints the last state of the run on stdout and returns the exit code:
 * 0 COMPLETED, 6 FAILED, 7 CANCELLED, 8 still going at the timeout.
 */
final class RunWaiter {
  private final ApiClient api;
  private final CliEnvironment env;
  private final PrintWriter err;

  RunWaiter(ApiClient api, CliEnvironment env, PrintWriter err) {
    this.api = api;
    this.env = env;
    this.err = err;
  }

  int await(JsonNode started, WaitOptions wait, Output out) {
    String runId = started.path("id").asText();
    long deadline = System.nanoTime() + wait.timeout().toNanos();
    JsonNode run = started;
    String lastStatus = null;
    String lastPause = null;
    boolean timedOut = false;
    try (ProgressBar bar = ProgressBar.start(env, err, "Run " + runId, -1)) {
      while (true) {
        String status = run.path("status").asText();
        bar.update(run.path("chunks_done").asLong(), run.path("chunks_total").asLong(-1), status + "  " + counts(run));
        String pause = run.path("paused_reason").asText(null);
        if (pause != null && !pause.equals(lastPause)) {
          line("run " + runId + " is paused: " + pause + " (fix the model config with `assay models`, or "
              + "`assay tasks resume TASK`; finished targets are not evaluated again)");
        } else if (!env.interactive() && !status.equals(lastStatus)) {
          line("run " + runId + ": " + status + chunks(run) + ", " + counts(run));
        }
        lastPause = pause;
        lastStatus = status;
        if (terminal(status)) {
          break;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          timedOut = true;
          break;
        }
        sleep(Math.min(left, wait.pollInterval().toNanos()));
        run = api.get(TasksCommand.runPath(runId), Map.of());
      }
    }
    TasksCommand.printRun(out, run);
    String status = run.path("status").asText();
    if (timedOut) {
      return say(ExitCodes.TIMEOUT, "run " + runId + " is still " + status + " after " + wait.timeout().toSeconds()
          + " s; it goes on: wait again with `assay tasks wait-for-run " + runId + "`");
    }
    String reason = run.path("failure_reason").asText(null);
    return switch (status) {
      case "COMPLETED" -> {
        err.println("Run " + runId + " COMPLETED: " + counts(run) + ".");
        err.flush();
        yield ExitCodes.OK;
      }
      case "FAILED" -> say(ExitCodes.RUN_FAILED, "run " + runId + " FAILED" + (reason == null ? "" : ": " + reason));
      default -> say(ExitCodes.RUN_CANCELLED, "run " + runId + " was CANCELLED" + (reason == null ? "" : ": " + reason));
    };
  }

  static boolean terminal(String status) {
    return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED");
  }

  /** e.g. {@code 95 ok, 3 errors, 2 skipped}: per evaluation (target × evaluator). */
  static String counts(JsonNode run) {
    return run.path("num_successes").asLong() + " ok, " + run.path("num_errors").asLong() + " errors, "
        + run.path("num_skipped").asLong() + " skipped";
  }

  private static String chunks(JsonNode run) {
    return run.hasNonNull("chunks_total")
        ? " (" + run.path("chunks_done").asLong() + "/" + run.get("chunks_total").asLong() + " chunks)" : "";
  }

  /** A line of its own on stderr; at a terminal it first ends the bar's line so the bar redraws below it. */
  private void line(String text) {
    if (env.interactive()) {
      err.print('\n');
    }
    err.println(text);
    err.flush();
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
      throw CliException.failure("interrupted while waiting for the run");
    }
  }
}
