package dev.assay.cli.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "runs", mixinStandardHelpOptions = true,
    description = "List an experiment's runs (example, repetition, output, error, latency, evaluations).")
public final class ExperimentsRunsCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;
  @Mixin ExperimentLookup lookup;

  @Parameters(paramLabel = "EXPERIMENT", description = "Experiment name or id.")
  String experiment;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      String id = lookup.experiment(api, client, experiment).path("id").asText();
      ApiClient.Listing listing = api.list(ExperimentsCommand.path(id) + "/runs", Map.of(), "experiment_runs",
          limit.value());
      Output out = output.output();
      out.listNarrowTable(ExperimentsCommand.whole(out) ? listing.items()
          : listing.items().stream().map(r -> (JsonNode) ExperimentsCommand.runRow(r)).toList(),
          ExperimentsCommand.RUN_COLUMNS);
      limit.noteTruncation(listing, "runs");
    }
    return ExitCodes.OK;
  }
}
