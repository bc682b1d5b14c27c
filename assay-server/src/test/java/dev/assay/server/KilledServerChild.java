package dev.assay.server;

import dev.assay.config.AssayConfig;
import dev.assay.testing.TestOutbound;
import java.nio.file.Path;

/**
 * The child JVM of {@link OtlpKillUnderLoadTest}: a real server on the DuckDB file in the working directory
 * given as the only argument, on free ports, printing {@code listening <http port>} once it serves. It runs
 * until it is killed.
 */
public final class KilledServerChild {
  private KilledServerChild() {}

  public static void main(String[] args) throws InterruptedException {
    AssayServer server = new AssayServer(TestOutbound.allowLocal(AssayConfig.defaults(Path.of(args[0]))).withPort(0).withGrpcPort(0));
    server.start();
    System.out.println("listening " + server.port());
    System.out.flush();
    server.awaitStop();
  }
}
