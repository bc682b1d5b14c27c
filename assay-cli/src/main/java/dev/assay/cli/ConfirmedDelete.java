package dev.assay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.client.ApiClient;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The delete flow every noun shares: refuse without {@code --force} when nobody can answer, resolve the name first
 * (so a missing one fails with exit 3 before anyone is asked, and the question names its id), ask, delete by id.
 */
public final class ConfirmedDelete {
  private ConfirmedDelete() {}

  /**
   * @param noun what is deleted, as the messages say it ("project", "model config")
   * @param ref the name or id the user gave
   * @param resolve reads the resource named {@code ref} (its JSON has {@code id} and {@code name})
   * @param pathOf the resource's path for an id
   */
  public static int run(ClientOptions client, PrintWriter err, boolean force, String noun, String ref,
      BiFunction<ApiClient, String, JsonNode> resolve, Function<String, String> pathOf, Map<String, String> query) {
    Confirmation.requireForceOrTerminal(client.environment(), force, "delete " + noun + " '" + ref + "'");
    try (ApiClient api = client.client()) {
      JsonNode found = resolve.apply(api, ref);
      String id = found.path("id").asText(ref);
      if (!force) {
        Confirmation.ask(client.environment(), err, "delete " + noun + " '" + found.path("name").asText(ref) + "' (" + id + ")");
      }
      api.delete(pathOf.apply(id), query);
    }
    err.println("Deleted " + noun + " '" + ref + "'.");
    err.flush();
    return ExitCodes.OK;
  }
}
