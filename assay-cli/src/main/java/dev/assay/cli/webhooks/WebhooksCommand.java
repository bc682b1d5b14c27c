package dev.assay.cli.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.CliException;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.client.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code assay webhooks}: notification channels over {@code /v2/webhooks}, in the AX CLI's {@code webhooks} shape. */
@Command(
    name = "webhooks",
    mixinStandardHelpOptions = true,
    description = {"List, show, create, update, test and delete webhooks: where monitors send alerts. A delivery is a "
        + "JSON POST signed with HMAC-SHA256 (X-Assay-Signature) or carrying a Bearer token; the token and header values "
        + "are stored encrypted and never shown. Every delivery is logged (see `deliveries`).",
        "Private, loopback and link-local URLs are refused unless the server's ASSAY_ALLOWED_HOSTS lists them.",
        "A webhook is named by its name (in --space, else the profile's space, else the default space) or its id."},
    subcommands = {WebhooksListCommand.class, WebhooksGetCommand.class, WebhooksCreateCommand.class,
        WebhooksUpdateCommand.class, WebhooksTestCommand.class, WebhooksDeliveriesCommand.class,
        WebhooksDeleteCommand.class})
public final class WebhooksCommand {
  /** Table and CSV columns, in order. */
  static final List<String> COLUMNS = List.of("name", "id", "url", "auth_type", "has_auth_token", "headers", "timeout_ms",
      "created_at");
  static final List<String> DELIVERY_COLUMNS = List.of("created_at", "id", "event", "status", "http_status", "attempts",
      "duration_ms", "error");

  private WebhooksCommand() {}

  static String path(String id) {
    return "/v2/webhooks/" + ApiClient.segment(id);
  }

  /**
   * The webhook named {@code ref}: the one whose name is exactly {@code ref} (the API's name filter matches
   * substrings), else the one with that id; exit 3 when neither exists.
   */
  static JsonNode resolve(ApiClient api, String ref, String space) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("space_id", space);
    query.put("name", ref);
    for (JsonNode hook : api.list("/v2/webhooks", query, "webhooks", 1000).items()) {
      if (ref.equals(hook.path("name").asText())) {
        return hook;
      }
    }
    try {
      return api.get(path(ref), space == null ? Map.of() : Map.of("space_id", space));
    } catch (ApiException e) {
      if (e.status() == 404 || e.status() == 400) {
        throw CliException.notFound("webhook '" + ref + "' not found (see `assay webhooks list`)");
      }
      throw e;
    }
  }
}
