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

@Command(name = "update-examples", mixinStandardHelpOptions = true,
    description = {"Update examples by id as a new version: each example's given keys overlay its stored ones.",
        "Examples are AX-style flat objects with their id (--json, or --file with a JSON array or JSON lines). Ids the "
            + "dataset does not hold are reported and skipped."})
public final class DatasetsUpdateExamplesCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "DATASET", description = "Dataset name or id.")
  String dataset;

  @Option(names = "--json", paramLabel = "JSON", description = "The examples: a JSON array of flat objects with id.")
  String json;

  @Option(names = "--file", paramLabel = "FILE", description = "A file of examples (JSON array or JSON lines; - for stdin).")
  String file;

  @Option(names = "--new-version", paramLabel = "NAME", description = "Name of the new version (default v<number>).")
  String newVersion;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    var examples = DatasetsCommand.examples(client, json, file);
    try (ApiClient api = client.client()) {
      String id = DatasetsCommand.dataset(api, client, space, dataset).path("id").asText();
      ObjectNode body = ApiClient.object();
      body.set("examples", examples);
      if (newVersion != null) {
        body.put("new_version", newVersion);
      }
      JsonNode written = api.patch(DatasetsCommand.path(id) + "/examples", Map.of(), body);
      ObjectNode row = ApiClient.object();
      row.put("dataset_version_id", written.path("dataset_version_id").asText());
      row.set("version_number", written.path("dataset_version_number"));
      row.put("updated", written.path("example_ids").size());
      row.put("skipped", examples.size() - written.path("example_ids").size());
      var out = output.output();
      out.item(DatasetsCommand.whole(out) ? written : row, List.of("version_number", "dataset_version_id", "updated", "skipped"));
    }
    return ExitCodes.OK;
  }
}
