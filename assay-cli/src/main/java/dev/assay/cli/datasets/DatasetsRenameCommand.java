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

@Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a dataset (and/or change its description).")
public final class DatasetsRenameCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "DATASET", description = "Dataset name or id.")
  String dataset;

  @Parameters(index = "1", arity = "0..1", paramLabel = "NEW_NAME", description = "The new name.")
  String newName;

  @Option(names = "--description", paramLabel = "TEXT", description = "A new description (empty to clear it).")
  String description;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    if (newName == null && description == null) {
      throw dev.assay.cli.CliException.usage("give NEW_NAME and/or --description");
    }
    ObjectNode body = ApiClient.object();
    if (newName != null) {
      body.put("name", newName);
    }
    if (description != null) {
      body.put("description", description);
    }
    try (ApiClient api = client.client()) {
      String id = DatasetsCommand.dataset(api, client, space, dataset).path("id").asText();
      DatasetsCommand.printDataset(output.output(), api.patch(DatasetsCommand.path(id), Map.of(), body));
    }
    return ExitCodes.OK;
  }
}
