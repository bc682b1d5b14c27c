package dev.assay.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.cli.CliEnvironment;
import dev.assay.cli.CliException;
import dev.assay.cli.ClientOptions;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.OutputOptions;
import dev.assay.cli.SecretInput;
import dev.assay.cli.client.ApiClient;
import dev.assay.cli.client.ApiException;
import dev.assay.cli.profiles.Connection;
import dev.assay.cli.profiles.Profile;
import dev.assay.cli.profiles.ProfileStore;
import dev.assay.cli.profiles.ProfilesFile;
import dev.assay.config.ConfigKey;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code assay auth login}: gets an API key for the CLI (with email and password) or checks a given one, and stores it
 * in a profile. The key and the password are never printed: only the key's redacted form and its expiry.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
    description = {"Sign in and store an API key in a profile (--profile, else the active one, else 'default'; created "
        + "when missing, made active when no other is). The server is --url, else ASSAY_URL, else the profile's URL.",
        "With --email, the password comes from stdin (--password-stdin), else ASSAY_PASSWORD, else a prompt without "
            + "echo; the server issues a key named --name (default assay-cli) that expires in 30 days. With --api-key, "
            + "the key is checked and stored as it is (- reads it from stdin).",
        "Wrong credentials: exit 5 and nothing is stored."})
public final class AuthLoginCommand implements Callable<Integer> {
  static final List<String> COLUMNS = List.of("profile", "url", "email", "account_role", "key_name", "redacted_key",
      "expires_at");
  private static final String DEFAULT_PROFILE = "default";

  private final CliEnvironment env;

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin OutputOptions output;

  @ArgGroup(exclusive = true)
  Credentials credentials;

  static final class Credentials {
    @Option(names = "--email", paramLabel = "EMAIL", description = "Sign in as this user (asks for the password).")
    String email;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Store this existing API key (- reads it from "
        + "stdin; an argument shows in `ps` and shell history).")
    String apiKey;
  }

  @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
  boolean passwordStdin;

  @Option(names = "--name", paramLabel = "KEYNAME",
      description = "Name of the key the server issues (default: assay-cli).")
  String keyName;

  AuthLoginCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (passwordStdin && (credentials == null || credentials.email == null)) {
      throw CliException.usage("--password-stdin goes with --email");
    }
    ProfileStore store = new ProfileStore(env.configDir());
    ProfilesFile file = store.load();
    String profileName = client.profileFlag() != null ? ProfileStore.requireValidName(client.profileFlag())
        : file.active() != null ? file.active() : DEFAULT_PROFILE;
    Profile existing = file.profiles().get(profileName);
    URI url = serverUrl(existing);
    boolean repointed = existing != null && !url.toString().equals(existing.url());
    if (repointed && client.profileFlag() == null) {
      // Never repoint a profile nobody named: its key and URL may be another server's sign-in.
      throw CliException.usage("the active profile '" + profileName + "' is for " + existing.url() + ", not " + url
          + ": sign in under a new profile with --profile NAME (or --profile " + profileName + " to repoint it)");
    }
    PrintWriter err = spec.commandLine().getErr();

