package dev.assay.server;

import static dev.assay.server.V2TestClient.q;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.server.OpenApiDocumentTest.Checker;
import dev.assay.testing.WebhookReceiver;

/**
 * The webhook operations as {@link OpenApiDocumentTest} exercises them, against a receiver on 127.0.0.1 (which
 * {@link TestServer} allows): each documented operation called once or more, including a refused request.
 */
final class WebhookRouteExercises {
  private WebhookRouteExercises() {}

  static void webhooks(HttpTestClient c, Checker check) {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      JsonNode created = check.run("POST", "/v2/webhooks", () -> c.post("/v2/webhooks", "{\"name\": \"docs-hook\", \"url\": \""
          + receiver.url("/hook") + "\", \"auth_type\": \"HMAC_SHA256\", \"auth_token\": \"docs-secret\","
          + " \"headers\": {\"X-Team\": \"docs\"}, \"timeout_ms\": 5000}"));
      String hook = "/v2/webhooks/" + q(created.get("id").asText());
      check.run("POST", "/v2/webhooks", () -> c.post("/v2/webhooks", "{\"name\": \"docs-hook\", \"url\": \""
          + receiver.url("/hook") + "\"}"));
      check.run("POST", "/v2/webhooks", () -> c.post("/v2/webhooks", "{\"name\": \"x\", \"url\": \"http://169.254.169.254/\"}"));
      check.run("POST", "/v2/webhooks", () -> c.post("/v2/webhooks", "{\"name\": \"x\", \"url\": \"ftp://example.com/\"}"));
      check.run("GET", "/v2/webhooks", () -> c.get("/v2/webhooks?limit=1"));
      check.run("GET", "/v2/webhooks", () -> c.get("/v2/webhooks?limit=0"));
      check.run("GET", "/v2/webhooks/{webhook_id}", () -> c.get(hook));
      check.run("GET", "/v2/webhooks/{webhook_id}", () -> c.get("/v2/webhooks/docs-hook?space_name=default"));
      check.run("GET", "/v2/webhooks/{webhook_id}", () -> c.get("/v2/webhooks/nope"));
      check.run("PATCH", "/v2/webhooks/{webhook_id}", () -> c.patch(hook, "{\"headers\": {\"X-Team\": \"********\"},"
          + " \"timeout_ms\": 2000}"));
      check.run("PATCH", "/v2/webhooks/{webhook_id}", () -> c.patch(hook, "{\"url\": \"http://10.0.0.1/\"}"));
      check.run("PATCH", "/v2/webhooks/{webhook_id}", () -> c.patch(hook, "{}"));
      check.run("POST", "/v2/webhooks/{webhook_id}/test", () -> c.post(hook + "/test", "{}"));
      receiver.answer(WebhookReceiver.Answer.status(410));
      check.run("POST", "/v2/webhooks/{webhook_id}/test", () -> c.post(hook + "/test", ""));
      check.run("POST", "/v2/webhooks/{webhook_id}/test", () -> c.post("/v2/webhooks/nope/test", "{}"));
      check.run("GET", "/v2/webhooks/{webhook_id}/deliveries", () -> c.get(hook + "/deliveries?limit=1"));
      check.run("GET", "/v2/webhooks/{webhook_id}/deliveries", () -> c.get(hook + "/deliveries?cursor=bad!"));
      check.run("GET", "/v2/webhooks/{webhook_id}/deliveries", () -> c.get("/v2/webhooks/nope/deliveries"));
      check.run("DELETE", "/v2/webhooks/{webhook_id}", () -> c.delete(hook));
      check.run("DELETE", "/v2/webhooks/{webhook_id}", () -> c.delete(hook));
    }
  }
}
