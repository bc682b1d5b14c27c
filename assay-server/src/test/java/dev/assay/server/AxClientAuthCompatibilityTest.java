package dev.assay.server;

import dev.assay.config.AssayConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real npm {@code @arizeai/ax-client} against a live Assay with authentication ON: {@code identity.test.mjs}
 * (users, API keys, roles, role bindings, space users, audit logs), the client sending an account admin's API key
 * as {@code Authorization: Bearer}, as it does against AX. Fails, never skips, without Node.js 20+.
 */
class AxClientAuthCompatibilityTest {
  @TempDir Path workingDir;

  @Test
  void theRealAxClientManagesUsersKeysAndRolesOnAServerWithAuthOn() throws Exception {
    NodeHarness client = NodeHarness.installed("clients/ax-client");
    try (AuthTestServer server = AuthTestServer.start(AssayConfig.defaults(workingDir))) {
      client.runTests(Map.of("ASSAY_URL", "http://127.0.0.1:" + server.server.server.port(),
          "ASSAY_ADMIN_KEY", server.adminKey, "DISABLE_PRERELEASE_WARNING", "true"), List.of("identity.test.mjs"));
    }
  }
}
