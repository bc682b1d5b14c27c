package dev.assay.cli.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "get-version", mixinStandardHelpOptions = true, description = "Show one version by its id, with its messages.")
public final class PromptsGetVersionCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "VERSION_ID", description = "The version's id (see `assay prompts versions`).")
  String versionId;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      print(output, api.get(PromptsCommand.versionPath(versionId), Map.of()));
    }
    return ExitCodes.OK;
  }

  static void print(OutputOptions output, JsonNode version) {
    PromptsCommand.printWithMessages(output.output(), version, PromptsCommand.versionRow(version),
        PromptsCommand.VERSION_COLUMNS, version);
  }
}
