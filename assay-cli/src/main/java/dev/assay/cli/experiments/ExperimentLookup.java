package dev.assay.cli.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.client.ApiClient;
import picocli.CommandLine.Option;

/**
 * {@code --space} for commands that name an experiment: the server takes an id or a name (looked up in the space),
 * so the reference goes in the path as it is; a missing one is the server's 404, exit 3.
 */
public final class ExperimentLookup {
  @Option(names = "--space", paramLabel = "SPACE", description = "Space to look experiment names up in (name or id).")
  String space;

  JsonNode experiment(ApiClient api, ClientOptions client, String ref) {
    return api.get(ExperimentsCommand.path(ref), client.spaceQuery(space));
  }
}
