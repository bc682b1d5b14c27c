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

@Command(name = "list", mixinStandardHelpOptions = true, description = "List datasets with their example counts.")
public final class DatasetsListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Option(names = "--space", paramLabel = "SPACE", description = "Only datasets in this space (name or id).")
  String space;

  @Option(names = "--name", paramLabel = "TEXT", description = "Only datasets whose name contains TEXT (ignoring case).")
  String name;

  @Override
  public Integer call() {
    int max = limit.value();
    try (ApiClient api = client.client()) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("space_id", client.space(space));
      query.put("name", name);
      ApiClient.Listing listing = api.list("/v2/datasets", query, "datasets", max);
      var out = output.output();
      out.listNarrowTable(DatasetsCommand.whole(out) ? listing.items()
          : listing.items().stream().map(d -> (JsonNode) DatasetsCommand.row(d)).toList(), DatasetsCommand.COLUMNS);
      limit.noteTruncation(listing, "datasets");
    }
    return ExitCodes.OK;
  }
}
