package dev.assay.server;

import dev.assay.config.AssayConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real npm {@code @arizeai/ax-client} drives a live Assay: the Node tests in {@code clients/ax-client}
 * ({@code *.test.mjs}, run by {@code node --test}) against a server on a temporary DuckDB. Installs the
 * client with {@code npm ci} when needed (see {@link NodeHarness}); fails, never skips, without Node.js 20+.
 */
class AxClientCompatibilityTest {
  @TempDir Path workingDir;

  @Test
  void theRealAxClientPassesItsTestsAgainstALiveServer() throws Exception {
    NodeHarness client = NodeHarness.installed("clients/ax-client");
    try (TestServer server = TestServer.start(AssayConfig.defaults(workingDir))) {
      client.runTests(Map.of("ASSAY_URL", "http://127.0.0.1:" + server.server.port(),
          "DISABLE_PRERELEASE_WARNING", "true"));
    }
  }
}
