package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Health and readiness against a real server; one short subclass per database. */
abstract class HealthContract extends LiveServerContract {
  abstract String expectedDialect();

  @Test
  void healthz_answersOkWithoutTouchingTheDatabase() {
    server.server.store().close();

    HttpTestClient.Reply reply = server.client.get("/healthz");

    assertEquals(200, reply.status());
    assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
    assertEquals("{\"status\":\"ok\"}", reply.body());
  }

  @Test
  void healthz_acceptsABearerTokenSilently() {
    assertEquals(200, server.client.get("/healthz", "Authorization", "Bearer some-future-api-key").status());
  }

  @Test
  void readyz_saysReadyAndNamesTheDatabase() {
    HttpTestClient.Reply reply = server.client.get("/readyz");

    assertEquals(200, reply.status(), reply.body());
    assertEquals("ready", reply.json().get("status").asText());
    assertEquals(expectedDialect(), reply.json().get("database").asText());
  }

  @Test
  void readyz_afterTheStoreIsClosed_answers503ProblemJson() {
    server.server.store().close();

    HttpTestClient.Reply reply = server.client.get("/readyz");

    assertEquals(503, reply.status());
    assertEquals(Problem.CONTENT_TYPE, reply.contentType());
    JsonNode problem = reply.json();
    assertEquals(503, problem.get("status").asInt());
    assertEquals("Service Unavailable", problem.get("title").asText());
    assertEquals("urn:assay:problem:service-unavailable", problem.get("type").asText());
    assertEquals("/readyz", problem.get("instance").asText());
    assertTrue(problem.get("detail").asText().startsWith("the database does not answer"), problem.toString());
  }
}
