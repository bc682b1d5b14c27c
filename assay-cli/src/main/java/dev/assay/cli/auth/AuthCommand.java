package dev.assay.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.client.ApiClient;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code assay auth}: signing the CLI in and out of a server that requires authentication. */
@Command(name = "auth", mixinStandardHelpOptions = true,
    description = {"Sign in to an Assay server that requires authentication, sign out, and show who you are.",
        "`login` stores an API key in a profile of ~/.assay/config.toml (mode 0600); every other command then sends it. "
            + "A server on loopback without ASSAY_AUTH=on runs in local mode and needs no sign-in."},
    subcommands = {AuthLoginCommand.class, AuthLogoutCommand.class, AuthStatusCommand.class,
        AuthChangePasswordCommand.class})
public final class AuthCommand {
  private AuthCommand() {}

  /** The display form of a key the server did not describe: as the server redacts, first 6 + "…" + last 4. */
  static String redact(String key) {
    return key.length() <= 12 ? "…" : key.substring(0, 6) + "…" + key.substring(key.length() - 4);
  }

  /**
   * The metadata of key {@code keyId} from the key listing (there is no GET of one key in the API), or null when the
   * caller may not list it.
   */
  static JsonNode findKey(ApiClient api, String userId, String keyId) {
    if (keyId == null) {
      return null;
    }
    Map<String, String> query = userId == null ? Map.of() : Map.of("user_id", userId);
    for (JsonNode key : api.list("/v2/api-keys", query, "api_keys", 10_000).items()) {
      if (keyId.equals(key.path("id").asText())) {
        return key;
      }
    }
    return null;
  }
}
