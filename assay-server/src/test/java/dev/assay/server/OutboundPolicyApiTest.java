package dev.assay.server;

import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.problem;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.config.AssayConfig;
import dev.assay.testing.FakeModelServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound URLs through the API on a server with nothing allow-listed (the default): model configs, HTTP evaluators
 * and experiment HTTP tasks into loopback, link-local (cloud metadata) or private addresses are refused with a 422
 * problem that names the address class and the setting, and nothing is stored; a config saved while allowed is
 * refused at its test call once the allow list no longer has it.
 */
class OutboundPolicyApiTest {
  @TempDir Path workingDir;

  private static void refused(HttpTestClient.Reply reply, String addressClass) {
    JsonNode p = problem(reply, 422);
    String detail = p.get("detail").asText();
    assertTrue(detail.contains(addressClass) && detail.contains("ASSAY_ALLOWED_HOSTS="), detail);
  }

  @Test
  void modelConfigs_evaluatorsAndTasks_intoTheServersNetwork_are422AndStoreNothing() {
    try (TestServer server = TestServer.withoutLocalOutbound(AssayConfig.defaults(workingDir))) {
      String integration = """
          {"name": "m", "provider": "CUSTOM", "base_url": "%s", "model_names": ["x"], "api_key": "sk-1"}""";
      refused(server.client.post("/v2/ai-integrations", integration.formatted("http://127.0.0.1:8000/v1")), "loopback");
      refused(server.client.post("/v2/ai-integrations", integration.formatted("http://169.254.169.254/v1")),
          "link-local");
      refused(server.client.post("/v2/ai-integrations", integration.formatted("http://10.1.2.3/v1")), "private");
      String id = expect(201, server.client.post("/v2/ai-integrations",
          integration.formatted("https://93.184.216.34/v1"))).get("id").asText();
      refused(server.client.patch("/v2/ai-integrations/" + q(id), "{\"base_url\": \"http://[::1]:11434\"}"),
          "loopback");
      assertEquals("https://93.184.216.34/v1",
          expect(200, server.client.get("/v2/ai-integrations/" + q(id))).get("base_url").asText());

      String evaluator = """
          {"name": "remote", "version": {"spec": {"kind": "HTTP", "name": "remote", "url": "%s"}}}""";
      refused(server.client.post("/v2/evaluators", evaluator.formatted("http://127.0.0.1:9/eval")), "loopback");
      refused(server.client.post("/v2/evaluators", evaluator.formatted("http://169.254.169.254/latest/meta-data/")),
          "link-local");
      assertEquals(0, expect(200, server.client.get("/v2/evaluators")).get("evaluators").size());

      String datasetId = expect(201, server.client.post("/v2/datasets", """
          {"name": "ds", "space_id": "default", "examples": [{"question": "q", "expected_output": "a"}]}"""))
          .get("id").asText();
      String digit = expect(201, server.client.post("/v2/evaluators", "{\"name\": \"has_digit\", \"version\": {\"spec\": "
          + EvaluatorFixtures.regexSpec("has_digit", "[0-9]") + "}}")).get("id").asText();
      String run = """
          {"name": "http-task", "dataset_id": "%s", "task": {"type": "HTTP", "url": "%s", "timeout_ms": 1000},
           "evaluators": [{"evaluator_id": "%s"}]}""";
      refused(server.client.post("/v2/experiments/run", run.formatted(datasetId, "http://127.0.0.1:9/answer", digit)),
          "loopback");
      refused(server.client.post("/v2/experiments/run", run.formatted(datasetId, "http://169.254.169.254/", digit)),
          "link-local");
      assertEquals(0, expect(200, server.client.get("/v2/experiments?dataset_id=" + q(datasetId)))
          .get("experiments").size());
    }
  }

  @Test
  void aConfigSavedWhileAllowListed_isRefusedAtItsTestCallOnceItIsNot() {
    try (FakeModelServer fake = FakeModelServer.create().start()) {
      String id;
      try (TestServer allowed = TestServer.start(AssayConfig.defaults(workingDir))) {
        id = expect(201, allowed.client.post("/v2/ai-integrations", """
            {"name": "local", "provider": "CUSTOM", "base_url": "%s", "model_names": ["fake-judge"]}"""
            .formatted(fake.openAiBaseUrl()))).get("id").asText();
        expect(200, allowed.client.post("/v2/ai-integrations/" + q(id) + "/test", "{}"));
      }
      long callsBefore = fake.calls();
      try (TestServer strict = TestServer.withoutLocalOutbound(AssayConfig.defaults(workingDir))) {
        refused(strict.client.post("/v2/ai-integrations/" + q(id) + "/test", "{}"), "loopback");
      }
      assertEquals(callsBefore, fake.calls(), "the refused call never reached the model server");
    }
  }
}
