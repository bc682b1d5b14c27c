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

@Command(name = "append", mixinStandardHelpOptions = true,
    description = {"Append examples to a dataset as a new version: AX-style flat examples (--json, or --file with a JSON "
        + "array or JSON lines), or any CSV/JSONL/JSON file with --upload and the key options of `upload`."})
public final class DatasetsAppendCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin UploadOptions keys;

  @Parameters(paramLabel = "DATASET", description = "Dataset name or id.")
  String dataset;

  @Option(names = "--json", paramLabel = "JSON", description = "The examples: a JSON array of flat objects.")
  String json;

  @Option(names = "--file", paramLabel = "FILE", description = "A file of flat examples (JSON array or JSON lines; - for stdin).")
  String file;

  @Option(names = "--upload", paramLabel = "FILE", description = "A CSV/JSONL/JSON file read with the key options instead.")
  String upload;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      JsonNode found = DatasetsCommand.dataset(api, client, space, dataset);
      String id = found.path("id").asText();
      if (upload != null) {
        if (json != null || file != null) {
          throw dev.assay.cli.CliException.usage("give --upload alone, or --json/--file");
        }
        DatasetsCommand.printWrite(output.output(), keys.upload(api, client, upload, Map.of("dataset_id", id)));
        return ExitCodes.OK;
      }
      ObjectNode body = ApiClient.object();
      body.set("examples", DatasetsCommand.examples(client, json, file));
      JsonNode written = api.post(DatasetsCommand.path(id) + "/examples", body);
      ObjectNode row = ApiClient.object();
      row.put("dataset", found.path("name").asText());
      row.put("dataset_version_id", written.path("dataset_version_id").asText());
      row.set("version_number", written.path("dataset_version_number"));
      row.put("added", written.path("example_ids").size());
      var out = output.output();
      out.item(DatasetsCommand.whole(out) ? written : row, List.of("dataset", "version_number", "dataset_version_id", "added"));
    }
    return ExitCodes.OK;
  }
}
