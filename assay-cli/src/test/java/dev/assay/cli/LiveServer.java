package dev.assay.cli;

import dev.assay.config.AssayConfig;
import dev.assay.testing.TestOutbound;
import dev.assay.server.AssayServer;
import java.nio.file.Path;

/** A real Assay server on a free loopback port with an embedded DuckDB in {@code dir}; close it to stop it. */
public final class LiveServer implements AutoCloseable {
  private final AssayServer server;

  public LiveServer(Path dir) {
    server = new AssayServer(TestOutbound.allowLocal(AssayConfig.defaults(dir)).withPort(0).withGrpcPort(0));
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
