package dev.assay.cli.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assay experiments}: run, list, show, compare, gate and export experiments, over {@code /v2/experiments}. */
@Command(name = "experiments", mixinStandardHelpOptions = true,
    description = {"Run a dataset through a prompt, an HTTP endpoint or a command, score it, compare and gate.",
        "Experiments are named by name (in --space) or id. Exit codes: 0 ok or gate passed, 1 gate failed, "
            + "2 usage error, 3 not found, 6 experiment FAILED, 7 CANCELLED, 8 still running at --timeout."},
    subcommands = {ExperimentsRunCommand.class, ExperimentsListCommand.class, ExperimentsGetCommand.class,
        ExperimentsRunsCommand.class, ExperimentsCompareCommand.class, ExperimentsExportCommand.class,
        ExperimentsResumeCommand.class, ExperimentsCancelCommand.class, ExperimentsLabelCommand.class,
        ExperimentsDeleteCommand.class})
public final class ExperimentsCommand {
  /** Table and CSV columns of experiments (JSON keeps the API's objects whole). */
  static final List<String> COLUMNS = List.of("name", "id", "status", "task", "evaluators", "repetitions",
      "example_count", "labels", "failure_reason", "created_at");
  static final List<String> RUN_COLUMNS = List.of("example_id", "repetition", "output", "error", "latency_ms",
      "evaluations", "id");

  private ExperimentsCommand() {}

  static String path(String experiment) {
    return "/v2/experiments/" + ApiClient.segment(experiment);
  }

  static boolean whole(Output out) {
    return out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL;
  }

  /** An experiment as one flat row: the task as {@code PROMPT <version>}, {@code HTTP <url>} or {@code COMMAND <argv>}. */
  static ObjectNode row(JsonNode e) {
    ObjectNode row = ApiClient.object();
    for (String column : List.of("name", "id", "status")) {
      row.put(column, e.path(column).asText(""));
    }
    JsonNode task = e.path("task");
    String type = task.path("type").asText("");
    row.put("task", switch (type) {
      case "PROMPT" -> "PROMPT " + task.path("prompt_version_id").asText();
      case "HTTP" -> "HTTP " + task.path("url").asText();
      case "COMMAND" -> "COMMAND " + String.join(" ", strings(task.path("argv")));
      default -> "recorded";
    });
    List<String> evaluators = new ArrayList<>();
    e.path("evaluators").forEach(ev -> evaluators.add(ev.path("evaluator_id").asText()
        + (ev.hasNonNull("evaluator_version") ? "@" + ev.get("evaluator_version").asText() : "")));
    row.put("evaluators", String.join(", ", evaluators));
    row.put("repetitions", e.path("repetitions").asInt());
    row.put("example_count", e.path("example_count").asLong());
    row.put("labels", String.join(", ", strings(e.path("labels"))));
    row.put("failure_reason", e.path("failure_reason").asText(""));
    row.put("created_at", e.path("created_at").asText(""));
    return row;
  }

  /** A run as one row: evaluations as {@code name=score/label ✓|✗}. */
  static ObjectNode runRow(JsonNode r) {
    ObjectNode row = ApiClient.object();
    row.put("example_id", r.path("example_id").asText(""));
    row.put("repetition", r.path("repetition").asInt());
    row.put("output", r.path("output").asText(""));
    row.put("error", r.path("error").asText(""));
    row.set("latency_ms", r.path("latency_ms").isMissingNode() ? null : r.get("latency_ms"));
    List<String> evaluations = new ArrayList<>();
    for (JsonNode ev : r.path("evaluations")) {
      StringBuilder text = new StringBuilder(ev.path("name").asText()).append('=');
      if (ev.hasNonNull("error")) {
        text.append("error");
      } else {
        text.append(ev.hasNonNull("score") ? ev.get("score").asText() : ev.path("label").asText(""));
        if (ev.hasNonNull("passed")) {
          text.append(ev.get("passed").asBoolean() ? " pass" : " fail");
        }
      }
      evaluations.add(text.toString());
    }
    row.put("evaluations", String.join("; ", evaluations));
    row.put("id", r.path("id").asText(""));
    return row;
  }

  static void printExperiment(Output out, JsonNode e) {
    out.item(whole(out) ? e : row(e), COLUMNS);
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  static boolean terminal(String status) {
    return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED");
  }
}
