package dev.assay.cli.tasks;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "get-run", mixinStandardHelpOptions = true,
    description = "Show a run: status, targets, chunks done, success/error/skip counts, and why it failed or is paused.")
public final class TasksGetRunCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "RUN_ID", description = "The run's id (from trigger-run or list-runs).")
  String runId;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      TasksCommand.printRun(output.output(), api.get(TasksCommand.runPath(runId), Map.of()));
    }
    return ExitCodes.OK;
  }
}
