package dev.assay.cli.projects;

import dev.assay.cli.client.ApiClient;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code assay projects}: the projects that traces are recorded in, over {@code /v2/projects}. */
@Command(
    name = "projects",
    mixinStandardHelpOptions = true,
    description = "List, show, create, rename and delete projects. A project is named by its name (looked up in "
        + "--space, else the profile's space, else the default space) or by its id.",
    subcommands = {ProjectsListCommand.class, ProjectsGetCommand.class, ProjectsCreateCommand.class,
        ProjectsUpdateCommand.class, ProjectsDeleteCommand.class})
public final class ProjectsCommand {
  /** Table and CSV columns, in order. */
  static final List<String> COLUMNS = List.of("name", "id", "space_id", "created_at");

  static String path(String project) {
    return "/v2/projects/" + ApiClient.segment(project);
  }

}
