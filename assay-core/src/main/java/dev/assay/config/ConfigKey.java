package dev.assay.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one documented list of Assay's settings: every key with its environment variable, its key in the
 * server config file, its command-line flag, its default and what it does. The README table is checked
 * against this enum; add a key here first.
 *
 * <p>Precedence (highest wins): flag, environment variable, config file, default.
 */
public enum ConfigKey {
  HOST(Scope.SERVER, "ASSAY_HOST", "host", "--host", AssayConfig.DEFAULT_HOST,
      "Address the HTTP and OTLP/gRPC servers bind to. Loopback by default (local mode, no login); any other address "
          + "turns authentication on."),
  PORT(Scope.SERVER, "ASSAY_PORT", "port", "--port", String.valueOf(AssayConfig.DEFAULT_PORT),
      "HTTP port for the UI, the APIs and OTLP/HTTP (/v1/traces); 0 picks a free port."),
  GRPC_PORT(Scope.SERVER, "ASSAY_GRPC_PORT", "grpc_port", "--grpc-port", String.valueOf(AssayConfig.DEFAULT_GRPC_PORT),
      "OTLP/gRPC port (TraceService/Export, on the same host); must differ from the HTTP port; 0 picks a free port."),
  WORKING_DIR(Scope.SERVER, "ASSAY_WORKING_DIR", "working_dir", "--working-dir", "~/.assay",
      "Directory for the embedded database and server.toml; created if missing, must be writable."),
  DATABASE_URL(Scope.SERVER, "ASSAY_DATABASE_URL", "database_url", "--database-url", "DuckDB file <working_dir>/assay.duckdb",
      "postgresql://user:password@host:5432/db for PostgreSQL, or duckdb:/path/file.duckdb."),
  CONFIG(Scope.SERVER, "ASSAY_CONFIG", null, "--config", "<working_dir>/server.toml when it exists",
      "TOML file with any of the keys above (file key column); an explicitly named file must exist."),
  MAX_REQUEST_BYTES(Scope.SERVER, "ASSAY_MAX_REQUEST_BYTES", "max_request_bytes", null, "32MiB",
      "Largest accepted request body; larger requests get 413. Bytes, or a number with KiB, MiB or GiB."),
  DB_POOL_SIZE(Scope.SERVER, "ASSAY_DB_POOL_SIZE", "db_pool_size", null, String.valueOf(AssayConfig.DEFAULT_DB_POOL_SIZE),
      "PostgreSQL connection pool size per replica (1-1000); DuckDB ignores it."),
  WRITER_QUEUE_ROWS(Scope.SERVER, "ASSAY_WRITER_QUEUE_ROWS", "writer_queue_rows", null,
      String.valueOf(AssayConfig.DEFAULT_WRITER_QUEUE_ROWS),
      "Rows the batching writer holds before ingest answers 429/503 with Retry-After (back-pressure)."),
  WORKER_CONCURRENCY(Scope.SERVER, "ASSAY_WORKER_CONCURRENCY", "worker_concurrency", null,
      String.valueOf(AssayConfig.DEFAULT_WORKER_CONCURRENCY),
      "Background jobs (evaluations, monitors, deliveries) this replica runs at once."),
  SHUTDOWN_TIMEOUT(Scope.SERVER, "ASSAY_SHUTDOWN_TIMEOUT", "shutdown_timeout", null, "10s",
      "How long a stop waits for in-flight requests and work; e.g. 500ms, 10s, 2m."),
  TASK_TRACE_SETTLE(Scope.SERVER, "ASSAY_TASK_TRACE_SETTLE", "task_trace_settle", null, "10s",
      "Continuous trace- and trajectory-scoped tasks evaluate a trace once no span of it arrived for this long."),
  TASK_SESSION_IDLE(Scope.SERVER, "ASSAY_TASK_SESSION_IDLE", "task_session_idle", null, "15m",
      "Continuous session-scoped tasks evaluate a session once no span of it arrived for this long."),
  SECRET(Scope.SERVER, "ASSAY_SECRET", "secret", null, "key file <working_dir>/secret.key (created with mode 0600)",
      "Key that encrypts stored model credentials (AES-256-GCM): base64 of 32 bytes, or a passphrase (PBKDF2). "
          + "Keep it out of logs and back it up: without it stored API keys cannot be read."),
  SECRET_PREVIOUS(Scope.SERVER, "ASSAY_SECRET_PREVIOUS", "secret_previous", null, "none",
      "The key before a rotation: credentials sealed with it are still read; new ones use ASSAY_SECRET."),

