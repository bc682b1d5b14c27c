package dev.assay.server;

import dev.assay.config.AssayConfig;
import dev.assay.testing.FakeModelServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real npm {@code @arizeai/ax-client} drives a live Assay: the Node tests in {@code clients/ax-client}
 * ({@code *.test.mjs}, run by {@code node --test}) against a server on a temporary DuckDB, with the fake model
 * server for the judges of {@code tasks.test.mjs}. Installs the client with {@code npm ci} when needed (see
 * {@link NodeHarness}); fails, never skips, without Node.js 20+.
 */
class AxClientCompatibilityTest {
  @TempDir Path workingDir;

  @Test
  void theRealAxClientPassesItsTestsAgainstALiveServer() throws Exception {
    NodeHarness client = NodeHarness.installed("clients/ax-client");
    // tasks.test.mjs judges spans through an AI integration on this fake; prompts with its SLOW marker
    // ("take your time") answer after 3 s, so a run can be cancelled while it runs.
    try (FakeModelServer fake = FakeModelServer.create().latency(p -> p.contains("take your time"), Duration.ofSeconds(3))
            .start();
        TestServer server = TestServer.start(AssayConfig.defaults(workingDir))) {
      client.runTests(Map.of("ASSAY_URL", "http://127.0.0.1:" + server.server.port(),
          "FAKE_MODEL_URL", fake.openAiBaseUrl(), "DISABLE_PRERELEASE_WARNING", "true"),
          // identity.test.mjs needs authentication on: AxClientAuthCompatibilityTest runs it.
          client.testFilesExcept("identity.test.mjs"));
    }
  }
}
