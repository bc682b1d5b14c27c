package dev.assay.cli.tasks;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Show a task: type, scope, filter, sampling, continuous, evaluators with their mappings, and why it "
        + "is paused if it is.")
public final class TasksGetCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin TaskLookup lookup;

  @Parameters(paramLabel = "TASK", description = "Task name or id.")
  String task;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      TasksCommand.printTask(output.output(), lookup.task(api, client, task));
    }
    return ExitCodes.OK;
  }
}
