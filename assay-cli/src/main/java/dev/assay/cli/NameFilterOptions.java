package dev.assay.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --space} and {@code --name}, the filters of every list of resources named per space (projects, evaluators,
 * model configs), as the query parameters the API's list routes take.
 */
public final class NameFilterOptions {
  @Option(names = "--space", paramLabel = "SPACE", description = "Only ${PARENT-COMMAND-NAME} in this space (name or id).")
  String space;

  @Option(names = "--name", paramLabel = "TEXT",
      description = "Only ${PARENT-COMMAND-NAME} whose name contains TEXT (ignoring case).")
  String name;

  /** {@code space_id} (the flag, else the profile's space) and {@code name}; null values are left out by the client. */
  public Map<String, String> query(ClientOptions client) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("space_id", client.space(space));
    query.put("name", name);
    return query;
  }
}
