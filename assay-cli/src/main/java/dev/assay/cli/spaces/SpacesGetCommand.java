package dev.assay.cli.spaces;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true, description = "Show one space.")
public final class SpacesGetCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "SPACE", description = "Space name or id.")
  String space;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      output.output().item(api.get("/v2/spaces/" + ApiClient.segment(space), Map.of()), SpacesCommand.COLUMNS);
    }
    return ExitCodes.OK;
  }
}
