package dev.assay.cli.tasks;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LimitOptions;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List tasks (of a project with -p); a paused task shows why in paused_reason. -o json shows the "
        + "evaluators with their mappings whole.")
public final class TasksListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;
  @Mixin LimitOptions limit;

  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT", description = "Only tasks of this project (name or id).")
  String project;

  @Option(names = "--space", paramLabel = "SPACE", description = "Only tasks in this space (name or id).")
  String space;

  @Option(names = "--name", paramLabel = "TEXT", description = "Only tasks whose name contains TEXT (ignoring case).")
  String name;

  @Option(names = "--type", paramLabel = "TYPE", description = "Only tasks of this type: ${COMPLETION-CANDIDATES}.")
  TasksCreateCommand.TaskType type;

  @Override
  public Integer call() {
    int max = limit.value();
    try (ApiClient api = client.client()) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("space_id", client.space(space));
      query.put("project_id", project == null ? null : TaskLookup.projectId(api, client, project, space));
      query.put("name", name);
      query.put("type", type == null ? null : type.name());
      ApiClient.Listing listing = api.list("/v2/tasks", query, "tasks", max);
      TasksCommand.printTasks(output.output(), listing.items());
      limit.noteTruncation(listing, "tasks");
    }
    return ExitCodes.OK;
  }
}
