package dev.assay.cli.prompts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", mixinStandardHelpOptions = true,
    description = "Change a prompt's description (an empty one clears it). Content changes are new versions: create-version.")
public final class PromptsUpdateCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "PROMPT", description = "Prompt name or id.")
  String prompt;

  @Option(names = "--description", paramLabel = "TEXT", required = true, description = "The new description.")
  String description;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    ObjectNode body = ApiClient.object();
    if (description.isEmpty()) {
      body.putNull("description");
    } else {
      body.put("description", description);
    }
    try (ApiClient api = client.client()) {
      output.output().itemNarrowTable(api.patch(PromptsCommand.path(prompt), client.spaceQuery(space), body),
          PromptsCommand.COLUMNS);
    }
    return ExitCodes.OK;
  }
}
