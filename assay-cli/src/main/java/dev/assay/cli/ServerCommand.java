package dev.assay.cli;

import dev.assay.config.AssayConfig;
import dev.assay.config.ConfigKey;
import dev.assay.config.ConfigLoader;
import dev.assay.config.LoadedConfig;
import dev.assay.server.AssayServer;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code assay server}: starts the server and blocks until SIGTERM or SIGINT, on which a shutdown hook
 * stops it gracefully. Values are validated by {@link ConfigLoader}, so a bad one fails with one line.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
        "Start the Assay server: UI, APIs and OTLP/HTTP on one port, the embedded DuckDB store in the working "
            + "directory unless a PostgreSQL URL is given.",
        "Every option also has an environment variable and a key in <working-dir>/server.toml; "
            + "flags win over the environment, which wins over the file."},
    footerHeading = "%nMore settings (environment or server.toml, no flag):%n",
    footer = {
        "  ASSAY_MAX_REQUEST_BYTES   largest request body (default 32MiB)",
        "  ASSAY_DB_POOL_SIZE        PostgreSQL pool size (default 10)",
        "  ASSAY_WRITER_QUEUE_ROWS   ingest queue size in rows (default 100000)",
        "  ASSAY_WORKER_CONCURRENCY  background jobs at once (default 4)",
        "  ASSAY_SHUTDOWN_TIMEOUT    graceful stop budget (default 10s)",
        "  ASSAY_TASK_TRACE_SETTLE   quiet time before continuous tasks evaluate a trace (default 10s)",
        "  ASSAY_TASK_SESSION_IDLE   idle time before continuous tasks evaluate a session (default 15m)",
        "",
        "Runs until SIGTERM or SIGINT, then stops gracefully; the exit code is then 143 or 130 (128 + signal)."})
public final class ServerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

  @Spec CommandSpec spec;

  @Option(names = "--host", paramLabel = "HOST",
      description = "Address to bind (default 127.0.0.1; env ASSAY_HOST). Any non-loopback address turns authentication on.")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default 6006; env ASSAY_PORT); 0 picks one.")
  String port;

  @Option(names = "--grpc-port", paramLabel = "PORT",
      description = "OTLP/gRPC port (default 4317; env ASSAY_GRPC_PORT); 0 picks one.")
  String grpcPort;

  @Option(names = "--working-dir", paramLabel = "DIR",
      description = "Directory for the embedded database and server.toml (default ~/.assay; env ASSAY_WORKING_DIR).")
  String workingDir;

  @Option(names = "--database-url", paramLabel = "URL",
      description = "postgresql://user:password@host:5432/db or duckdb:/path/file.duckdb "
          + "(default: DuckDB in the working directory; env ASSAY_DATABASE_URL).")
  String databaseUrl;

  @Option(names = "--auth", paramLabel = "MODE",
      description = "auto, on or off (default auto: on unless bound to loopback; env ASSAY_AUTH).")
  String auth;

  @Option(names = "--config", paramLabel = "FILE",
      description = "TOML config file; must exist (default <working-dir>/server.toml if present; env ASSAY_CONFIG).")
  String configFile;

  @Override
  public Integer call() throws InterruptedException {
    LoadedConfig loaded = ConfigLoader.fromSystem().load(flags());
    loaded.configFile().ifPresent(file -> log.info("configuration file {}", file));
    loaded.warnings().forEach(log::warn);

    AssayServer server = new AssayServer(loaded.config());
    // Installed before start: a SIGTERM during migrations waits for start() to finish, then stops cleanly.
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "assay-shutdown"));
    server.start();

    PrintWriter out = spec.commandLine().getOut();
    out.println("Assay listening on " + url(loaded.config(), server.port()) + " (" + loaded.config().database().describe() + ")");
    out.flush();
    server.awaitStop();
    return ExitCodes.OK;
  }

  /** The flags that were given, keyed for {@link ConfigLoader}. */
  Map<ConfigKey, String> flags() {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    put(flags, ConfigKey.HOST, host);
    put(flags, ConfigKey.PORT, port);
    put(flags, ConfigKey.GRPC_PORT, grpcPort);
    put(flags, ConfigKey.WORKING_DIR, workingDir);
    put(flags, ConfigKey.DATABASE_URL, databaseUrl);
    put(flags, ConfigKey.CONFIG, configFile);
    put(flags, ConfigKey.AUTH, auth);
    return flags;
  }

  private static void put(Map<ConfigKey, String> flags, ConfigKey key, String value) {
    if (value != null) {
      flags.put(key, value);
    }
  }

  private static String url(AssayConfig config, int port) {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + port;
  }
}
