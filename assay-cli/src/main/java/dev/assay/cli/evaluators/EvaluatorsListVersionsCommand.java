package dev.assay.cli.evaluators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list-versions", mixinStandardHelpOptions = true, description = "List an evaluator's versions, newest first.")
public final class EvaluatorsListVersionsCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Parameters(paramLabel = "EVALUATOR", description = "Evaluator name or id.")
  String evaluator;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    int max = limit.value();
    try (ApiClient api = client.client()) {
      // Resolved first: the versions route takes the evaluator's id, and a wrong name is "not found" (exit 3).
      JsonNode found = api.get(EvaluatorsCommand.path(evaluator), client.spaceQuery(space));
      ApiClient.Listing listing = api.list(EvaluatorsCommand.path(found.path("id").asText()) + "/versions",
          java.util.Map.of(), "evaluator_versions", max);
      Output out = output.output();
      boolean whole = out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL;
      out.list(whole ? listing.items() : listing.items().stream().map(v -> (JsonNode) EvaluatorsCommand.versionRow(v)).toList(),
          EvaluatorsCommand.VERSION_COLUMNS);
      limit.noteTruncation(listing, "versions");
    }
    return ExitCodes.OK;
  }
}
