package dev.assay.cli.tasks;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "cancel-run", mixinStandardHelpOptions = true,
    description = "Cancel a run that has not ended: chunks not yet evaluated are dropped; results already written are "
        + "kept. A run that already ended cannot be cancelled (exit 1).")
public final class TasksCancelRunCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin RunRef ref;

  @Override
  public Integer call() {
    ref.check();
    try (ApiClient api = client.client()) {
      String runId = ref.run(api, client).path("id").asText();
      TasksCommand.printRun(output.output(), api.post(TasksCommand.runPath(runId) + "/cancel", Map.of(), ApiClient.object()));
    }
    return ExitCodes.OK;
  }
}
