package dev.assay.cli.tasks;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "get-run", mixinStandardHelpOptions = true,
    description = "Show a run: status, targets, chunks done, success/error/skip counts, and why it failed or is paused.")
public final class TasksGetRunCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin RunRef ref;

  @Override
  public Integer call() {
    ref.check();
    try (ApiClient api = client.client()) {
      TasksCommand.printRun(output.output(), ref.run(api, client));
    }
    return ExitCodes.OK;
  }
}
