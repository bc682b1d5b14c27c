package dev.assay.cli.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.client.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code -p/--project} and {@code --space} for commands that name a task: task names are unique per project, so a
 * name is looked up in the project when one is given, else across the space; an API id is used as it is.
 */
public final class TaskLookup {
  @Option(names = {"-p", "--project"}, paramLabel = "PROJECT",
      description = "Project to look the task name up in (name or id); needed when projects share a task name.")
  String project;

  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look names up in (name or id).")
  String space;

  /** The task named {@code ref} (name or id) as the API returns it; exit 3 when there is none. */
  JsonNode task(ApiClient api, ClientOptions client, String ref) {
    if (isApiId("Task", ref)) {
      return api.get(TasksCommand.path(ref), Map.of());
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("space_id", client.space(space));
    query.put("project_id", project == null ? null : projectId(api, client, project, space));
    query.put("name", ref);
    List<JsonNode> named = new ArrayList<>();
    for (JsonNode task : api.list("/v2/tasks", query, "tasks", 1000).items()) {
      if (ref.equals(task.path("name").asText())) {
        named.add(task);
      }
    }
    if (named.size() == 1) {
      return named.getFirst();
    }
    if (named.size() > 1) {
      List<String> projects = named.stream().map(t -> t.path("project_id").asText()).toList();
      throw CliException.usage("tasks named '" + ref + "' exist in several projects (" + String.join(", ", projects)
          + "): say which with --project");
    }
    try {
      // Not a name: perhaps a store id the API also accepts.
      return api.get(TasksCommand.path(ref), Map.of());
    } catch (ApiException e) {
      if (e.status() == 404 || e.status() == 400) {
        throw CliException.notFound("task '" + ref + "' not found" + (project == null ? "" : " in project '" + project + "'")
            + " (see `assay tasks list`)");
      }
      throw e;
    }
  }

  /** The project's API id; exit 3 when it does not exist. */
  static String projectId(ApiClient api, ClientOptions client, String project, String space) {
    return api.get("/v2/projects/" + ApiClient.segment(project), client.spaceQuery(space)).path("id").asText();
  }

  /** Whether {@code value} is an API id of {@code type} (base64 of {@code Type:…}, see the server's ApiIds). */
  static boolean isApiId(String type, String value) {
    try {
      String text = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
      return text.startsWith(type + ":") && text.length() > type.length() + 1;
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }
}
