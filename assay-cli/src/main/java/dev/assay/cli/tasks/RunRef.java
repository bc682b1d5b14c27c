package dev.assay.cli.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.client.ApiClient;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The run a command is about: its id, or {@code --task TASK} for that task's newest run, so a script or an agent
 * can follow a run without carrying its id from one command to the next.
 */
final class RunRef {
  @Parameters(paramLabel = "RUN_ID", arity = "0..1", description = "The run's id (from trigger-run or list-runs).")
  String runId;

  @Option(names = "--task", paramLabel = "TASK", description = "Instead of RUN_ID: the newest run of this task (name or id).")
  String task;

  @Mixin TaskLookup lookup;

  /** Checks that exactly one of RUN_ID and --task is given, before any request. */
  void check() {
    if ((runId == null) == (task == null)) {
      throw CliException.usage("give the run's RUN_ID or --task TASK (its newest run), not both nor neither");
    }
  }

  /** The run as the API returns it; exit 3 when it (or the task, or any run of it) does not exist. */
  JsonNode run(ApiClient api, ClientOptions client) {
    check();
    if (runId != null) {
      return api.get(TasksCommand.runPath(runId), Map.of());
    }
    JsonNode found = lookup.task(api, client, task);
    JsonNode runs = api.get(TasksCommand.path(found.path("id").asText()) + "/runs", Map.of("limit", "1")).path("task_runs");
    if (runs.isEmpty()) {
      throw CliException.notFound("task '" + task + "' has no runs yet (start one with `assay tasks trigger-run`)");
    }
    return runs.get(0);
  }
}
