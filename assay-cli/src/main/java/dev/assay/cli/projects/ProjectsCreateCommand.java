package dev.assay.cli.projects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Create a project. Traces sent with this project name land in it; names are unique per space.")
public final class ProjectsCreateCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @Parameters(paramLabel = "NAME", description = "The new project's name.")
  String name;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to create it in (name or id; default: the "
      + "profile's space, else the default space).")
  String space;

  @Override
  public Integer call() {
    ObjectNode body = ApiClient.object().put("name", name);
    String spaceRef = client.space(space);
    if (spaceRef != null) {
      body.put("space_id", spaceRef);
    }
    try (ApiClient api = client.client()) {
      output.output().item(api.post("/v2/projects", body), ProjectsCommand.COLUMNS);
    }
    return ExitCodes.OK;
  }
}
