package dev.assay.cli.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Show a prompt with its latest version (or --label / --version / --version-id) and its messages.")
public final class PromptsGetCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin VersionSelector selector;

  @Parameters(paramLabel = "PROMPT", description = "Prompt name or id.")
  String prompt;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    var query = client.spaceQuery(space);
    try (ApiClient api = client.client()) {
      JsonNode found = api.get(PromptsCommand.path(prompt), query);
      if (selector.count() > 0) {
        found = ((com.fasterxml.jackson.databind.node.ObjectNode) found.deepCopy())
            .set("version", PromptsCommand.version(api, prompt, query, selector));
      }
      print(output, found);
    }
    return ExitCodes.OK;
  }

  static void print(OutputOptions output, JsonNode promptWithVersion) {
    PromptsCommand.printWithMessages(output.output(), promptWithVersion, PromptsCommand.withVersionRow(promptWithVersion),
        PromptsCommand.WITH_VERSION_COLUMNS, promptWithVersion.path("version"));
  }
}
