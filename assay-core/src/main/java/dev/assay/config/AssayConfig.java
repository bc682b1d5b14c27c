package dev.assay.config;

import dev.assay.store.DatabaseTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The server's configuration, one record for the whole process. Built by {@link ConfigLoader} from
 * defaults, the config file, the environment and flags; every field is documented in {@link ConfigKey}.
 *
 * @param host address the HTTP server binds to
 * @param port HTTP port; 0 picks a free one
 * @param grpcPort OTLP/gRPC port (bound to {@code host}); 0 picks a free one
 * @param workingDir absolute directory for the embedded database and server.toml
 * @param database where the store lives
 * @param maxRequestBytes largest accepted request body, in bytes
 * @param dbPoolSize PostgreSQL connection pool size
 * @param writerQueueRows rows the batching writer may hold before refusing work
 * @param workerConcurrency background jobs run at once on this replica
 * @param shutdownTimeout how long a stop waits for in-flight requests and work
 * @param taskTraceSettle a trace is evaluated by continuous trace-scoped tasks once no span arrived for this long
 * @param taskSessionIdle a session is evaluated by continuous session-scoped tasks once no span arrived for this long
 * @param secret the key for stored credentials ({@code dev.assay.secrets.SecretBox}), null = the key file
 * @param secretPrevious the key before a rotation, null when none; both are redacted from {@link #toString()}
 * @param security authentication, outbound-request and size-limit settings (issue 8)
 */
public record AssayConfig(
    String host,
    int port,
    int grpcPort,
    Path workingDir,
    DatabaseTarget database,
    long maxRequestBytes,
    int dbPoolSize,
    int writerQueueRows,
    int workerConcurrency,
    Duration shutdownTimeout,
    Duration taskTraceSettle,
    Duration taskSessionIdle,
    String secret,
    String secretPrevious,
    SecuritySettings security) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 6006;
  public static final int DEFAULT_GRPC_PORT = 4317;
  public static final long DEFAULT_MAX_REQUEST_BYTES = 32L * 1024 * 1024;
  public static final int DEFAULT_DB_POOL_SIZE = 10;
  public static final int DEFAULT_WRITER_QUEUE_ROWS = 100_000;
  public static final int DEFAULT_WORKER_CONCURRENCY = 4;
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TASK_TRACE_SETTLE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TASK_SESSION_IDLE = Duration.ofMinutes(15);

  /** A configuration without an explicit secret (the key file in the working directory is used). */
  public AssayConfig(String host, int port, int grpcPort, Path workingDir, DatabaseTarget database, long maxRequestBytes,
      int dbPoolSize, int writerQueueRows, int workerConcurrency, Duration shutdownTimeout) {
    this(host, port, grpcPort, workingDir, database, maxRequestBytes, dbPoolSize, writerQueueRows, workerConcurrency,
        shutdownTimeout, DEFAULT_TASK_TRACE_SETTLE, DEFAULT_TASK_SESSION_IDLE, null, null, SecuritySettings.defaults());
  }

  public AssayConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    Objects.requireNonNull(taskTraceSettle, "taskTraceSettle");
    Objects.requireNonNull(taskSessionIdle, "taskSessionIdle");
    Objects.requireNonNull(security, "security");
    requireRange("port", port, 0, 65_535);
    requireRange("grpcPort", grpcPort, 0, 65_535);
    requireRange("dbPoolSize", dbPoolSize, 1, 1_000);
    requireRange("writerQueueRows", writerQueueRows, 1, Integer.MAX_VALUE);
    requireRange("workerConcurrency", workerConcurrency, 1, 10_000);
    if (maxRequestBytes < 1) {
      throw new IllegalArgumentException("maxRequestBytes must be positive, got " + maxRequestBytes);
    }
    if (shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException("shutdownTimeout must not be negative, got " + shutdownTimeout);
    }
    if (taskTraceSettle.isNegative() || taskSessionIdle.isNegative()) {
      throw new IllegalArgumentException("task delays must not be negative, got " + taskTraceSettle + " and " + taskSessionIdle);
    }
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
  }

  /** Every default, with the embedded DuckDB store in {@code workingDir}. */
  public static AssayConfig defaults(Path workingDir) {
    Path dir = workingDir.toAbsolutePath().normalize();
    return new AssayConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_GRPC_PORT, dir, DatabaseTarget.embedded(dir),
        DEFAULT_MAX_REQUEST_BYTES, DEFAULT_DB_POOL_SIZE, DEFAULT_WRITER_QUEUE_ROWS, DEFAULT_WORKER_CONCURRENCY,
        DEFAULT_SHUTDOWN_TIMEOUT);
  }

  public AssayConfig withPort(int newPort) {
    return new AssayConfig(host, newPort, grpcPort, workingDir, database, maxRequestBytes, dbPoolSize,
        writerQueueRows, workerConcurrency, shutdownTimeout, taskTraceSettle, taskSessionIdle, secret,
        secretPrevious, security);
  }

  public AssayConfig withGrpcPort(int newGrpcPort) {
    return new AssayConfig(host, port, newGrpcPort, workingDir, database, maxRequestBytes, dbPoolSize,
        writerQueueRows, workerConcurrency, shutdownTimeout, taskTraceSettle, taskSessionIdle, secret,
        secretPrevious, security);
  }

  public AssayConfig withDatabase(DatabaseTarget newDatabase) {
    return new AssayConfig(host, port, grpcPort, workingDir, newDatabase, maxRequestBytes, dbPoolSize,
        writerQueueRows, workerConcurrency, shutdownTimeout, taskTraceSettle, taskSessionIdle, secret,
        secretPrevious, security);
  }

  public AssayConfig withMaxRequestBytes(long newMaxRequestBytes) {
    return new AssayConfig(host, port, grpcPort, workingDir, database, newMaxRequestBytes, dbPoolSize,
        writerQueueRows, workerConcurrency, shutdownTimeout, taskTraceSettle, taskSessionIdle, secret,
        secretPrevious, security);
  }

  public AssayConfig withWriterQueueRows(int newWriterQueueRows) {
    return new AssayConfig(host, port, grpcPort, workingDir, database, maxRequestBytes, dbPoolSize,
        newWriterQueueRows, workerConcurrency, shutdownTimeout, taskTraceSettle, taskSessionIdle, secret,
        secretPrevious, security);
  }

  public AssayConfig withSecrets(String newSecret, String newSecretPrevious) {
    return new AssayConfig(host, port, grpcPort, workingDir, database, maxRequestBytes, dbPoolSize,
        writerQueueRows, workerConcurrency, shutdownTimeout, taskTraceSettle, taskSessionIdle, newSecret,
        newSecretPrevious, security);
  }

  /** The same configuration with other continuous-task delays (tests shorten them). */
  public AssayConfig withTaskDelays(Duration newTraceSettle, Duration newSessionIdle) {
    return new AssayConfig(host, port, grpcPort, workingDir, database, maxRequestBytes, dbPoolSize,
        writerQueueRows, workerConcurrency, shutdownTimeout, newTraceSettle, newSessionIdle, secret, secretPrevious, security);
  }

  /** The same configuration with other security settings (tests turn authentication on with this). */
  public AssayConfig withSecurity(SecuritySettings newSecurity) {
    return new AssayConfig(host, port, grpcPort, workingDir, database, maxRequestBytes, dbPoolSize,
        writerQueueRows, workerConcurrency, shutdownTimeout, taskTraceSettle, taskSessionIdle, secret, secretPrevious,
        newSecurity);
  }

  /** Never prints the secrets (configs are logged at start-up). */
  @Override
  public String toString() {
    return "AssayConfig[host=" + host + ", port=" + port + ", grpcPort=" + grpcPort + ", workingDir=" + workingDir
        + ", database=" + database + ", maxRequestBytes=" + maxRequestBytes + ", dbPoolSize=" + dbPoolSize
        + ", writerQueueRows=" + writerQueueRows + ", workerConcurrency=" + workerConcurrency + ", shutdownTimeout="
        + shutdownTimeout + ", taskTraceSettle=" + taskTraceSettle + ", taskSessionIdle=" + taskSessionIdle + ", secret=" + (secret == null ? "none" : "********") + ", secretPrevious="
        + (secretPrevious == null ? "none" : "********") + ", security=" + security + "]";
  }

  private static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", got " + value);
    }
  }
}
