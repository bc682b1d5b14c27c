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

@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Create a dataset from AX-style flat examples (--json or --file with a JSON array or JSON lines).",
        "Keys output, expected, expected_output and reference are the expected output; metadata (an object) and "
            + "splits are kept apart; every other key is input. To map CSV columns, use `assay datasets upload`."})
public final class DatasetsCreateCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "NAME", description = "The new dataset's name (unique in the space).")
  String name;

  @Option(names = "--json", paramLabel = "JSON", description = "The examples: a JSON array of objects.")
  String json;

  @Option(names = "--file", paramLabel = "FILE", description = "A file of examples (JSON array or JSON lines; - for stdin).")
  String file;

  @Option(names = "--description", paramLabel = "TEXT", description = "What the dataset is for.")
  String description;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to create it in (name or id).")
  String space;

  @Override
  public Integer call() {
    ObjectNode body = ApiClient.object();
    body.put("name", name);
    body.set("examples", DatasetsCommand.examples(client, json, file));
    if (description != null) {
      body.put("description", description);
    }
    if (client.space(space) != null) {
      body.put("space_id", client.space(space));
    }
    try (ApiClient api = client.client()) {
      DatasetsCommand.printDataset(output.output(), api.post("/v2/datasets", body));
    }
    return ExitCodes.OK;
  }
}
