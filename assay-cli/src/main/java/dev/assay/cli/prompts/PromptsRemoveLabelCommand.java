package dev.assay.cli.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.client.ApiClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "remove-label", mixinStandardHelpOptions = true,
    description = "Remove a label from the version it points at (exit 3 when the prompt has no such label).")
public final class PromptsRemoveLabelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "PROMPT", description = "Prompt name or id.")
  String prompt;

  @Parameters(index = "1", paramLabel = "LABEL", description = "The label to remove.")
  String label;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      JsonNode version = api.get(PromptsCommand.path(prompt) + "/labels/" + ApiClient.segment(label),
          client.spaceQuery(space));
      api.delete(PromptsCommand.versionPath(version.path("id").asText()) + "/labels/" + ApiClient.segment(label),
          Map.of());
      spec.commandLine().getErr().println("Removed label '" + label + "' from version "
          + version.path("version_number").asText() + " of prompt '" + prompt + "'.");
      spec.commandLine().getErr().flush();
    }
    return ExitCodes.OK;
  }
}
