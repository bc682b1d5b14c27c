package dev.assay.cli;

import dev.assay.cli.client.ApiClient;
import dev.assay.cli.profiles.Connection;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of every command that talks to a server ({@code --profile}, {@code --url}, {@code -v}), mixed
 * into each of them, and the one place where an {@link ApiClient} is built from the resolved
 * {@link Connection}.
 */
public final class ClientOptions {
  private final CliEnvironment env;

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Profile from config.toml to use (default: the active profile).")
  String profile;

  @Option(names = "--url", paramLabel = "URL",
      description = "Assay server URL; overrides ASSAY_URL and the profile (default: http://127.0.0.1:6006).")
  String url;

  @Option(names = {"-v", "--verbose"}, description = "Log each HTTP request and its status on stderr.")
  boolean verbose;

  private Connection connection;

  ClientOptions(CliEnvironment env) {
    this.env = env;
  }

  public CliEnvironment environment() {
    return env;
  }

  /** True when {@code --url} or {@code --profile} was given ({@code assay eval} runs standalone otherwise). */
  public boolean serverRequested() {
    return url != null || profile != null;
  }

  /** The server, key and default space this command uses (resolved once). */
  public Connection connection() {
    if (connection == null) {
      connection = Connection.resolve(env, profile, url);
    }
    return connection;
  }

  /** A client for {@link #connection()}; close it when done. */
  public ApiClient client() {
    return client(connection().url(), connection().apiKey());
  }

  /**
   * A client for another server or key than {@link #connection()} ({@code assay auth login} tries a key before it
   * stores it); {@code -v} applies as for every client.
   */
  public ApiClient client(URI url, String apiKey) {
    PrintWriter err = mixee.commandLine().getErr();
    return new ApiClient(url, apiKey, verbose ? err : null);
  }

  /** {@code --profile} as given, or null. */
  public String profileFlag() {
    return profile;
  }

  /** {@code --url} as given, or null. */
  public String urlFlag() {
    return url;
  }

  /** {@code --space} when given, else the profile's space, else null (the server's {@code default} space). */
  public String space(String spaceFlag) {
    return spaceFlag != null ? spaceFlag : connection().space();
  }

  /** The {@code space_id} query parameter that scopes a name in the path (the server takes an id or a name). */
  public Map<String, String> spaceQuery(String spaceFlag) {
    String space = space(spaceFlag);
    return space == null ? Map.of() : Map.of("space_id", space);
  }
}
