package dev.assay.server;

import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.config.AssayConfig;
import dev.assay.store.JdbcStore;
import dev.assay.testing.FakeModelServer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation through real server starts (the wiring of the start-up pass): a model config sealed under key 1
 * still answers its test call after a start with key 2 plus previous key 1, its stored bytes are then sealed with
 * key 2, and a start with key 2 alone still opens it. The fake model server requires the key, so a call that
 * succeeds proves the key was opened. Every sealed column on both databases: {@code SecretRotationContract}.
 */
class SecretRotationServerTest {
  private static final String KEY1 = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String KEY2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  private static final String API_KEY = "sk-rotation-test";

  @TempDir Path workingDir;

  private byte storedKeyId(AssayConfig config) {
    try (JdbcStore store = JdbcStore.open(config.database(), 1, Clock.systemUTC())) {
      List<byte[]> sealed = store.database().jdbi().withHandle(h -> h.createQuery(
          "SELECT secrets FROM model_configs").map((rs, ctx) -> rs.getBytes(1)).list());
      assertEquals(1, sealed.size());
      return sealed.getFirst()[1];
    }
  }

  private static byte keyId(String base64) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64))[0];
  }

  private static void testCallWorks(TestServer server, String id) {
    assertEquals("OK", expect(200, server.client.post("/v2/ai-integrations/" + q(id) + "/test", "{}"))
        .get("response_text").asText());
  }

  @Test
  void restartWithANewKeyAndThePreviousOne_resealsTheStoredCredentials() throws Exception {
    AssayConfig base = AssayConfig.defaults(workingDir);
    try (FakeModelServer fake = FakeModelServer.create().requireApiKey(API_KEY).start()) {
      String id;
      try (TestServer first = TestServer.start(base.withSecrets(KEY1, null))) {
        id = expect(201, first.client.post("/v2/ai-integrations", """
            {"name": "rotating", "provider": "CUSTOM", "base_url": "%s", "model_names": ["fake-judge"],
             "api_key": "%s"}""".formatted(fake.openAiBaseUrl(), API_KEY))).get("id").asText();
        testCallWorks(first, id);
      }
      assertEquals(keyId(KEY1), storedKeyId(base));

      try (TestServer rotated = TestServer.start(base.withSecrets(KEY2, KEY1))) {
        testCallWorks(rotated, id);
      }
      assertEquals(keyId(KEY2), storedKeyId(base), "sealed with the new key at start");

      try (TestServer newKeyOnly = TestServer.start(base.withSecrets(KEY2, null))) {
        testCallWorks(newKeyOnly, id);
      }
      assertTrue(fake.calls() >= 3);
    }
  }
}
