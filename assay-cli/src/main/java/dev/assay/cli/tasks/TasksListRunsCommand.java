package dev.assay.cli.tasks;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list-runs", mixinStandardHelpOptions = true,
    description = "List a task's runs, newest first, with their status, chunks done, counts (per evaluation: target × "
        + "evaluator) and failure or pause reason.")
public final class TasksListRunsCommand implements Callable<Integer> {
  /** AX's run statuses. */
  enum Status { PENDING, RUNNING, COMPLETED, FAILED, CANCELLED }

  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;
  @Mixin TaskLookup lookup;

  @Parameters(paramLabel = "TASK", description = "Task name or id.")
  String task;

  @Option(names = "--status", paramLabel = "STATUS", description = "Only runs in this status: ${COMPLETION-CANDIDATES}.")
  Status status;

  @Override
  public Integer call() {
    int max = limit.value();
    try (ApiClient api = client.client()) {
      String taskId = lookup.task(api, client, task).path("id").asText();
      Map<String, String> query = new LinkedHashMap<>();
      query.put("status", status == null ? null : status.name());
      ApiClient.Listing listing = api.list(TasksCommand.path(taskId) + "/runs", query, "task_runs", max);
      TasksCommand.printRuns(output.output(), listing.items());
      limit.noteTruncation(listing, "runs");
    }
    return ExitCodes.OK;
  }
}
