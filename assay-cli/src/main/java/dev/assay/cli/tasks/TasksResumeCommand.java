package dev.assay.cli.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "resume", mixinStandardHelpOptions = true,
    description = {"Lift a task's pause by hand. A task pauses when its judge model fails for a reason retrying cannot "
        + "fix (a wrong key, billing, an unknown model); fixing the model config (`assay models`) resumes it by itself.",
        "Its parked work goes on where it stopped: finished targets are not evaluated again."})
public final class TasksResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin TaskLookup lookup;

  @Parameters(paramLabel = "TASK", description = "Task name or id.")
  String task;

  @Override
  public Integer call() {
    try (ApiClient api = client.client()) {
      JsonNode found = lookup.task(api, client, task);
      PrintWriter err = spec.commandLine().getErr();
      if (!found.hasNonNull("paused_reason")) {
        err.println("note: task '" + found.path("name").asText(task) + "' was not paused");
        err.flush();
      }
      JsonNode resumed = api.post(TasksCommand.path(found.path("id").asText()) + "/resume", Map.of(), ApiClient.object());
      TasksCommand.printTask(output.output(), resumed);
    }
    return ExitCodes.OK;
  }
}
