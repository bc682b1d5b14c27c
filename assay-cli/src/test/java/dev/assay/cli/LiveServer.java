package dev.assay.cli;

import dev.assay.config.AssayConfig;
import dev.assay.testing.TestOutbound;
import dev.assay.server.AssayServer;
import java.nio.file.Path;

/** A real Assay server on a free loopback port with an embedded DuckDB in {@code dir}; close it to stop it. */
public final class LiveServer implements AutoCloseable {
  private final AssayServer server;

  /** Local mode: authentication off, as for every command test that is not about signing in. */
  public LiveServer(Path dir) {
    this(AssayConfig.defaults(dir));
  }

  private LiveServer(AssayConfig config) {
    server = new AssayServer(TestOutbound.allowLocal(config).withPort(0).withGrpcPort(0));
    server.start();
  }

  /** Authentication on, with a first account admin {@code adminEmail} created at start. */
  public static LiveServer withAuth(Path dir, String adminEmail, String adminPassword) {
    AssayConfig config = AssayConfig.defaults(dir);
    return new LiveServer(config.withSecurity(config.security().withAuth(true).withAdmin(adminEmail, adminPassword)));
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.stop();
  }
}
