package dev.assay.server;

import dev.assay.config.AssayConfig;
import dev.assay.server.auth.Access;
import dev.assay.store.JdbcStore;
import dev.assay.store.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server JVM of {@code bench/run soak}: the production {@link AssayServer} on its DuckDB working directory, plus one
 * bench-only route, {@code GET /bench/stats}: stored spans, evaluations, the evaluation backlog (queued or running
 * jobs) and the heap in use right after a full GC of this JVM. It lives in the server's package (a split package on
 * the bench's class path, no modules) because the hooks that add a route and reach the store are package-private.
 * Prints {@code listening <port>}; end of stdin stops it gracefully.
 */
public final class SoakServer {
  private SoakServer() {}

  public static void main(String[] args) throws Exception {
    AssayConfig config = AssayConfig.defaults(Path.of(args[0])).withPort(0).withGrpcPort(0);
    AtomicReference<Store> store = new AtomicReference<>();
    AssayServer server = new AssayServer(config, Clock.systemUTC(), new AssayServer.Hooks(
        routes -> routes.get("/bench/stats", ctx -> ctx.json(stats((JdbcStore) store.get())), Access.PUBLIC),
        null,
        s -> {
          store.set(s);
          return List.of();
        }));
    server.start();
    System.out.println("listening " + server.port());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    while (in.readLine() != null) {
      // only the end of input matters
    }
    server.stop();
  }

  private static Map<String, Object> stats(JdbcStore store) {
    Map<String, Object> counts = store.database().jdbi().withHandle(h -> h.createQuery("""
            SELECT (SELECT count(*) FROM spans) AS spans, (SELECT count(*) FROM evaluations) AS evaluations,
                   (SELECT count(*) FROM jobs WHERE status IN ('QUEUED', 'RUNNING')) AS backlog""").mapToMap().one());
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return Map.of("spans", counts.get("spans"), "evaluations", counts.get("evaluations"), "backlog", counts.get("backlog"),
        "heap_after_gc", heap);
  }
}
