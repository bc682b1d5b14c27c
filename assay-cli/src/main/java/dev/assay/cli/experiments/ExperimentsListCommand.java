package dev.assay.cli.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List experiments, newest first (of a dataset with --dataset, or of a space with --space).")
public final class ExperimentsListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Option(names = {"-d", "--dataset"}, paramLabel = "DATASET", description = "Only experiments on this dataset (name or id).")
  String dataset;

  @Option(names = "--space", paramLabel = "SPACE", description = "Only experiments in this space (name or id).")
  String space;

  @Option(names = "--name", paramLabel = "TEXT", description = "Only experiments whose name contains TEXT.")
  String name;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      Map<String, String> query = new LinkedHashMap<>();
      if (dataset != null) {
        query.put("dataset_id", dataset);
      } else {
        query.put("space_id", client.space(space));
      }
      query.put("name", name);
      ApiClient.Listing listing = api.list("/v2/experiments", query, "experiments", limit.value());
      Output out = output.output();
      out.listNarrowTable(ExperimentsCommand.whole(out) ? listing.items()
          : listing.items().stream().map(e -> (JsonNode) ExperimentsCommand.row(e)).toList(), ExperimentsCommand.COLUMNS);
      limit.noteTruncation(listing, "experiments");
    }
    return ExitCodes.OK;
  }
}
