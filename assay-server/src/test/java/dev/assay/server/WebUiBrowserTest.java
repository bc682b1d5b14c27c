package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.config.AssayConfig;
import dev.assay.config.SecuritySettings;
import dev.assay.server.v2.ApiIds;
import dev.assay.store.JdbcSpanSink;
import dev.assay.store.JdbcStore;
import dev.assay.testing.FakeModelServer;
import dev.assay.traces.Span;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the web UI's browser tests ({@code assay-web/e2e}, node's test runner driving Debian's Chromium
 * through playwright-core) against a real server with the built UI, so {@code ./scripts/test} runs them.
 * Their output goes to this test's log; screenshots of failing pages land in
 * {@code assay-web/target/e2e-screenshots}. A missing Chromium or Node.js fails the test, never skips it.
 */
class WebUiBrowserTest {
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  private static final long TIMEOUT_MINUTES = 10;
  /** The one key the strict fake model server accepts. */
  private static final String STRICT_KEY = "sk-e2e-accepted";

  @TempDir Path workingDir;

  @Test
  void browserTests_passAgainstARealServer() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      fail(CHROMIUM + " is missing: the browser tests need Debian's Chromium. Install it once with "
          + "'sudo scripts/chromium-install.sh' (scripts/test does this when it runs as root), or set CHROMIUM.");
    }
    Path web = moduleDir().resolve("../assay-web").normalize();
    Path e2e = web.resolve("e2e");
    installWhenStale(e2e);

    // The evaluator pages test model configs and judges against the fake model server (the only fake); the
    // tasks pages pause a task on a second one that refuses every key but STRICT_KEY (401), as a provider does.
    // auth.test.mjs needs a second Assay server with authentication on and no user yet, so it starts at setup.
    try (TestServer server = TestServer.start(AssayConfig.defaults(workingDir));
        TestServer authServer = runs(AUTH_TESTS) ? startAuthServer() : null;
        FakeModelServer models = FakeModelServer.create().start();
        FakeModelServer strict = FakeModelServer.create().requireApiKey(STRICT_KEY).start()) {
      String seeded = seedProjectWithSpans(server);
      Path screenshots = web.resolve("target/e2e-screenshots");
      Map<String, String> env = new HashMap<>(Map.of(
          "ASSAY_URL", "http://127.0.0.1:" + server.server.port(),
          "ASSAY_E2E_SCREENSHOTS", screenshots.toString(),
          "ASSAY_E2E_SEEDED_PROJECT", seeded,
          "ASSAY_E2E_FAKE_MODEL_URL", models.openAiBaseUrl(),
          "ASSAY_E2E_STRICT_MODEL_URL", strict.openAiBaseUrl(),
          "ASSAY_E2E_STRICT_MODEL_KEY", STRICT_KEY,
          "CHROMIUM", CHROMIUM.toString()));
      if (authServer != null) {
        env.put("ASSAY_E2E_AUTH_URL", "http://127.0.0.1:" + authServer.server.port());
        env.put("ASSAY_E2E_SETUP_TOKEN_FILE", authDir().resolve("setup-token").toString());
      }
      int exit = run(e2e, env, nodeTestCommand());
      assertEquals(0, exit, "browser tests failed (see the [e2e] lines above); screenshots of failing pages are in "
          + screenshots);
    }
  }

  /** The e2e file that needs the auth-on server. */
  private static final String AUTH_TESTS = "auth.test.mjs";

  /** A server with authentication on, no user and so a setup token in its own working directory. */
  private TestServer startAuthServer() throws IOException {
    Files.createDirectories(authDir());
    return TestServer.start(AssayConfig.defaults(authDir()).withSecurity(SecuritySettings.defaults().withAuth(true)));
  }

  private Path authDir() {
    return workingDir.resolve("auth-on");
  }

  /** True when the run includes {@code file}: every file, or {@code -De2e.files} names it. */
  private static boolean runs(String file) {
    String only = System.getProperty("e2e.files", "").trim();
    return only.isEmpty() || List.of(only.split("\\s*,\\s*")).contains(file);
  }

  /**
   * {@code node --test} over every e2e file, or only those named in {@code -De2e.files=a.test.mjs,b.test.mjs}
   * (a quicker loop while working on one page).
   */
  private static String[] nodeTestCommand() {
    List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=spec"));
    String only = System.getProperty("e2e.files", "").trim();
    if (!only.isEmpty()) {
      command.addAll(List.of(only.split("\\s*,\\s*")));
    }
    return command.toArray(String[]::new);
  }

  /**
   * A project with two traces (five spans, one trace in a session), written through the same sink that
   * ingest commits with; returns what the Projects page must show for it, as JSON.
   */
  private static String seedProjectWithSpans(TestServer server) throws Exception {
    String name = "e2e-seeded-" + Long.toString(System.nanoTime(), 36);
    HttpTestClient.Reply created = server.client.post("/v2/projects", "{\"name\":\"" + name + "\"}");
    assertEquals(201, created.status(), created.body());
    String projectId = ApiIds.decode("Project", created.json().get("id").asText());

    long start = Instant.now().minusSeconds(600).toEpochMilli() * 1000;
    String traceA = "0af7651916cd43dd8448eb211c80319c";
    String traceB = "4bf92f3577b34da6a3ce929d0e0e4736";
    List<Span> spans = new ArrayList<>();
    spans.add(span(projectId, traceA, "00f067aa0ba902b7", null, start, start + 3_000_000, "session-1"));
    spans.add(span(projectId, traceA, "00f067aa0ba902b8", "00f067aa0ba902b7", start + 100_000, start + 2_000_000,
        "session-1"));
    spans.add(span(projectId, traceA, "00f067aa0ba902b9", "00f067aa0ba902b7", start + 2_100_000, start + 2_900_000,
        "session-1"));
    spans.add(span(projectId, traceB, "b7ad6b7169203331", null, start + 5_000_000, start + 9_000_000, null));
    spans.add(span(projectId, traceB, "b7ad6b7169203332", "b7ad6b7169203331", start + 5_500_000, start + 8_000_000,
        null));
    JdbcStore store = (JdbcStore) server.server.store();
    JdbcSpanSink sink = new JdbcSpanSink(store.dialect(), Clock.systemUTC());
    store.database().jdbi().useTransaction(handle -> sink.write(handle, spans));

    JsonNode summary = server.client.get("/v2/project-summaries?name=" + name).json().get("project_summaries").get(0);
    assertEquals(5, summary.get("span_count").asLong(), summary.toString());
    assertEquals(2, summary.get("trace_count").asLong(), summary.toString());
    assertEquals(1, summary.get("session_count").asLong(), summary.toString());
    return Json.create().writeValueAsString(Map.of("name", name, "span_count", 5, "trace_count", 2,
        "session_count", 1, "last_span_time", summary.get("last_span_time").asText()));
  }

  private static Span span(String projectId, String traceId, String spanId, String parentId, long start, long end,
      String sessionId) {
    return new Span(projectId, traceId, spanId, parentId, parentId == null ? "agent" : "llm", parentId == null ? "CHAIN" : "LLM", start, end,
        "OK", null, "question", "text/plain", "answer", "text/plain", null, null, null, null, null, null, sessionId,
        null, null, null);
  }

  /** {@code npm ci} when node_modules is missing or older than package-lock.json. */
  private static void installWhenStale(Path dir) throws Exception {
    Path installed = dir.resolve("node_modules/.package-lock.json");
    FileTime lock = Files.getLastModifiedTime(dir.resolve("package-lock.json"));
    if (!Files.exists(installed) || Files.getLastModifiedTime(installed).compareTo(lock) < 0) {
      assertEquals(0, run(dir, Map.of(), "npm", "ci", "--no-audit", "--no-fund"), "npm ci failed in " + dir);
    }
  }

  /** Runs a command in {@code dir}, copying its output to this test's log line by line; returns its exit code. */
  private static int run(Path dir, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command[0] + " (the browser tests need Node.js 20.19+ and npm): "
          + e.getMessage(), e);
    }
    Thread pump = Thread.ofVirtual().start(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(line -> System.out.println("[e2e] " + line));
      } catch (IOException e) {
        System.out.println("[e2e] (output lost: " + e + ")");
      }
    });
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within " + TIMEOUT_MINUTES + " minutes");
    }
    pump.join(5_000);
    return process.exitValue();
  }

  private static Path moduleDir() {
    Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    assertTrue(Files.isDirectory(dir.resolve("../assay-web/e2e")), "no assay-web/e2e beside " + dir);
    return dir;
  }
}
