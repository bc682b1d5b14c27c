package dev.assay.cli;

import dev.assay.config.AssayConfig;
import dev.assay.server.AssayServer;
import java.nio.file.Path;
import java.util.List;

/** A real Assay server on a free loopback port with an embedded DuckDB in {@code dir}; close it to stop it. */
public final class LiveServer implements AutoCloseable {
  private final AssayServer server;

  public LiveServer(Path dir) {
    this(dir, List.of());
  }

  /** A server that may call {@code allowedHosts} although they are private or loopback (ASSAY_ALLOWED_HOSTS). */
  public LiveServer(Path dir, List<String> allowedHosts) {
    AssayConfig config = AssayConfig.defaults(dir).withPort(0).withGrpcPort(0);
    server = new AssayServer(config.withSecurity(config.security().withAllowedHosts(allowedHosts)));
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.stop();
  }
}
