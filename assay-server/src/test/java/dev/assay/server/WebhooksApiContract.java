package dev.assay.server;

import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.problem;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.testing.WebhookReceiver;
import dev.assay.testing.WebhookReceiver.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v2/webhooks} against a live server (127.0.0.1 allow-listed, as {@link TestServer} does) and a receiver there:
 * loopback, link-local (cloud metadata) and private URLs are refused by default, an allow-listed receiver gets signed and Bearer deliveries, a redirect into the
 * metadata address is refused, every delivery is logged, and no token or header value ever comes back.
 */
abstract class WebhooksApiContract extends LiveServerContract {
  private static final String TOKEN = "whsec-" + UUID.randomUUID();
  private static final String HEADER_VALUE = "hdr-" + UUID.randomUUID();

  private final WebhookReceiver receiver = WebhookReceiver.start();
  private final List<String> bodies = new ArrayList<>();

  @AfterEach
  void stopReceiver() {
    receiver.close();
    for (String body : bodies) {
      assertFalse(body.contains(TOKEN) || body.contains(HEADER_VALUE), "a secret came back: " + body);
    }
  }

  /**
   * Restarts the server on the same database with the default outbound policy: no allowed hosts, so loopback is
   * refused like every private address ({@link TestServer#start} allows 127.0.0.1, as an operator would).
   */
  private void restartWithDefaultPolicy() {
    server.close();
    server = TestServer.withoutLocalOutbound(config());
    v2 = new V2TestClient(server.client);
  }

  private HttpTestClient.Reply keep(HttpTestClient.Reply reply) {
    bodies.add(reply.body());
    return reply;
  }

  private String create(String json) {
    return expect(201, keep(server.client.post("/v2/webhooks", json))).get("id").asText();
  }

  private String hook(String name, String url, String authType) {
    return """
        {"name": "%s", "url": "%s", "auth_type": "%s", "auth_token": "%s", "headers": {"X-Team": "%s"},
         "timeout_ms": 5000}""".formatted(name, url, authType, TOKEN, HEADER_VALUE);
  }

  private JsonNode test(String id) {
    return expect(200, keep(server.client.post("/v2/webhooks/" + q(id) + "/test", "{}")));
  }

  @Test
  void byDefault_loopbackMetadataAndPrivateUrls_areRefusedWith422_andNothingIsStored() {
    restartWithDefaultPolicy();
    for (String url : List.of(receiver.url("/hook"), "http://169.254.169.254/", "http://10.0.0.1/")) {
      JsonNode problem = problem(keep(server.client.post("/v2/webhooks", hook("internal", url, "BEARER"))), 422);
      assertTrue(problem.get("detail").asText().contains("refused"), problem.toString());
      assertTrue(problem.get("detail").asText().contains("ASSAY_ALLOWED_HOSTS"), problem.toString());
    }
    assertEquals(0, expect(200, keep(server.client.get("/v2/webhooks"))).get("webhooks").size());
    assertEquals(List.of(), receiver.requests());
  }

  @Test
  void allowListed_receiver_getsAValidHmacSignature_andABearerHeader_andEachDeliveryIsLogged() throws Exception {
    String signed = create(hook("signed", receiver.url("/signed"), "HMAC_SHA256"));
    String bearer = create(hook("bearer", receiver.url("/bearer"), "BEARER"));

    JsonNode signedDelivery = test(signed);
    JsonNode bearerDelivery = test(bearer);

    assertEquals("SUCCEEDED", signedDelivery.get("status").asText());
    assertEquals(200, signedDelivery.get("http_status").asInt());
    assertEquals(1, signedDelivery.get("attempts").asInt());
    assertEquals("webhook.test", signedDelivery.get("event").asText());
    assertEquals(signed, signedDelivery.get("webhook_id").asText());
    WebhookReceiver.Request first = receiver.requests().get(0);
    assertEquals("/signed", first.path());
    assertTrue(first.signatureValid(TOKEN, Duration.ofMinutes(5)), first.header("X-Assay-Signature"));
    assertEquals("webhook.test", first.header("X-Assay-Event"));
    assertEquals(signedDelivery.get("id").asText(), first.header("X-Assay-Delivery"));
    assertEquals(HEADER_VALUE, first.header("X-Team"));
    assertEquals("SUCCEEDED", bearerDelivery.get("status").asText());
    assertEquals("Bearer " + TOKEN, receiver.requests().get(1).header("Authorization"));

    JsonNode log = expect(200, keep(server.client.get("/v2/webhooks/" + q(signed) + "/deliveries")));
    assertEquals(1, log.get("deliveries").size());
    assertEquals(signedDelivery, log.get("deliveries").get(0));
    assertFalse(log.at("/pagination/has_more").asBoolean());
  }

  @Test
  void aRedirectFromTheAllowedReceiver_toTheMetadataAddress_isRefused_andLoggedAsFailed() {
    String id = create(hook("moved", receiver.url("/moved"), "BEARER"));
    receiver.answer(Answer.redirect(302, "http://169.254.169.254/latest/meta-data/iam/"));

    JsonNode delivery = test(id);

    assertEquals("FAILED", delivery.get("status").asText());
    assertEquals(1, delivery.get("attempts").asInt());
    assertTrue(delivery.get("http_status").isNull());
    assertTrue(delivery.get("error").asText().contains("169.254.169.254"), delivery.toString());
    assertTrue(delivery.get("error").asText().contains("refused"), delivery.toString());
    assertEquals(1, receiver.requests().size());
  }

