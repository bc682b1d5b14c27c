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

@Command(name = "upload", mixinStandardHelpOptions = true,
    description = {"Upload a CSV, JSONL or JSON file as a new dataset (--name) or onto one (--dataset), as one new version.",
        "Choose which columns are input, expected output and metadata; a malformed file names the bad line and stores nothing."})
public final class DatasetsUploadCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin UploadOptions keys;

  @Parameters(paramLabel = "FILE", description = "The file (.csv, .jsonl, .json).")
  String file;

  @Option(names = "--name", paramLabel = "NAME", description = "Create a new dataset with this name.")
  String name;

  @Option(names = "--dataset", paramLabel = "DATASET", description = "Add to this dataset (name or id) instead.")
  String dataset;

  @Option(names = "--description", paramLabel = "TEXT", description = "A new dataset's description.")
  String description;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space of the dataset (name or id).")
  String space;

  @Override
  public Integer call() {
    if ((name == null) == (dataset == null)) {
      throw dev.assay.cli.CliException.usage("give exactly one of --name (a new dataset) and --dataset (an existing one)");
    }
    try (ApiClient api = client.client()) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("name", name);
      fields.put("description", description);
      fields.put("space_id", client.space(space));
      if (dataset != null) {
        fields.put("dataset_id", DatasetsCommand.dataset(api, client, space, dataset).path("id").asText());
      }
      DatasetsCommand.printWrite(output.output(), keys.upload(api, client, file, fields));
    }
    return ExitCodes.OK;
  }
}
