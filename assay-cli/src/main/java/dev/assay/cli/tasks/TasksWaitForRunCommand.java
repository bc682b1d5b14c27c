package dev.assay.cli.tasks;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "wait-for-run", mixinStandardHelpOptions = true,
    description = {"Follow a run until it ends, showing chunks done and counts (a progress bar at a terminal) and the "
        + "reason whenever the task is paused; then print the run.",
        "Exit 0 COMPLETED, 6 FAILED, 7 CANCELLED, 8 still running at --timeout (the run goes on)."})
public final class TasksWaitForRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin WaitOptions waitOptions;

  @Mixin RunRef ref;

  @Override
  public Integer call() {
    ref.check();
    waitOptions.check();
    try (ApiClient api = client.client()) {
      var run = ref.run(api, client);
      return new RunWaiter(api, client.environment(), spec.commandLine().getErr()).await(run, waitOptions, output.output());
    }
  }
}
