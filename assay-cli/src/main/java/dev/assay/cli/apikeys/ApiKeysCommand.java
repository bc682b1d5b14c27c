package dev.assay.cli.apikeys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.CliException;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code assay api-keys}: personal and service API keys over {@code /v2/api-keys}. */
@Command(name = "api-keys", mixinStandardHelpOptions = true,
    description = {"Create, list, refresh and revoke API keys.",
        "A USER key acts as you, with your roles; a SERVICE key (--service) acts as its own service account with the "
            + "space roles you give it (at most your own). A new key is printed once and cannot be shown again; keys "
            + "are named by name or id."},
    subcommands = {ApiKeysListCommand.class, ApiKeysCreateCommand.class, ApiKeysRefreshCommand.class,
        ApiKeysRevokeCommand.class})
public final class ApiKeysCommand {
  static final List<String> COLUMNS = List.of("name", "id", "key_type", "status", "redacted_key", "expires_at",
      "last_used_at", "created_at");

  private ApiKeysCommand() {}

  /**
   * The key named {@code ref}: by id, else the one active key with that name among those the caller may see.
   *
   * @throws CliException exit 3 when there is none, 2 when several active keys share the name
   */
  static JsonNode find(ApiClient api, String ref) {
    List<JsonNode> keys = api.list("/v2/api-keys", Map.of(), "api_keys", 10_000).items();
    for (JsonNode key : keys) {
      if (ref.equals(key.path("id").asText())) {
        return key;
      }
    }
    List<JsonNode> named = keys.stream()
        .filter(k -> ref.equals(k.path("name").asText()) && "ACTIVE".equals(k.path("status").asText())).toList();
    if (named.isEmpty()) {
      throw CliException.notFound("no active API key named or with id '" + ref + "' (see `assay api-keys list`)");
    }
    if (named.size() > 1) {
      throw CliException.usage(named.size() + " active API keys are named '" + ref + "': name one by its id ("
          + String.join(", ", named.stream().map(k -> k.path("id").asText()).toList()) + ")");
    }
    return named.get(0);
  }

  /**
   * A key just created or refreshed. Table output: what it is on stderr and the key alone on stdout, so
   * {@code KEY=$(assay api-keys create --name ci)} captures it; other formats: the whole answer, {@code key} included.
   */
  static void printCreated(Output out, PrintWriter err, PrintWriter stdout, JsonNode created, String verb) {
    if (out.format() != OutputFormat.TABLE) {
      out.item(created, COLUMNS);
      return;
    }
    String expires = created.hasNonNull("expires_at") ? "expires " + created.get("expires_at").asText()
        : "never expires";
    err.println(verb + " " + created.path("key_type").asText() + " key '" + created.path("name").asText() + "' ("
        + created.path("id").asText() + "), " + expires + ". The key is shown only this once:");
    err.flush();
    stdout.print(created.path("key").asText() + "\n");
    stdout.flush();
  }
}
