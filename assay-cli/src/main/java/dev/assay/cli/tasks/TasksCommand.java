package dev.assay.cli.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assay tasks}: evaluators bound to a project, run continuously on new data and as backfill runs, over {@code /v2}. */
@Command(
    name = "tasks",
    mixinStandardHelpOptions = true,
    description = {"Create, list, show, change and delete evaluation tasks; trigger, follow and cancel their runs.",
        "A task binds evaluators (by name or id, latest or a pinned version) to a project with a filter, a sampling "
            + "rate and per-evaluator variable mappings. Continuous tasks evaluate new spans as they arrive; "
            + "`trigger-run` backfills a time window. Tasks are named by name (in --project/--space) or id."},
    subcommands = {TasksListCommand.class, TasksGetCommand.class, TasksCreateCommand.class, TasksUpdateCommand.class,
        TasksDeleteCommand.class, TasksTriggerRunCommand.class, TasksListRunsCommand.class, TasksGetRunCommand.class,
        TasksCancelRunCommand.class, TasksWaitForRunCommand.class, TasksResumeCommand.class})
public final class TasksCommand {
  /** Table and CSV columns of tasks, in order (JSON keeps the API's objects whole). */
  static final List<String> COLUMNS = List.of("name", "id", "type", "scope", "is_continuous", "sampling_rate",
      "evaluators", "query_filter", "paused_reason", "last_run_at");
  /** Table and CSV columns of runs. */
  static final List<String> RUN_COLUMNS = List.of("id", "status", "num_targets", "chunks", "num_successes", "num_errors",
      "num_skipped", "data_start_time", "data_end_time", "paused_reason", "failure_reason", "created_at");

  private TasksCommand() {}

  static String path(String taskId) {
    return "/v2/tasks/" + ApiClient.segment(taskId);
  }

  static String runPath(String runId) {
    return "/v2/task-runs/" + ApiClient.segment(runId);
  }

  /** A task as one flat row: evaluators as {@code name[@version] {var=path, …}}, separated by {@code ; }. */
  static ObjectNode row(JsonNode task) {
    ObjectNode row = ApiClient.object();
    for (String column : List.of("name", "id", "type", "scope")) {
      row.put(column, task.path(column).asText(""));
    }
    row.set("is_continuous", task.path("is_continuous"));
    row.set("sampling_rate", task.path("sampling_rate"));
    List<String> evaluators = new ArrayList<>();
    for (JsonNode evaluator : task.path("evaluators")) {
      StringBuilder text = new StringBuilder(evaluator.path("evaluator_name").asText(evaluator.path("evaluator_id").asText()));
      if (evaluator.hasNonNull("evaluator_version_id")) {
        text.append('@').append(evaluator.get("evaluator_version_id").asText());
      }
      List<String> mappings = new ArrayList<>();
      evaluator.path("column_mappings").properties().forEach(e -> mappings.add(e.getKey() + "=" + e.getValue().asText()));
      if (!mappings.isEmpty()) {
        text.append(" {").append(String.join(", ", mappings)).append('}');
      }
      if (evaluator.hasNonNull("query_filter")) {
        text.append(" where ").append(evaluator.get("query_filter").asText());
      }
      evaluators.add(text.toString());
    }
    row.put("evaluators", String.join("; ", evaluators));
    row.put("query_filter", task.path("query_filter").asText(""));
    row.put("paused_reason", task.path("paused_reason").asText(""));
    row.put("last_run_at", task.path("last_run_at").asText(""));
    return row;
  }

  /** A run as one flat row, with its chunks as {@code done/total}. */
  static ObjectNode runRow(JsonNode run) {
    ObjectNode row = ApiClient.object();
    row.put("id", run.path("id").asText(""));
    row.put("status", run.path("status").asText(""));
    row.set("num_targets", run.path("num_targets").isMissingNode() ? null : run.get("num_targets"));
    row.put("chunks", run.hasNonNull("chunks_total")
        ? run.path("chunks_done").asLong() + "/" + run.get("chunks_total").asLong() : "");
    for (String count : List.of("num_successes", "num_errors", "num_skipped")) {
      row.put(count, run.path(count).asLong());
    }
    for (String column : List.of("data_start_time", "data_end_time", "paused_reason", "failure_reason", "created_at")) {
      row.put(column, run.path(column).asText(""));
    }
    return row;
  }

  static boolean whole(Output out) {
    return out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL;
  }

  static void printTask(Output out, JsonNode task) {
    out.item(whole(out) ? task : row(task), COLUMNS);
  }

  static void printTasks(Output out, List<JsonNode> tasks) {
    out.listNarrowTable(whole(out) ? tasks : tasks.stream().map(t -> (JsonNode) row(t)).toList(), COLUMNS);
  }

  static void printRun(Output out, JsonNode run) {
    out.item(whole(out) ? run : runRow(run), RUN_COLUMNS);
  }

  static void printRuns(Output out, List<JsonNode> runs) {
    out.listNarrowTable(whole(out) ? runs : runs.stream().map(r -> (JsonNode) runRow(r)).toList(), RUN_COLUMNS);
  }
}