  AUTH(Scope.SERVER, "ASSAY_AUTH", "auth", "--auth", "auto",
      "auto, on or off. auto: authentication is on unless the server binds to a loopback address; off is refused on "
          + "any other address."),
  ADMIN_EMAIL(Scope.SERVER, "ASSAY_ADMIN_EMAIL", "admin_email", null, "none",
      "With ASSAY_ADMIN_PASSWORD: the first administrator, created at start when no user exists. Without them the "
          + "first administrator signs up on the one-time /setup page."),
  ADMIN_PASSWORD(Scope.SERVER, "ASSAY_ADMIN_PASSWORD", "admin_password", null, "none",
      "The first administrator's password (at least 12 characters); used only while no user exists."),
  ALLOWED_HOSTS(Scope.SERVER, "ASSAY_ALLOWED_HOSTS", "allowed_hosts", null, "none",
      "Comma-separated hosts, IPs or CIDR ranges (optionally :port) that webhooks, HTTP evaluators, HTTP tasks and "
          + "model endpoints may reach although they are private, loopback or link-local (e.g. localhost:11434 for Ollama)."),
  MAX_ATTRIBUTE_BYTES(Scope.SERVER, "ASSAY_MAX_ATTRIBUTE_BYTES", "max_attribute_bytes", null, "1MiB",
      "Longest span attribute value stored in full; longer values are truncated on ingest and the span is marked."),

  URL(Scope.CLIENT, "ASSAY_URL", null, null, "http://127.0.0.1:6006",
      "Server the CLI talks to (overrides the profile in ~/.assay/config.toml)."),
  API_KEY(Scope.CLIENT, "ASSAY_API_KEY", null, null, "none",
      "API key the CLI sends as Authorization: Bearer."),
  CONFIG_HOME(Scope.CLIENT, "ASSAY_CONFIG_HOME", null, null, "~/.assay",
      "Directory of the CLI's profiles file, config.toml (written with mode 0600)."),
  TEST_PG_URL(Scope.TEST, "ASSAY_TEST_PG_URL", null, null, "postgresql://assay:assay@127.0.0.1:5432/assay_test",
      "PostgreSQL the test suites use (started by scripts/pg-start.sh).");

  /** Who reads a key: the server, the CLI as an API client, or the test suites. */
  public enum Scope { SERVER, CLIENT, TEST }

  private final Scope scope;
  private final String env;
  private final String fileKey;
  private final String flag;
  private final String defaultValue;
  private final String description;

  ConfigKey(Scope scope, String env, String fileKey, String flag, String defaultValue, String description) {
    this.scope = scope;
    this.env = env;
    this.fileKey = fileKey;
    this.flag = flag;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public Scope scope() {
    return scope;
  }

  /** The environment variable, e.g. {@code ASSAY_PORT}. */
  public String env() {
    return env;
  }

  /** The key in the server config file, if the key may be set there. */
  public Optional<String> fileKey() {
    return Optional.ofNullable(fileKey);
  }

  /** The long option of {@code assay server}, if any. */
  public Optional<String> flag() {
    return Optional.ofNullable(flag);
  }

  /** The default as documented (a value or a description of how it is derived). */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** How a person sets this key, e.g. {@code --port/ASSAY_PORT}: used in error messages. */
  public String howToSet() {
    return flag == null ? env : flag + "/" + env;
  }

  /** Keys read by the server, in declaration order. */
  public static List<ConfigKey> serverKeys() {
    return Arrays.stream(values()).filter(k -> k.scope == Scope.SERVER).toList();
  }

  /** The key set by a config-file key, if any. */
  public static Optional<ConfigKey> byFileKey(String fileKey) {
    return Arrays.stream(values()).filter(k -> fileKey.equals(k.fileKey)).findFirst();
  }

  /** The key read from an environment variable, if any. */
  public static Optional<ConfigKey> byEnv(String env) {
    return Arrays.stream(values()).filter(k -> k.env.equals(env)).findFirst();
  }

  /** All keys that may appear in the config file, in declaration order. */
  public static List<String> fileKeys() {
    return Arrays.stream(values()).filter(k -> k.fileKey != null).map(k -> k.fileKey).toList();
  }
}
