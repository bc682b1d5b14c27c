package dev.assay.cli.evaluators;

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

@Command(name = "list", mixinStandardHelpOptions = true, description = "List evaluators.")
public final class EvaluatorsListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Option(names = "--space", paramLabel = "SPACE", description = "Only evaluators in this space (name or id).")
  String space;

  @Option(names = "--name", paramLabel = "TEXT", description = "Only evaluators whose name contains TEXT (ignoring case).")
  String name;

  @Override
  public Integer call() {
    int max = limit.value();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("space_id", client.space(space));
    query.put("name", name);
    try (ApiClient api = client.client()) {
      ApiClient.Listing listing = api.list("/v2/evaluators", query, "evaluators", max);
      output.output().list(listing.items(), EvaluatorsCommand.COLUMNS);
      limit.noteTruncation(listing, "evaluators");
    }
    return ExitCodes.OK;
  }
}
