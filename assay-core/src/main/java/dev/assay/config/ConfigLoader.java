package dev.assay.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.assay.store.DatabaseTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds the {@link AssayConfig} from, lowest precedence first: defaults, the config file, the environment
 * and command-line flags. The environment is passed in (never read statically) so tests can supply it.
 *
 * <p>The config file is TOML with the file keys of {@link ConfigKey}; it is the file named by
 * {@code --config}/{@code ASSAY_CONFIG} (which must exist) or else {@code <working_dir>/server.toml} when that
 * exists. Unknown file keys are errors; unknown {@code ASSAY_*} environment variables are warnings, because
 * the environment is shared with other programs and a stale variable should not stop a server.
 */
public final class ConfigLoader {
  /** Name of the config file looked for in the working directory. */
  public static final String DEFAULT_CONFIG_FILE = "server.toml";
  private static final String ENV_PREFIX = "ASSAY_";

  private final Map<String, String> environment;
  private final Path userHome;

  public ConfigLoader(Map<String, String> environment, Path userHome) {
    if (environment == null || userHome == null) {
      throw new NullPointerException("environment and userHome are required");
    }
    this.environment = Map.copyOf(environment);
    this.userHome = userHome.toAbsolutePath().normalize();
  }

  /** A loader over this process's environment and home directory. */
  public static ConfigLoader fromSystem() {
    return new ConfigLoader(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * Loads and validates the configuration, creating the working directory if needed.
   *
   * @param flags values given on the command line, by key (only keys with a {@link ConfigKey#flag()})
   * @throws ConfigException with a one-line message when any value is invalid
   */
  public LoadedConfig load(Map<ConfigKey, String> flags) {
    List<String> warnings = new ArrayList<>();
    Map<ConfigKey, Setting> fromFlags = readFlags(flags);
    Map<ConfigKey, Setting> fromEnv = readEnvironment(warnings);
    Optional<Path> file = locateConfigFile(fromFlags, fromEnv);

    Map<ConfigKey, Setting> settings = new EnumMap<>(ConfigKey.class);
    file.ifPresent(f -> settings.putAll(readFile(f)));
    settings.putAll(fromEnv);
    settings.putAll(fromFlags);
    return new LoadedConfig(build(settings, warnings), file, warnings);
  }

  private static Map<ConfigKey, Setting> readFlags(Map<ConfigKey, String> flags) {
    Map<ConfigKey, Setting> result = new EnumMap<>(ConfigKey.class);
    flags.forEach((key, value) -> {
      if (key.flag().isEmpty()) {
        throw new IllegalArgumentException(key + " has no command-line flag");
      }
      if (value != null) {
        result.put(key, Setting.fromFlag(key, value));
      }
    });
    return result;
  }

  private Map<ConfigKey, Setting> readEnvironment(List<String> warnings) {
    Map<ConfigKey, Setting> result = new EnumMap<>(ConfigKey.class);
    TreeSet<String> unknown = new TreeSet<>();
    environment.forEach((name, value) -> {
      if (!name.startsWith(ENV_PREFIX)) {
        return;
      }
      Optional<ConfigKey> key = ConfigKey.byEnv(name);
      if (key.isEmpty()) {
        unknown.add(name);
      } else if (key.get().scope() == ConfigKey.Scope.SERVER && value != null && !value.isBlank()) {
        result.put(key.get(), Setting.fromEnvironment(key.get(), value));
      }
    });
    String known = ConfigKey.serverKeys().stream().map(ConfigKey::env).collect(Collectors.joining(", "));
    for (String name : unknown) {
      warnings.add("ignoring environment variable " + name + ": it is not an Assay setting (a typo?); the server reads "
          + known);
    }
    return result;
  }

  private Optional<Path> locateConfigFile(Map<ConfigKey, Setting> fromFlags, Map<ConfigKey, Setting> fromEnv) {
    Setting explicit = fromFlags.getOrDefault(ConfigKey.CONFIG, fromEnv.get(ConfigKey.CONFIG));
    if (explicit != null) {
      Path file = ConfigValues.path(explicit.value(), userHome);
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("config file " + file + " (from " + explicit.origin() + ") "
            + (Files.exists(file) ? "is not a regular file" : "does not exist"));
      }
      return Optional.of(file);
    }
    Setting dir = fromFlags.getOrDefault(ConfigKey.WORKING_DIR, fromEnv.get(ConfigKey.WORKING_DIR));
    Path candidate = workingDir(dir).resolve(DEFAULT_CONFIG_FILE);
    return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
  }

  private static Map<ConfigKey, Setting> readFile(Path file) {
    Map<String, Object> raw;
    try {
      raw = new TomlMapper().readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JacksonException e) {
      throw new ConfigException("config file " + file + " is not valid TOML: " + describe(e), e);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    Map<ConfigKey, Setting> result = new EnumMap<>(ConfigKey.class);
    if (raw == null) {
      return result;
    }
    raw.forEach((name, value) -> {
      ConfigKey key = ConfigKey.byFileKey(name).orElseThrow(() -> new ConfigException(
          "unknown key '" + name + "' in " + file + "; valid keys: " + String.join(", ", ConfigKey.fileKeys())));
      if (value instanceof Map<?, ?> || value instanceof List<?> || value == null) {
        throw new ConfigException("key '" + name + "' in " + file + " must be a single value, not a table or array");
      }
      result.put(key, Setting.fromFile(key, String.valueOf(value), file));
    });
    return result;
  }

  private static String describe(JacksonException e) {
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    message = message.lines().findFirst().orElse(message);
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1 ? message : message + " (line " + at.getLineNr() + ")";
  }

  private Path workingDir(Setting setting) {
    return setting == null ? userHome.resolve(".assay") : ConfigValues.path(setting.value(), userHome);
  }

  private AssayConfig build(Map<ConfigKey, Setting> settings, List<String> warnings) {
    String host = ConfigValues.host(get(settings, ConfigKey.HOST));
    int port = ConfigValues.port(get(settings, ConfigKey.PORT));
    int grpcPort = ConfigValues.port(get(settings, ConfigKey.GRPC_PORT));
    if (port != 0 && port == grpcPort) {
      throw new ConfigException("the HTTP port and the OTLP/gRPC port are both " + port + " (" + get(settings, ConfigKey.PORT).origin()
          + ", " + get(settings, ConfigKey.GRPC_PORT).origin() + "); set " + ConfigKey.PORT.howToSet() + " or "
          + ConfigKey.GRPC_PORT.howToSet() + " to different ports");
    }
    Setting dirSetting = settings.get(ConfigKey.WORKING_DIR);
    Path workingDir = workingDir(dirSetting);
    ConfigValues.requireWritableDirectory(workingDir,
        dirSetting == null ? Setting.fromDefault(ConfigKey.WORKING_DIR, workingDir.toString()) : dirSetting);
    Setting url = settings.get(ConfigKey.DATABASE_URL);
    DatabaseTarget database = url == null ? DatabaseTarget.embedded(workingDir) : ConfigValues.database(url);

    AssayConfig config = new AssayConfig(host, port, grpcPort, workingDir, database,
        ConfigValues.size(get(settings, ConfigKey.MAX_REQUEST_BYTES)),
        ConfigValues.integer(get(settings, ConfigKey.DB_POOL_SIZE), 1, 1_000),
        ConfigValues.integer(get(settings, ConfigKey.WRITER_QUEUE_ROWS), 1, Integer.MAX_VALUE),
        ConfigValues.integer(get(settings, ConfigKey.WORKER_CONCURRENCY), 1, 10_000),
        ConfigValues.duration(get(settings, ConfigKey.SHUTDOWN_TIMEOUT)),
        ConfigValues.duration(get(settings, ConfigKey.TASK_TRACE_SETTLE)),
        ConfigValues.duration(get(settings, ConfigKey.TASK_SESSION_IDLE)),
        secret(settings.get(ConfigKey.SECRET)), secret(settings.get(ConfigKey.SECRET_PREVIOUS)),
        security(settings, isLoopback(get(settings, ConfigKey.HOST), host)));
    return config;
  }

  /** Auth is on with {@code on}, or with {@code auto} on a non-loopback bind; {@code off} there is refused. */
  private static SecuritySettings security(Map<ConfigKey, Setting> settings, boolean loopback) {
    Setting auth = get(settings, ConfigKey.AUTH);
    boolean enabled = switch (auth.value().strip().toLowerCase(java.util.Locale.ROOT)) {
      case "auto" -> !loopback;
      case "on", "true" -> true;
      case "off", "false" -> {
        if (!loopback) {
          throw new ConfigException(auth.describe() + " is refused: the server binds to "
              + get(settings, ConfigKey.HOST).value() + ", which is not a loopback address; authentication can be off "
              + "only in local mode (" + ConfigKey.HOST.howToSet() + "=127.0.0.1)");
        }
        yield false;
      }
      default -> throw new ConfigException(auth.describe() + " must be auto, on or off");
    };
    List<String> allowed = new ArrayList<>();
    Setting hosts = settings.get(ConfigKey.ALLOWED_HOSTS);
    if (hosts != null) {
      for (String part : hosts.value().split(",")) {
        if (!part.isBlank()) {
          allowed.add(part.strip());
        }
      }
      try {
        dev.assay.outbound.OutboundPolicy.of(allowed); // a bad entry stops the start, not the first outbound call
      } catch (IllegalArgumentException e) {
        throw new ConfigException(hosts.describe() + ": " + e.getMessage());
      }
    }
    String email = secret(settings.get(ConfigKey.ADMIN_EMAIL));
    String password = secret(settings.get(ConfigKey.ADMIN_PASSWORD));
    if ((email == null) != (password == null)) {
      throw new ConfigException("set both " + ConfigKey.ADMIN_EMAIL.env() + " and " + ConfigKey.ADMIN_PASSWORD.env()
          + ", or neither");
    }
    Setting maxAttribute = settings.get(ConfigKey.MAX_ATTRIBUTE_BYTES);
    long maxAttributeBytes = maxAttribute == null ? SecuritySettings.DEFAULT_MAX_ATTRIBUTE_BYTES
        : ConfigValues.size(maxAttribute);
    return new SecuritySettings(enabled, allowed, email, password, maxAttributeBytes);
  }

  private static String secret(Setting setting) {
    return setting == null || setting.value().isBlank() ? null : setting.value().strip();
  }

  private static Setting get(Map<ConfigKey, Setting> settings, ConfigKey key) {
    Setting s = settings.get(key);
    return s != null ? s : Setting.fromDefault(key, key.defaultValue());
  }

  private static boolean isLoopback(Setting setting, String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new ConfigException(setting.describe() + " is not a known host name or IP address of this machine");
    }
  }
}
