package dev.assay.cli.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.Confirmation;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete-examples", mixinStandardHelpOptions = true,
    description = {"Leave examples out of a new version of the dataset (older versions keep them). Ids the latest "
        + "version does not hold are reported as not deleted.",
        "Asks for confirmation at a terminal; elsewhere it refuses with exit 2 unless --force is given."})
public final class DatasetsDeleteExamplesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "DATASET", description = "Dataset name or id.")
  String dataset;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "EXAMPLE_ID", description = "Ids of the examples to delete.")
  List<String> ids;

  @Option(names = {"-f", "--force"}, description = "Delete without asking.")
  boolean force;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    Confirmation.requireForceOrTerminal(client.environment(), force, "delete " + ids.size() + " examples of '" + dataset + "'");
    try (ApiClient api = client.client()) {
      JsonNode found = DatasetsCommand.dataset(api, client, space, dataset);
      if (!force) {
        Confirmation.ask(client.environment(), spec.commandLine().getErr(), "delete " + ids.size() + " examples of dataset '"
            + found.path("name").asText() + "'");
      }
      ObjectNode body = ApiClient.object();
      body.put("dataset_version_id", found.path("versions").path(0).path("id").asText());
      ArrayNode array = body.putArray("example_ids");
      ids.forEach(array::add);
      JsonNode result = api.deleteWithBody(DatasetsCommand.path(found.path("id").asText()) + "/examples", body);
      ObjectNode row = ApiClient.object();
      row.put("deleted", result.path("deleted_example_ids").size());
      List<String> notDeleted = new java.util.ArrayList<>();
      result.path("not_deleted_example_ids").forEach(n -> notDeleted.add(n.asText()));
      row.put("not_deleted", String.join(",", notDeleted));
      row.put("dataset_version_id", result.path("dataset_version_id").asText());
      var out = output.output();
      out.item(DatasetsCommand.whole(out) ? result : row, List.of("deleted", "not_deleted", "dataset_version_id"));
    }
    return ExitCodes.OK;
  }
}
