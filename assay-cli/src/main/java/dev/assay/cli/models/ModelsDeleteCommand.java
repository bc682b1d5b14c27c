package dev.assay.cli.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.Confirmation;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.client.ApiClient;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
    description = {"Delete a model config and its stored API key. Judges that use it fail until given another model.",
        "Asks for confirmation at a terminal; elsewhere (scripts, agents) it refuses with exit 2 unless --force is given."})
public final class ModelsDeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "CONFIG", description = "Model config name or id.")
  String config;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Option(names = {"-f", "--force"}, description = "Delete without asking.")
  boolean force;

  @Override
  public Integer call() {
    Confirmation.requireForceOrTerminal(client.environment(), force, "delete model config '" + config + "'");
    PrintWriter err = spec.commandLine().getErr();
    String spaceRef = client.space(space);
    try (ApiClient api = client.client()) {
      // Resolved first: a missing config fails with 3 before anyone is asked, and the question names its id.
      JsonNode found = ModelsCommand.resolve(api, config, spaceRef);
      String id = found.path("id").asText();
      if (!force) {
        Confirmation.ask(client.environment(), err, "delete model config '" + found.path("name").asText() + "' (" + id + ")");
      }
      api.delete(ModelsCommand.path(id), spaceRef == null ? Map.of() : Map.of("space_id", spaceRef));
    }
    err.println("Deleted model config '" + config + "'.");
    err.flush();
    return ExitCodes.OK;
  }
}
