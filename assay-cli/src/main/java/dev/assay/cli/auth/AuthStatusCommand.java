package dev.assay.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.client.ApiException;
import dev.assay.cli.output.Output;
import dev.assay.cli.output.OutputFormat;
import dev.assay.cli.profiles.Connection;
import dev.assay.config.ConfigKey;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code assay auth status}: the server, who the key signs in as, and the roles that gives. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show the server, the signed-in user, its account role, its spaces with roles, and the key's name "
        + "and expiry, for the connection every other command would use.",
        "Exit 5 when not signed in or the key is refused; a server in local mode says 'authentication is off'."})
public final class AuthStatusCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  AuthStatusCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    Connection connection = client.connection();
    ObjectNode status = ApiClient.object();
    status.put("url", connection.url().toString());
    status.put("profile", connection.profile());
    status.put("key_source", keySource(connection));
    try (ApiClient api = client.client()) {
      JsonNode me = me(api, connection);
      boolean enabled = me.path("auth_enabled").asBoolean(false);
      status.put("auth_enabled", enabled);
      status.put("via", me.path("via").asText(null));
      status.set("user", me.path("user").isObject() ? me.get("user") : null);
      status.set("api_key", enabled ? key(api, me) : null);
      status.set("spaces", me.path("spaces").isArray() ? me.get("spaces") : ApiClient.object().arrayNode());
    }
    Output out = output.output();
    if (out.format() == OutputFormat.JSON || out.format() == OutputFormat.JSONL) {
      out.item(status, List.of());
    } else {
      print(spec.commandLine().getOut(), status);
    }
    return ExitCodes.OK;
  }

  private String keySource(Connection connection) {
    if (connection.apiKey() == null) {
      return null;
    }
    return env.get(ConfigKey.API_KEY) != null ? ConfigKey.API_KEY.env() : "profile " + connection.profile();
  }

  private static JsonNode me(ApiClient api, Connection connection) {
    try {
      return api.get("/auth/me", Map.of());
    } catch (ApiException e) {
      if (e.status() != 401) {
        throw e;
      }
      throw new CliException(ExitCodes.AUTH, connection.apiKey() == null
          ? "not signed in to Assay at " + connection.url() + ": run `assay auth login --email EMAIL`"
          : "Assay at " + connection.url() + " refused the API key (" + e.detail() + "): sign in again with "
              + "`assay auth login`");
    }
  }

  /** The key's metadata; null for a session, or when this caller may not list it (it still works). */
  private static JsonNode key(ApiClient api, JsonNode me) {
    try {
      return AuthCommand.findKey(api, me.path("user").path("id").asText(null), me.path("api_key_id").asText(null));
    } catch (CliException notListable) {
      return null;
    }
  }

  private static void print(PrintWriter out, JsonNode status) {
    String profile = status.path("profile").isTextual() ? " (profile " + status.get("profile").asText() + ")" : "";
    out.println("Server:   " + status.path("url").asText() + profile);
    if (!status.path("auth_enabled").asBoolean()) {
      out.println("Auth:     authentication is off (local mode): every request is allowed");
      out.flush();
      return;
    }
    JsonNode user = status.path("user");
    out.println("User:     " + user.path("name").asText() + " <" + user.path("email").asText() + ">, account role "
        + user.path("role").path("name").asText() + (user.path("must_change_password").asBoolean() ? " (must change "
        + "password)" : ""));
    JsonNode key = status.path("api_key");
    if (key.isObject()) {
      String expires = key.hasNonNull("expires_at") ? "expires " + key.get("expires_at").asText() : "never expires";
      out.println("API key:  " + key.path("name").asText() + " " + key.path("redacted_key").asText() + ", " + expires
          + " (from " + status.path("key_source").asText() + ")");
    } else {
      out.println("Signed in via " + status.path("via").asText());
    }
    JsonNode spaces = status.path("spaces");
    out.println(spaces.isEmpty() ? "Spaces:   none (a space admin grants one: `assay users grant`)" : "Spaces:");
    int width = 0;
    for (JsonNode space : spaces) {
      width = Math.max(width, space.path("space_name").asText().length());
    }
    for (JsonNode space : spaces) {
      String name = space.path("space_name").asText();
      out.println("  " + name + " ".repeat(width - name.length() + 2) + space.path("role").asText());
    }
    out.flush();
  }
}
