package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.assay.config.AssayConfig;
import dev.assay.store.JdbcStore;
import dev.assay.store.Store;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;

/**
 * A live server for the input-hardening tests, with what they check after each refused input: the answer is a
 * 4xx problem document, nothing was stored (row counts of the tables input can reach are unchanged), and the
 * server is still healthy ({@code /readyz} 200 and a valid export still succeeds).
 */
final class LiveTarget implements AutoCloseable {
  /** The tables an OTLP export or a dataset upload writes to. */
  private static final List<String> TABLES = List.of("spans", "traces", "projects", "datasets", "dataset_versions",
      "dataset_examples");
  private static final String VALID_EXPORT = """
      {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c",
       "spanId":"eee19b7ec3c1b174","name":"health","startTimeUnixNano":"1700000000000000000",
       "endTimeUnixNano":"1700000000100000000"}]}]}]}""";

  private final TestServer server;
  private final AtomicReference<Store> store;
  private Map<String, Long> counts;

  private LiveTarget(TestServer server, AtomicReference<Store> store) {
    this.server = server;
    this.store = store;
    this.counts = counts();
  }

  static LiveTarget start(AssayConfig config) {
    AtomicReference<Store> store = new AtomicReference<>();
    TestServer server = TestServer.withServices(config, s -> {
      store.set(s);
      return List.of();
    });
    return new LiveTarget(server, store);
  }

  HttpTestClient client() {
    return server.client;
  }

  Jdbi jdbi() {
    return ((JdbcStore) store.get()).database().jdbi();
  }

  /** Row counts of {@link #TABLES}. */
  Map<String, Long> counts() {
    // One statement: the fuzzers count after every input.
    String sql = "SELECT " + String.join(", ", TABLES.stream().map(t -> "(SELECT count(*) FROM " + t + ") AS " + t).toList());
    return jdbi().withHandle(h -> {
      Map<String, Object> row = h.createQuery(sql).mapToMap().one();
      Map<String, Long> out = new TreeMap<>();
      row.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
      return out;
    });
  }

  /** Takes the current counts as the baseline (after an input that was accepted and may have stored something). */
  void rebase() {
    counts = counts();
  }

  /** Whether nothing was stored since the baseline. */
  boolean unchanged() {
    return counts.equals(counts());
  }

  /** A problem document with {@code status}. */
  void assertProblem(HttpTestClient.Reply reply, int status) {
    assertEquals(status, reply.status(), reply.body());
    assertProblemJson(reply);
  }

  /** A 4xx problem document (application/problem+json with type, title, status and detail). */
  static void assertProblemJson(HttpTestClient.Reply reply) {
    assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType() + ": " + reply.body());
    var json = reply.json();
    for (String field : List.of("type", "title", "status", "detail")) {
      assertTrue(json.hasNonNull(field), field + " missing: " + reply.body());
    }
    assertEquals(reply.status(), json.get("status").asInt(), reply.body());
  }

  /** Nothing stored since the baseline, /readyz 200 and a valid export accepted; then the baseline moves past it. */
  void assertUnchangedAndHealthy() {
    Map<String, Long> now = counts();
    if (!counts.equals(now)) {
      fail("something was stored: before " + counts + ", after " + now);
    }
    assertHealthy();
  }

  void assertHealthy() {
    assertEquals(200, server.client.get("/readyz").status());
    var reply = server.client.post("/v1/traces", "application/json", BodyPublishers.ofString(VALID_EXPORT),
        "x-project-name", "health-check");
    assertEquals(200, reply.status(), reply.body());
    rebase();
  }

  @Override
  public void close() {
    server.close();
  }
}
