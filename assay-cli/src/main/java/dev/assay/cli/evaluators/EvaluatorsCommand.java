package dev.assay.cli.evaluators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.client.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code assay evaluators}: versioned evaluator definitions and the built-in judge templates, over {@code /v2}. */
@Command(
    name = "evaluators",
    mixinStandardHelpOptions = true,
    description = {"Browse the built-in judge templates; create, version, try, list, show and delete evaluators.",
        "An evaluator is LLM-judge (from a template), code check, embedding similarity, HTTP endpoint or command; "
            + "every change is a new immutable version. Named by name (in --space) or id."},
    subcommands = {EvaluatorsTemplatesCommand.class, EvaluatorsListCommand.class, EvaluatorsGetCommand.class,
        EvaluatorsCreateCommand.class, EvaluatorsCreateVersionCommand.class, EvaluatorsListVersionsCommand.class,
        EvaluatorsTestCommand.class, EvaluatorsDeleteCommand.class})
public final class EvaluatorsCommand {
  /** Table and CSV columns of evaluators, in order. */
  static final List<String> COLUMNS = List.of("name", "id", "type", "description", "space_id", "created_at", "updated_at");
  /** Table and CSV columns of an evaluator with its version ({@code get}, {@code create}). */
  static final List<String> WITH_VERSION_COLUMNS = List.of("name", "id", "type", "version_number", "version_id",
      "result_name", "granularity", "model", "commit_message", "updated_at");
  static final List<String> VERSION_COLUMNS = List.of("version_number", "id", "type", "commit_hash", "commit_message",
      "result_name", "model", "created_at");

  private EvaluatorsCommand() {}

  static String path(String evaluator) {
    return "/v2/evaluators/" + ApiClient.segment(evaluator);
  }


  /** The built-in template {@code id}; exit 3 with a hint when there is none. */
  static JsonNode template(ApiClient api, String id) {
    try {
      return api.get("/v2/evaluator-templates/" + ApiClient.segment(id), Map.of());
    } catch (ApiException e) {
      throw SpecOptions.unknownTemplate(id, e);
    }
  }

  /** An evaluator with its version as one flat row for tables and CSV (JSON output keeps the API's object). */
  static ObjectNode withVersionRow(JsonNode evaluator) {
    JsonNode version = evaluator.path("version");
    ObjectNode row = ApiClient.object();
    row.put("name", evaluator.path("name").asText(""));
    row.put("id", evaluator.path("id").asText(""));
    row.put("type", evaluator.path("type").asText(""));
    row.set("version_number", version.path("version_number"));
    row.put("version_id", version.path("id").asText(""));
    row.put("result_name", version.at("/spec/name").asText(""));
    row.put("granularity", version.at("/spec/granularity").asText(""));
    row.put("model", model(version.path("spec")));
    row.put("commit_message", version.path("commit_message").asText(""));
    row.put("updated_at", evaluator.path("updated_at").asText(""));
    return row;
  }

  static ObjectNode versionRow(JsonNode version) {
    ObjectNode row = ApiClient.object();
    row.set("version_number", version.path("version_number"));
    row.put("id", version.path("id").asText(""));
    row.put("type", version.path("type").asText(""));
    row.put("commit_hash", version.path("commit_hash").asText(""));
    row.put("commit_message", version.path("commit_message").asText(""));
    row.put("result_name", version.at("/spec/name").asText(""));
    row.put("model", model(version.path("spec")));
    row.put("created_at", version.path("created_at").asText(""));
    return row;
  }

  /** e.g. {@code gpt-4o-mini} for a judge with a model, empty otherwise. */
  private static String model(JsonNode spec) {
    return spec.at("/model/model_name").asText("");
  }

  /** A template as a row: rails as {@code label=score} pairs and variables comma-separated. */
  static ObjectNode templateRow(JsonNode template) {
    ObjectNode row = ApiClient.object();
    row.put("id", template.path("id").asText(""));
    row.put("name", template.path("name").asText(""));
    row.put("granularity", template.path("granularity").asText(""));
    row.put("direction", template.path("direction").asText(""));
    List<String> rails = new ArrayList<>();
    template.path("rails").properties().forEach(e -> rails.add(e.getKey() + "=" + e.getValue().asText()));
    row.put("rails", String.join(", ", rails));
    List<String> variables = new ArrayList<>();
    template.path("variables").forEach(v -> variables.add(v.asText()));
    row.put("variables", String.join(", ", variables));
    row.put("description", template.path("description").asText(""));
    return row;
  }
}
