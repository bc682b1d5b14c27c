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

@Command(name = "create-version", mixinStandardHelpOptions = true,
    description = {"Add a new immutable version to a prompt (labels stay where they are; move them with set-labels).",
        "assay prompts create-version support -c 'shorter' --message system='Be brief.' --message user='{question}'"})
public final class PromptsCreateVersionCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin VersionOptions version;

  @Parameters(paramLabel = "PROMPT", description = "Prompt name or id.")
  String prompt;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      JsonNode body = version.body("created with assay prompts create-version");
      JsonNode created = PromptsCommand.inputChecked(() -> api.post(PromptsCommand.path(prompt) + "/versions",
          client.spaceQuery(space), body));
      PromptsGetVersionCommand.print(output, created);
    }
    return ExitCodes.OK;
  }
}
