package dev.assay.cli.evaluators;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Show an evaluator with its latest version (or --version-id). -o json shows the whole spec.")
public final class EvaluatorsGetCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "EVALUATOR", description = "Evaluator name or id.")
  String evaluator;

  @Option(names = "--version-id", paramLabel = "ID", description = "A version's id (see list-versions) instead of the latest.")
  String versionId;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    Map<String, String> query = new LinkedHashMap<>(client.spaceQuery(space));
    query.put("version_id", versionId);
    try (ApiClient api = client.client()) {
      JsonNode found = api.get(EvaluatorsCommand.path(evaluator), query);
      print(output.output(), found);
    }
    return ExitCodes.OK;
  }

  /** JSON as the API returned it, else one flat row. */
  static void print(Output out, JsonNode evaluatorWithVersion) {
    boolean whole = out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL;
    out.item(whole ? evaluatorWithVersion : EvaluatorsCommand.withVersionRow(evaluatorWithVersion),
        EvaluatorsCommand.WITH_VERSION_COLUMNS);
  }
}
