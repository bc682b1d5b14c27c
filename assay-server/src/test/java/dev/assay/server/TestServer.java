package dev.assay.server;

import dev.assay.config.AssayConfig;
import dev.assay.store.Store;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/** A real {@link AssayServer} on free HTTP and gRPC ports with its access-log lines captured; close it to stop it. */
final class TestServer implements AutoCloseable {
  final AssayServer server;
  final List<String> accessLog = new CopyOnWriteArrayList<>();
  /** Every response of this server is scanned for secrets that earlier requests carried. */
  final SecretScan secrets = new SecretScan();
  final HttpTestClient client;

  private TestServer(AssayConfig config, Consumer<RoutesConfig> routes, Function<Store, List<Managed>> services) {
    this.server = new AssayServer(config.withPort(0).withGrpcPort(0), Clock.systemUTC(),
        new AssayServer.Hooks(all -> {
          secrets.install(all);
          routes.accept(all);
        }, accessLog::add, services));
    server.start();
    this.client = new HttpTestClient(server.port());
  }

  static TestServer start(AssayConfig config) {
    return new TestServer(config, routes -> {}, store -> List.of());
  }

  static TestServer withRoutes(AssayConfig config, Consumer<RoutesConfig> routes) {
    return new TestServer(config, routes, store -> List.of());
  }

  static TestServer withServices(AssayConfig config, Function<Store, List<Managed>> services) {
    return new TestServer(config, routes -> {}, services);
  }

  /** Waits briefly for the access log: Jetty writes the line just after the response is complete. */
  List<String> awaitAccessLog(int lines) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (accessLog.size() < lines && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return List.copyOf(accessLog);
  }

  /** Stops the server, then fails if any response it gave contained a secret a request had carried. */
  @Override
  public void close() {
    client.close();
    server.stop();
    List<String> leaks = secrets.leaks();
    if (!leaks.isEmpty()) {
      throw new AssertionError("responses leaked secrets:\n" + String.join("\n", leaks));
    }
  }
}