  @Test
  void aHostThatBecameRefused_failsWithoutARequest() {
    String id = create(hook("was-allowed", receiver.url("/x"), "HMAC_SHA256"));
    restartWithDefaultPolicy();

    JsonNode delivery = test(id);

    assertEquals("FAILED", delivery.get("status").asText());
    assertEquals(0, delivery.get("attempts").asInt());
    assertTrue(delivery.get("error").asText().contains("ASSAY_ALLOWED_HOSTS"), delivery.toString());
    assertEquals(List.of(), receiver.requests(), "no request was sent");
    assertEquals(1, expect(200, keep(server.client.get("/v2/webhooks/" + q(id) + "/deliveries"))).get("deliveries").size());
  }

  @Test
  void crud_showsOnlyMaskedSecrets_andAMaskSentBackKeepsTheStoredValue() {
    JsonNode created = expect(201, keep(server.client.post("/v2/webhooks", hook("crud", receiver.url("/c"), "BEARER"))));
    String id = created.get("id").asText();
    assertEquals(Set.of("id", "space_id", "name", "url", "auth_type", "has_auth_token", "headers", "timeout_ms",
        "created_at", "updated_at"), V2TestClient.fieldNames(created));
    assertTrue(created.get("has_auth_token").asBoolean());
    assertEquals("********", created.at("/headers/X-Team").asText());
    assertEquals(5000, created.get("timeout_ms").asInt());
    assertEquals(created, expect(200, keep(server.client.get("/v2/webhooks/" + q(id)))));
    assertEquals(created, expect(200, keep(server.client.get("/v2/webhooks/crud?space_id=default"))));
    assertEquals(1, expect(200, keep(server.client.get("/v2/webhooks?name=CRU"))).get("webhooks").size());

    JsonNode patched = expect(200, keep(server.client.patch("/v2/webhooks/" + q(id),
        "{\"name\": \"crud-2\", \"headers\": {\"X-Team\": \"********\", \"X-Env\": \"prod\"}, \"timeout_ms\": 2000}")));
    assertEquals("crud-2", patched.get("name").asText());
    assertEquals(2000, patched.get("timeout_ms").asInt());
    assertTrue(patched.get("has_auth_token").asBoolean());
    test(id);
    assertEquals(HEADER_VALUE, receiver.requests().getLast().header("X-Team"));
    assertEquals("prod", receiver.requests().getLast().header("X-Env"));

    JsonNode none = expect(200, keep(server.client.patch("/v2/webhooks/" + q(id),
        "{\"auth_type\": \"NONE\", \"headers\": null}")));
    assertFalse(none.get("has_auth_token").asBoolean());
    assertEquals(0, none.get("headers").size());
    assertEquals(204, server.client.delete("/v2/webhooks/" + q(id)).status());
    problem(keep(server.client.get("/v2/webhooks/" + q(id))), 404);
    problem(keep(server.client.get("/v2/webhooks/" + q(id) + "/deliveries")), 404);
  }

  @Test
  void badInput_isAProblem_andChangesNothing() {
    String url = receiver.url("/bad");
    String id = create(hook("keep", url, "BEARER"));
    JsonNode before = expect(200, keep(server.client.get("/v2/webhooks/" + q(id))));
    List<String> badCreates = List.of("[]", "{\"name\": \"x\"}", "{\"name\": \"x\", \"url\": 7}",
        "{\"name\": \"x\", \"url\": \"" + url + "\", \"colour\": \"red\"}",
        "{\"name\": \"x\", \"url\": \"" + url + "\", \"auth_type\": \"BASIC\"}",
        "{\"name\": \"x\", \"url\": \"" + url + "\", \"auth_type\": \"BEARER\"}",
        "{\"name\": \"x\", \"url\": \"" + url + "\", \"timeout_ms\": 100}",
        "{\"name\": \"x\", \"url\": \"" + url + "\", \"timeout_ms\": \"fast\"}",
        "{\"name\": \"x\", \"url\": \"" + url + "\", \"headers\": {\"X-Assay-Event\": \"x\"}}",
        "{\"name\": \"x\", \"url\": \"" + url + "\", \"headers\": [\"a\"]}",
        "{\"name\": \"x\", \"url\": \"file:///etc/passwd\"}");
    for (String body : badCreates) {
      problem(keep(server.client.post("/v2/webhooks", body)), 400);
    }
    problem(keep(server.client.post("/v2/webhooks", hook("keep", url, "BEARER"))), 409);
    problem(keep(server.client.post("/v2/webhooks", "{\"space_id\": \"nowhere\", \"name\": \"x\", \"url\": \"" + url + "\"}")),
        404);
    for (String patch : List.of("{}", "{\"auth_token\": null}", "{\"url\": \"http://169.254.169.254/\"}",
        "{\"headers\": {\"X-Unknown\": \"********\"}}", "{\"id\": \"x\"}")) {
      HttpTestClient.Reply reply = keep(server.client.patch("/v2/webhooks/" + q(id), patch));
      assertTrue(reply.status() == 400 || reply.status() == 422, patch + " -> " + reply.body());
      problem(reply, reply.status());
    }
    problem(keep(server.client.get("/v2/webhooks?limit=0")), 400);
    problem(keep(server.client.post("/v2/webhooks/nope/test", "{}")), 404);
    assertEquals(1, expect(200, keep(server.client.get("/v2/webhooks"))).get("webhooks").size(), "nothing else stored");
    assertEquals(before, expect(200, keep(server.client.get("/v2/webhooks/" + q(id)))), "the webhook is unchanged");
    assertEquals(List.of(), receiver.requests());
  }
}
