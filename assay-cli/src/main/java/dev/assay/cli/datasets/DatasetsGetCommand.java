package dev.assay.cli.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Show a dataset: example count and versions. -o json shows every version.")
public final class DatasetsGetCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "DATASET", description = "Dataset name or id.")
  String dataset;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      DatasetsCommand.printDataset(output.output(), DatasetsCommand.dataset(api, client, space, dataset));
    }
    return ExitCodes.OK;
  }
}
