package dev.assay.cli.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.traces.TimeArgument;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "trigger-run", mixinStandardHelpOptions = true,
    description = {"Start a backfill run of a task over a time window: the newest matching targets first, at most "
        + "--max-spans, split into chunks that every server replica shares. Targets that already have a result from "
        + "the same evaluator version are skipped unless --override-evaluations.",
        "Prints the run (PENDING); with --wait follows it to the end: exit 0 COMPLETED, 6 FAILED, 7 CANCELLED, "
            + "8 still running at --timeout.",
        "Example: assay tasks trigger-run faithfulness-check --data-start-time 7d --max-spans 100 --wait"})
public final class TasksTriggerRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin TaskLookup lookup;
  @Mixin WaitOptions waitOptions;

  @Parameters(paramLabel = "TASK", description = "Task name or id.")
  String task;

  @Option(names = "--data-start-time", paramLabel = "TIME",
      description = "Start of the window: ISO-8601 (2026-01-01T12:00:00Z), a date, or a time ago (30m, 1h, 7d); "
          + "default: where the task's last run ended (required on a task's first run). At most 30 days before the end.")
  String start;

  @Option(names = "--data-end-time", paramLabel = "TIME", description = "End of the window (default: now).")
  String end;

  @Option(names = "--max-spans", paramLabel = "N", defaultValue = "10000",
      description = "Evaluate at most N targets (spans, traces or sessions; default: ${DEFAULT-VALUE}).")
  long maxSpans;

  @Option(names = "--override-evaluations", description = "Evaluate again targets that already have a result.")
  boolean override;

  @Option(names = "--wait", description = "Follow the run until it ends, with a progress bar at a terminal.")
  boolean wait;

  @Override
  public Integer call() {
    Instant now = Instant.now();
    ObjectNode body = ApiClient.object();
    String startTime = TimeArgument.parse("--data-start-time", start, now);
    String endTime = TimeArgument.parse("--data-end-time", end, now);
    if (maxSpans < 1) {
      throw CliException.usage("--max-spans must be at least 1, got " + maxSpans);
    }
    waitOptions.check();
    if (startTime != null) {
      body.put("data_start_time", startTime);
    }
    if (endTime != null) {
      body.put("data_end_time", endTime);
    }
    body.put("max_spans", maxSpans);
    body.put("override_evaluations", override);
    try (ApiClient api = client.client()) {
      JsonNode found = lookup.task(api, client, task);
      JsonNode run = api.post(TasksCommand.path(found.path("id").asText()) + "/trigger", Map.of(), body);
      if (!wait) {
        TasksCommand.printRun(output.output(), run);
        return ExitCodes.OK;
      }
      return new RunWaiter(api, client.environment(), spec.commandLine().getErr()).await(run, waitOptions, output.output());
    }
  }
}
