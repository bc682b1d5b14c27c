package dev.assay.cli.traces;

import dev.assay.cli.ClientOptions;
import dev.assay.cli.client.ApiClient;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code -p/--project} and {@code --space}: the project a trace, span or session command reads. It is looked
 * up by name (in {@code --space}, else the profile's space, else the default space) or id first, so an unknown
 * project is "not found" (exit 3) and names work in any space.
 */
public class ProjectOption {
  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT", required = true, description = "Project name or id.")
  String project;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look the project name up in (name or id).")
  String space;

  /** The {@code --space} flag as given (null when not given). */
  public String space() {
    return space;
  }

  /** The project's API id, looked up on the server. */
  public String projectId(ApiClient api, ClientOptions client) {
    String spaceRef = client.space(space);
    Map<String, String> query = spaceRef == null ? Map.of() : Map.of("space_id", spaceRef);
    return api.get("/v2/projects/" + ApiClient.segment(project), query).path("id").asText();
  }
}
