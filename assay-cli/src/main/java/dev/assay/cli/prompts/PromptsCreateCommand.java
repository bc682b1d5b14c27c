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

@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Create a prompt with its first version.",
        "assay prompts create support --message system='You help customers.' --message user='{question}' "
            + "--model gpt-4o-mini --param temperature=0.2",
        "assay prompts create support --file prompt.yaml"})
public final class PromptsCreateCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin VersionOptions version;

  @Parameters(paramLabel = "NAME", description = "The prompt's name (unique per space; cannot be changed).")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "What the prompt is for.")
  String description;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to create it in (name or id).")
  String space;

  @Override
  public Integer call() {
    ObjectNode body = ApiClient.object().put("name", name);
    if (description != null) {
      body.put("description", description);
    }
    String spaceRef = client.space(space);
    if (spaceRef != null) {
      body.put("space_id", spaceRef);
    }
    body.set("version", version.body("created with assay prompts create"));
    try (ApiClient api = client.client()) {
      PromptsGetCommand.print(output, PromptsCommand.inputChecked(() -> api.post("/v2/prompts", body)));
    }
    return ExitCodes.OK;
  }
}
