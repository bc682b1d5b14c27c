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

@Command(name = "examples", mixinStandardHelpOptions = true,
    description = {"List the examples of a dataset version (the latest unless --version), optionally of some splits.",
        "Tables show the canonical input/output/metadata; -o json shows AX's flat examples with the _assay block."})
public final class DatasetsExamplesCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Parameters(paramLabel = "DATASET", description = "Dataset name or id.")
  String dataset;

  @Option(names = "--version", paramLabel = "VERSION", description = "A version (name such as v2, or id).")
  String version;

  @Option(names = "--split", paramLabel = "SPLIT", description = "Only examples in this split (repeatable).")
  List<String> splits;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    int max = limit.value();
    try (ApiClient api = client.client()) {
      String id = DatasetsCommand.dataset(api, client, space, dataset).path("id").asText();
      Map<String, String> query = new LinkedHashMap<>();
      query.put("version_id", version);
      query.put("split", splits == null ? null : String.join(",", splits));
      ApiClient.Listing listing = api.list(DatasetsCommand.path(id) + "/examples", query, "examples", max);
      var out = output.output();
      out.listNarrowTable(DatasetsCommand.whole(out) ? listing.items()
          : listing.items().stream().map(e -> (JsonNode) DatasetsCommand.exampleRow(e)).toList(), DatasetsCommand.EXAMPLE_COLUMNS);
      limit.noteTruncation(listing, "examples");
    }
    return ExitCodes.OK;
  }
}
