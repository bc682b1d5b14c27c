package dev.assay.cli.projects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.Confirmation;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.client.ApiClient;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "delete", mixinStandardHelpOptions = true,
    description = {"Delete a project with all its traces and evaluations.",
        "Asks for confirmation at a terminal; elsewhere (scripts, agents) it refuses with exit 2 unless --force is given."})
public final class ProjectsDeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Parameters(paramLabel = "PROJECT", description = "Project name or id.")
  String project;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the name up in (name or id).")
  String space;

  @Option(names = {"-f", "--force"}, description = "Delete without asking.")
  boolean force;

  @Override
  public Integer call() {
    Confirmation.requireForceOrTerminal(client.environment(), force, "delete project '" + project + "'");
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> query = ProjectsCommand.spaceQuery(client.space(space));
    try (ApiClient api = client.client()) {
      String target = project;
      if (!force) {
        // Looked up first: a missing project fails with 3 before anyone is asked, and the question names its id.
        JsonNode found = api.get(ProjectsCommand.path(project), query);
        target = found.path("id").asText(project);
        Confirmation.ask(client.environment(), err, "delete project '" + found.path("name").asText(project) + "' ("
            + target + ")");
      }
      api.delete(ProjectsCommand.path(target), query);
    }
    err.println("Deleted project '" + project + "'.");
    err.flush();
    return ExitCodes.OK;
  }
}
