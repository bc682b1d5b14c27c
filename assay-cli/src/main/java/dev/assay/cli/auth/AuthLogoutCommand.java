package dev.assay.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.client.ApiException;
import dev.assay.cli.profiles.Connection;
import dev.assay.cli.profiles.Profile;
import dev.assay.cli.profiles.ProfileStore;
import dev.assay.cli.profiles.ProfilesFile;
import dev.assay.config.ConfigKey;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code assay auth logout}: revokes the profile's key on its server and removes it from the profile. Signing out
 * must work when it matters most (the server is gone, the key was already revoked), so those two only warn.
 */
@Command(name = "logout", mixinStandardHelpOptions = true,
    description = {"Sign out: revoke the profile's API key on its server and remove it from the profile (--profile, "
        + "else the active one). The profile's URL and space stay.",
        "When the server cannot be reached or no longer accepts the key, the key is still removed, with a warning."})
public final class AuthLogoutCommand implements Callable<Integer> {
  private final CliEnvironment env;

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  AuthLogoutCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (client.urlFlag() != null) {
      throw CliException.usage("logout signs a profile out of its own server; name the profile with --profile, "
          + "not --url");
    }
    ProfileStore store = new ProfileStore(env.configDir());
    ProfilesFile file = store.load();
    String name = client.profileFlag() != null ? client.profileFlag() : file.active();
    if (name == null) {
      throw CliException.notFound("no active profile in " + store.file() + ": nothing to sign out of");
    }
    Profile profile = ProfileStore.require(file, name, store.file());
    PrintWriter err = spec.commandLine().getErr();
    if (profile.apiKey() == null) {
      err.println("Profile '" + name + "' holds no API key: already signed out.");
    } else {
      URI url = Connection.parseUrl(profile.url());
      String outcome = revoke(url, profile.apiKey(), err);
      store.save(file.with(name, new Profile(profile.url(), null, profile.space())));
      err.println("Signed out of " + url + ": " + outcome + "; removed from profile '" + name + "'.");
    }
    if (env.get(ConfigKey.API_KEY) != null) {
      err.println("note: " + ConfigKey.API_KEY.env() + " is still set in the environment; commands keep sending it");
    }
    err.flush();
    return ExitCodes.OK;
  }

  /** Revokes the key on the server; says what happened to it. */
  private String revoke(URI url, String key, PrintWriter err) {
    String shown = AuthCommand.redact(key);
    try (ApiClient api = client.client(url, key)) {
      JsonNode me = api.get("/auth/me", Map.of());
      String keyId = me.path("api_key_id").asText(null);
      if (!me.path("auth_enabled").asBoolean(false) || keyId == null) {
        return "key " + shown + " was not in use there (authentication is off)";
      }
      api.post("/v2/api-keys/" + ApiClient.segment(keyId) + "/revoke", ApiClient.object());
      return "key " + shown + " (" + keyId + ") revoked";
    } catch (ApiException e) {
      if (e.status() != 401) {
        throw e;
      }
      err.println("warning: Assay at " + url + " no longer accepts the key (" + e.detail() + "): it was revoked or "
          + "expired already");
      return "key " + shown + " was no longer valid";
    } catch (CliException e) {
      if (e.exitCode() != ExitCodes.UNREACHABLE) {
        throw e;
      }
      err.println("warning: " + e.getMessage() + "; the key stays valid on the server until it expires: revoke it "
          + "later with `assay api-keys revoke`");
      return "key " + shown + " NOT revoked (server unreachable)";
    }
  }
}