    try (ApiClient anonymous = client.client(url, null)) {
      if (!anonymous.get("/auth/status", Map.of()).path("auth_enabled").asBoolean(false)) {
        err.println("Assay at " + url + " runs with authentication off (local mode): every command works without "
            + "signing in. Nothing was stored.");
        err.flush();
        return ExitCodes.OK;
      }
      String key;
      JsonNode keyInfo;
      if (credentials != null && credentials.apiKey != null) {
        key = credentials.apiKey.equals("-") ? SecretInput.stdinLine(env, "the API key") : credentials.apiKey.strip();
        keyInfo = null;
      } else {
        String email = email();
        ObjectNode body = ApiClient.object().put("email", email)
            .put("password", SecretInput.password(env, err, passwordStdin, "Password for " + email));
        if (keyName != null) {
          body.put("name", keyName);
        }
        JsonNode created = signIn(anonymous, body, url);
        key = created.path("key").asText(null);
        keyInfo = created.path("api_key");
        if (key == null) {
          throw CliException.failure("Assay at " + url + " answered the sign-in without a key; is it an Assay server?");
        }
      }
      JsonNode me = whoAmI(url, key);
      if (keyInfo == null || keyInfo.isMissingNode()) {
        keyInfo = describe(url, key, me);
      }
      ProfilesFile saved = stored(file, profileName, existing, url, key);
      store.save(saved);
      output.output().item(row(profileName, url, me, keyInfo, key), COLUMNS);
      if (repointed) {
        err.println("note: profile '" + profileName + "' now points at " + url + " (was " + existing.url() + ")");
      }
      if (!profileName.equals(saved.active())) {
        err.println("note: profile '" + profileName + "' is not the active one: pass --profile " + profileName
            + " or run `assay profiles use " + profileName + "`");
      }
      notes(err, me, existing, key);
    }
    return ExitCodes.OK;
  }

  private URI serverUrl(Profile existing) {
    String text = client.urlFlag() != null ? client.urlFlag() : env.get(ConfigKey.URL) != null ? env.get(ConfigKey.URL)
        : existing != null ? existing.url() : ConfigKey.URL.defaultValue();
    return Connection.parseUrl(text.strip().replaceAll("/+$", ""));
  }

  private String email() {
    if (credentials != null && credentials.email != null) {
      return credentials.email.strip();
    }
    if (!env.interactive()) {
      throw CliException.usage("give --email EMAIL (with the password on stdin, in ASSAY_PASSWORD or typed) or "
          + "--api-key KEY");
    }
    String typed = SecretInput.prompt(env, spec.commandLine().getErr(), "Email: ", false);
    if (typed == null || typed.isBlank()) {
      throw CliException.usage("no email given");
    }
    return typed.strip();
  }

  /** POST /auth/cli-token; a refusal is exit 5 in the server's words (wrong password, or locked after failures). */
  private static JsonNode signIn(ApiClient anonymous, ObjectNode body, URI url) {
    try {
      return anonymous.post("/auth/cli-token", body);
    } catch (ApiException e) {
      if (e.status() == 401) {
        throw new CliException(ExitCodes.AUTH, "sign-in to Assay at " + url + " failed: " + e.detail()
            + "; nothing was stored");
      }
      if (e.status() == 403) {
        // The password was right but is temporary: the server gives no key until the user chooses its own.
        throw new CliException(ExitCodes.AUTH, "Assay at " + url + " gave no key: " + e.detail() + "; "
            + AuthChangePasswordCommand.hint(body.path("email").asText()));
      }
      throw e;
    }
  }

  private JsonNode whoAmI(URI url, String key) {
    try (ApiClient api = client.client(url, key)) {
      return api.get("/auth/me", Map.of());
    } catch (ApiException e) {
      if (e.status() == 401 || e.status() == 403) {
        throw new CliException(ExitCodes.AUTH, "Assay at " + url + " refused the API key (" + e.detail()
            + "); nothing was stored");
      }
      throw e;
    }
  }

  /** The stored key's metadata for --api-key, where the server did not just describe it; null when not listable. */
  private JsonNode describe(URI url, String key, JsonNode me) {
    try (ApiClient api = client.client(url, key)) {
      return AuthCommand.findKey(api, me.path("user").path("id").asText(null), me.path("api_key_id").asText(null));
    } catch (CliException notListable) {
      return null;
    }
  }

  private static ProfilesFile stored(ProfilesFile file, String name, Profile existing, URI url, String key) {
    Profile profile = new Profile(url.toString(), key, existing == null ? null : existing.space());
    ProfilesFile updated = file.with(name, profile);
    boolean noActive = file.active() == null || !file.profiles().containsKey(file.active());
    return noActive ? updated.withActive(name) : updated;
  }

  static ObjectNode row(String profile, URI url, JsonNode me, JsonNode keyInfo, String key) {
    JsonNode user = me.path("user");
    ObjectNode row = ApiClient.object();
    row.put("profile", profile);
    row.put("url", url.toString());
    row.put("email", user.path("email").asText(""));
    row.put("account_role", user.path("role").path("name").asText(""));
    row.put("key_name", keyInfo == null ? "" : keyInfo.path("name").asText(""));
    row.put("redacted_key", keyInfo == null || !keyInfo.hasNonNull("redacted_key") ? AuthCommand.redact(key)
        : keyInfo.get("redacted_key").asText());
    row.put("expires_at", keyInfo == null ? "" : keyInfo.path("expires_at").asText(""));
    return row;
  }

  private void notes(PrintWriter err, JsonNode me, Profile existing, String key) {
    if (me.path("user").path("must_change_password").asBoolean(false)) {
      err.println("note: your password is temporary: set a new one in the web UI before anything else works");
    }
    if (existing != null && existing.apiKey() != null && !existing.apiKey().equals(key)) {
      err.println("note: the profile's previous key was replaced, not revoked; see `assay api-keys list`");
    }
    if (env.get(ConfigKey.API_KEY) != null) {
      err.println("note: " + ConfigKey.API_KEY.env() + " is set in the environment and overrides the stored key");
    }
    err.flush();
  }
}
