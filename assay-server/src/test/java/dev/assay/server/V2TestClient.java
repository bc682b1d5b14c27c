package dev.assay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/**
 * Typed calls of the /v2 spaces and projects endpoints for tests. Methods named after an operation expect
 * it to succeed and return the JSON; {@link #http} is there for the failure cases.
 */
final class V2TestClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What every AX client sends; Assay must accept it while auth is off. */
  static final String[] BEARER = {"Authorization", "Bearer ax-test-key"};

  final HttpTestClient http;

  V2TestClient(HttpTestClient http) {
    this.http = http;
  }

  static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String body(Object... keysAndValues) {
    ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      node.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
    }
    return node.toString();
  }

  JsonNode createSpace(String name) {
    return expect(201, http.post("/v2/spaces", body("name", name)));
  }

  JsonNode createProject(String name, String spaceId) {
    String json = spaceId == null ? body("name", name) : body("name", name, "space_id", spaceId);
    return expect(201, http.post("/v2/projects", json));
  }

  JsonNode getProject(String ref) {
    return expect(200, http.get("/v2/projects/" + q(ref), BEARER));
  }

  JsonNode listProjects(String query) {
    return expect(200, http.get("/v2/projects" + query, BEARER));
  }

  JsonNode listSpaces(String query) {
    return expect(200, http.get("/v2/spaces" + query, BEARER));
  }

  JsonNode summaries(String query) {
    return expect(200, http.get("/v2/project-summaries" + query, BEARER));
  }

  static JsonNode expect(int status, HttpTestClient.Reply reply) {
    assertEquals(status, reply.status(), reply.body());
    return reply.body().isEmpty() ? null : reply.json();
  }

  /** Asserts an RFC 9457 problem document with that status and returns it. */
  static JsonNode problem(HttpTestClient.Reply reply, int status) {
    assertEquals(status, reply.status(), reply.body());
    assertEquals(Problem.CONTENT_TYPE, reply.contentType());
    assertEquals(status, reply.json().get("status").asInt());
    return reply.json();
  }

  static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The {@code name} of each item of a JSON array. */
  static List<String> names(JsonNode items) {
    return StreamSupport.stream(items.spliterator(), false).map(n -> n.get("name").asText()).toList();
  }
}
