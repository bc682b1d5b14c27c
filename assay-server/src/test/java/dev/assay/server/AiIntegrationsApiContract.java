package dev.assay.server;

import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.problem;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.testing.FakeModelServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v2/ai-integrations} over model configs, with the fake model server as the provider: secrets are never
 * returned, the test call answers or fails with a 502 that says why, and a judge tried on real spans calls it.
 */
abstract class AiIntegrationsApiContract extends LiveServerContract {
  private static final String API_KEY = "sk-secret-" + UUID.randomUUID();
  private static final String HEADER_VALUE = "hdr-secret-" + UUID.randomUUID();

  private final String name = "model-" + UUID.randomUUID();
  private final List<String> bodies = new ArrayList<>();
  private FakeModelServer fake;

  @BeforeEach
  void startFake() {
    fake = FakeModelServer.create().start();
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private HttpTestClient.Reply keep(HttpTestClient.Reply reply) {
    bodies.add(reply.body());
    return reply;
  }

  private JsonNode createIntegration(String integrationName) {
    return expect(201, keep(server.client.post("/v2/ai-integrations", """
        {"name": "%s", "provider": "CUSTOM", "base_url": "%s", "model_names": ["fake-judge"], "api_key": "%s",
         "headers": {"X-Team-Token": "%s"}, "requests_per_minute": 600, "max_concurrency": 8}"""
        .formatted(integrationName, fake.openAiBaseUrl(), API_KEY, HEADER_VALUE))));
  }

  @Test
  void integrations_crud_neverReturnTheKeyOrHeaderValues() {
    JsonNode created = createIntegration(name);
    String id = created.get("id").asText();
    assertTrue(created.get("has_api_key").asBoolean());
    assertEquals("********", created.at("/headers/X-Team-Token").asText());
    assertEquals("CUSTOM", created.get("provider").asText());
    assertEquals(600, created.get("requests_per_minute").asInt());
    assertTrue(created.get("tokens_per_minute").isNull());
    assertEquals(List.of("fake-judge"), List.of(created.at("/model_names/0").asText()));

    assertEquals(created, expect(200, keep(server.client.get("/v2/ai-integrations/" + q(id)))));
    assertEquals(created, expect(200, keep(server.client.get("/v2/ai-integrations/" + q(name)))));
    JsonNode listed = expect(200, keep(server.client.get("/v2/ai-integrations?name=" + q(name))));
    assertEquals(1, listed.get("ai_integrations").size());
    JsonNode renamed = expect(200, keep(server.client.patch("/v2/ai-integrations/" + q(id),
        "{\"name\": \"" + name + "-2\", \"model_names\": [\"fake-judge\", \"other\"]}")));
    assertEquals(name + "-2", renamed.get("name").asText());
    assertTrue(renamed.get("has_api_key").asBoolean(), "an update without api_key keeps it");
    JsonNode noKey = expect(200, keep(server.client.patch("/v2/ai-integrations/" + q(id), "{\"api_key\": null}")));
    assertFalse(noKey.get("has_api_key").asBoolean());
    problem(keep(server.client.post("/v2/ai-integrations", "{\"name\": \"x\", \"provider\": \"AWS_BEDROCK\"}")), 400);
    problem(keep(server.client.post("/v2/ai-integrations", "{\"name\": \"y\", \"provider\": \"CUSTOM\","
        + " \"api_key\": \"" + API_KEY + "\", \"max_concurrency\": 0}")), 400);
    assertEquals(1, expect(200, keep(server.client.get("/v2/ai-integrations"))).get("ai_integrations").size(),
        "refused creates store nothing");
    assertEquals(204, server.client.delete("/v2/ai-integrations/" + q(id)).status());
    problem(keep(server.client.get("/v2/ai-integrations/" + q(id))), 404);

    for (String body : bodies) {
      assertFalse(body.contains(API_KEY), "the API key leaked: " + body);
      assertFalse(body.contains(HEADER_VALUE), "a header value leaked: " + body);
    }
  }

  @Test
  void testCall_answersFromTheModel_orIs502WithTheProvidersReason() {
    String id = createIntegration(name).get("id").asText();

    JsonNode ok = expect(200, keep(server.client.post("/v2/ai-integrations/" + q(id) + "/test", "{}")));
    assertEquals("fake-judge", ok.get("model_name").asText());
    assertEquals("OK", ok.get("response_text").asText());
    assertTrue(ok.get("input_tokens").asLong() > 0);

    fake.requireApiKey("some-other-key");
    JsonNode failed = problem(keep(server.client.post("/v2/ai-integrations/" + q(id) + "/test",
        "{\"model_name\": \"fake-judge\"}")), 502);
    assertTrue(failed.get("detail").asText().contains("401"), failed.toString());
    for (String body : bodies) {
      assertFalse(body.contains(API_KEY), "the API key leaked: " + body);
    }
  }

  @Test
  void tryJudge_callsTheConfiguredModel_onRealSpans() {
    String id = createIntegration(name).get("id").asText();
    String project = "judged-" + UUID.randomUUID();
    EvaluatorFixtures.ingest(server.client, project, "Paris is the capital of France", "Berlin");

    JsonNode reply = expect(200, server.client.post("/v2/evaluators/test", "{\"project_id\": \"" + project + "\", \"spec\": "
        + EvaluatorFixtures.judgeSpec("correct", "{\"model_config_id\": \"" + id + "\", \"model_name\": \"fake-judge\"}")
        + ", \"start_time\": \"2000-01-01T00:00:00Z\"}"));

    assertEquals(2, reply.get("results").size(), reply.toString());
    for (JsonNode r : reply.get("results")) {
      assertTrue(r.get("error").isNull(), r.toString());
      assertEquals("correct", r.get("label").asText(), "the fake picks the first rail listed in the judge's prompt");
      assertEquals(1.0, r.get("score").asDouble());
      assertTrue(r.get("passed").asBoolean());
      assertFalse(r.get("explanation").asText().isBlank());
      assertEquals("fake-judge", r.at("/metadata/judge_model").asText(), r.toString());
    }
    assertTrue(fake.calls() >= 2);
  }

  @Test
  void tryJudge_whenTheProviderRefusesTheKey_pausesWithTheReason_andEveryResultSaysSo() {
    String id = createIntegration(name).get("id").asText();
    fake.requireApiKey("not-the-stored-key");
    String project = "refused-" + UUID.randomUUID();
    EvaluatorFixtures.ingest(server.client, project, "a", "b", "c");

    JsonNode reply = expect(200, keep(server.client.post("/v2/evaluators/test", "{\"project_id\": \"" + project
        + "\", \"spec\": " + EvaluatorFixtures.judgeSpec("correct", "{\"model_config_id\": \"" + id
        + "\", \"model_name\": \"fake-judge\"}") + ", \"start_time\": \"2000-01-01T00:00:00Z\"}")));

    assertFalse(reply.get("paused_reason").isNull(), reply.toString());
    assertEquals(3, reply.get("results").size());
    for (JsonNode r : reply.get("results")) {
      assertTrue(r.get("label").isNull());
      assertFalse(r.get("error").asText().isBlank(), r.toString());
    }
    assertFalse(reply.toString().contains(API_KEY));
  }
}
