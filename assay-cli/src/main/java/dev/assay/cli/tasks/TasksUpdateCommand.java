package dev.assay.cli.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", mixinStandardHelpOptions = true,
    description = {"Change a task: name, filter, sampling rate, continuous on/off, evaluators and their mappings. "
        + "Any change also lifts a pause.",
        "--evaluator replaces the whole list; --mapping or --evaluator-filter alone change the task's current evaluators.",
        "Example: assay tasks update faithfulness-check --continuous"})
public final class TasksUpdateCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin TaskLookup lookup;
  @Mixin EvaluatorOptions evaluatorOptions;

  @Parameters(paramLabel = "TASK", description = "Task name or id.")
  String task;

  @Option(names = "--name", paramLabel = "NEW_NAME", description = "The task's new name.")
  String newName;

  @Option(names = "--filter", paramLabel = "FILTER", description = "The new task filter.")
  String filter;

  @Option(names = "--clear-filter", description = "Remove the task filter (evaluate every span).")
  boolean clearFilter;

  @Option(names = "--sampling-rate", paramLabel = "RATE", description = "The new sampling rate, 0 to 1.")
  Double samplingRate;

  @Option(names = "--continuous", negatable = true,
      description = "Turn continuous evaluation of new data on (--continuous) or off (--no-continuous).")
  Boolean continuous;

  @Override
  public Integer call() {
    if (filter != null && clearFilter) {
      throw CliException.usage("give --filter or --clear-filter, not both");
    }
    TasksCreateCommand.checkSamplingRate(samplingRate);
    if (newName == null && filter == null && !clearFilter && samplingRate == null && continuous == null
        && !evaluatorOptions.given()) {
      throw CliException.usage("nothing to update: give --name, --filter, --clear-filter, --sampling-rate, "
          + "--[no-]continuous, --evaluator, --mapping or --evaluator-filter");
    }
    try (ApiClient api = client.client()) {
      JsonNode found = lookup.task(api, client, task);
      ObjectNode body = ApiClient.object();
      if (newName != null) {
        body.put("name", newName);
      }
      if (samplingRate != null) {
        body.put("sampling_rate", samplingRate);
      }
      if (continuous != null) {
        body.put("is_continuous", continuous);
      }
      if (filter != null) {
        body.put("query_filter", filter);
      } else if (clearFilter) {
        body.putNull("query_filter");
      }
      if (!evaluatorOptions.evaluators.isEmpty()) {
        body.set("evaluators", evaluatorOptions.body(client.environment(), evaluatorOptions.resolve(api, client, lookup.space)));
      } else if (evaluatorOptions.given()) {
        body.set("evaluators", current(found));
      }
      TasksCommand.printTask(output.output(), api.patch(TasksCommand.path(found.path("id").asText()), Map.of(), body));
    }
    return ExitCodes.OK;
  }

  /** The task's evaluators as they are, with the --mapping and --evaluator-filter changes applied. */
  private ArrayNode current(JsonNode found) {
    Map<EvaluatorOptions.Resolved, ObjectNode> entries = new LinkedHashMap<>();
    for (JsonNode evaluator : found.path("evaluators")) {
      String id = evaluator.path("evaluator_id").asText();
      String versionId = evaluator.path("evaluator_version_id").asText(null);
      String name = evaluator.path("evaluator_name").asText(id);
      ObjectNode entry = ApiClient.object().put("evaluator_id", id);
      if (versionId != null) {
        entry.put("evaluator_version_id", versionId);
      }
      if (evaluator.hasNonNull("query_filter")) {
        entry.put("query_filter", evaluator.get("query_filter").asText());
      }
      if (evaluator.path("column_mappings").isObject()) {
        entry.set("column_mappings", evaluator.get("column_mappings").deepCopy());
      }
      entries.put(new EvaluatorOptions.Resolved(name, id, name, versionId, "", ""), entry);
    }
    evaluatorOptions.applyTo(client.environment(), entries);
    ArrayNode array = ApiClient.object().arrayNode();
    entries.values().forEach(array::add);
    return array;
  }
}
