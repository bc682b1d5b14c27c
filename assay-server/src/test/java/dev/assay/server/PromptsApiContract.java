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
import org.junit.jupiter.api.Test;

/**
 * {@code /v2/prompts} and {@code /v2/prompt-versions} in AX's shapes: versions are immutable and numbered, labels
 * move between versions, bad input is a problem naming the field and stores nothing, and render/run fill variables
 * (run against the fake model server).
 */
abstract class PromptsApiContract extends LiveServerContract {

  static String version(String commit, String userText) {
    return """
        {"commit_message": "%s", "provider": "OPEN_AI", "model": "fake-model", "input_variable_format": "MUSTACHE",
         "invocation_params": {"temperature": 0.3, "max_tokens": 64},
         "messages": [{"role": "SYSTEM", "content": "You sort mail."}, {"role": "USER", "content": "%s"}]}"""
        .formatted(commit, userText);
  }

  private JsonNode create(String name, String userText) {
    return expect(201, server.client.post("/v2/prompts",
        "{\"name\": \"" + name + "\", \"description\": \"sorts mail\", \"version\": " + version("first", userText) + "}"));
  }

  @Test
  void create_get_versions_andLabels_inAxShapes() {
    JsonNode created = create("mail", "Is {{text}} spam? one of: spam, ham");
    String id = created.get("id").asText();
    assertEquals("mail", created.get("name").asText());
    assertEquals("sorts mail", created.get("description").asText());
    assertTrue(created.has("created_by_user_id"));
    JsonNode v1 = created.get("version");
    assertEquals(id, v1.get("prompt_id").asText());
    assertEquals(1, v1.get("version_number").asInt());
    assertEquals("MUSTACHE", v1.get("input_variable_format").asText());
    assertEquals("OPEN_AI", v1.get("provider").asText());
    assertEquals("USER", v1.at("/messages/1/role").asText());
    assertEquals(0.3, v1.at("/invocation_params/temperature").asDouble());
    assertEquals(64, v1.get("commit_hash").asText().length());
    assertEquals(List.of(), labels(v1));

    JsonNode v2 = expect(201, server.client.post("/v2/prompts/" + q(id) + "/versions",
        version("second", "Classify {{text}}: one of: spam, ham")));
    assertEquals(2, v2.get("version_number").asInt());
    assertFalse(v2.get("commit_hash").asText().equals(v1.get("commit_hash").asText()));
    // By name too, and the latest version by default.
    assertEquals(v2.get("id"), expect(200, server.client.get("/v2/prompts/mail")).at("/version/id"));
    assertEquals(v1.get("id"), expect(200, server.client.get("/v2/prompts/" + q(id) + "?version_id="
        + q(v1.get("id").asText()))).at("/version/id"));
    JsonNode listed = expect(200, server.client.get("/v2/prompts/" + q(id) + "/versions?limit=1"));
    assertEquals(v2.get("id"), listed.at("/prompt_versions/0/id"));
    assertTrue(listed.at("/pagination/has_more").asBoolean());

    String v1Path = "/v2/prompt-versions/" + q(v1.get("id").asText());
    String v2Path = "/v2/prompt-versions/" + q(v2.get("id").asText());
    assertEquals(List.of("production", "staging"),
        labels(expect(200, server.client.put(v1Path + "/labels", "{\"labels\": [\"staging\", \"production\"]}"))));
    assertEquals(v1.get("id"), expect(200, server.client.get("/v2/prompts/" + q(id) + "/labels/production")).get("id"));
    // Moving production to v2 takes it off v1; staging stays.
    assertEquals(List.of("production"), labels(expect(200, server.client.put(v2Path + "/labels",
        "{\"labels\": [\"production\"]}"))));
    assertEquals(List.of("staging"), labels(expect(200, server.client.get(v1Path))));
    assertEquals(v2.get("id"), expect(200, server.client.get("/v2/prompts/" + q(id) + "?label=production"))
        .at("/version/id"));
    problem(server.client.get("/v2/prompts/" + q(id) + "?label=production&version_id=" + q(v1.get("id").asText())), 400);
    assertEquals(204, server.client.delete(v1Path + "/labels/staging").status());
    problem(server.client.delete(v1Path + "/labels/staging"), 404);
    problem(server.client.get("/v2/prompts/" + q(id) + "/labels/staging"), 404);

    JsonNode updated = expect(200, server.client.patch("/v2/prompts/" + q(id), "{\"description\": \"new\"}"));
    assertEquals("new", updated.get("description").asText());
    assertTrue(expect(200, server.client.patch("/v2/prompts/" + q(id), "{\"description\": null}")).get("description")
        .isNull());
    assertEquals(1, expect(200, server.client.get("/v2/prompts?name=mail")).get("prompts").size());
    assertEquals(204, server.client.delete("/v2/prompts/" + q(id)).status());
    problem(server.client.get("/v2/prompts/" + q(id)), 404);
    problem(server.client.get(v2Path), 404);
  }

  @Test
  void badInput_isAProblemNamingTheField_andStoresNothing() {
    List<String[]> cases = new ArrayList<>();
    String message = "[{\"role\": \"USER\", \"content\": \"hi\"}]";
    cases.add(new String[] {"{\"name\": \"b\", \"version\": {\"commit_message\": \"m\", \"provider\": \"OPEN_AI\","
        + " \"messages\": [{\"role\": \"ROBOT\", \"content\": \"x\"}]}}", "messages[0].role"});
    cases.add(new String[] {"{\"name\": \"b\", \"version\": {\"commit_message\": \"m\", \"provider\": \"OPEN_AI\","
        + " \"messages\": []}}", "version.messages"});
    cases.add(new String[] {"{\"name\": \"b\", \"version\": {\"commit_message\": \"m\", \"provider\": \"GEMINI\","
        + " \"messages\": " + message + "}}", "provider"});
    cases.add(new String[] {"{\"name\": \"b\", \"version\": {\"commit_message\": \"m\", \"provider\": \"OPEN_AI\","
        + " \"messages\": " + message + ", \"invocation_params\": {\"temprature\": 1}}}", "invocation_params.temprature"});
    cases.add(new String[] {"{\"name\": \"b\", \"version\": {\"provider\": \"OPEN_AI\", \"messages\": " + message + "}}",
        "version.commit_message"});
    cases.add(new String[] {"{\"name\": \"b\", \"colour\": \"red\", \"version\": {\"commit_message\": \"m\","
        + " \"provider\": \"OPEN_AI\", \"messages\": " + message + "}}", "colour"});
    cases.add(new String[] {"{\"name\": \"b\", \"version\": {\"id\": \"x\", \"commit_message\": \"m\","
        + " \"provider\": \"OPEN_AI\", \"messages\": " + message + "}}", "version.id"});
    cases.add(new String[] {"{\"name\": \"b\", \"version\": {\"commit_message\": \"m\", \"provider\": \"OPEN_AI\","
        + " \"input_variable_format\": \"JINJA\", \"messages\": " + message + "}}", "input_variable_format"});
    cases.add(new String[] {"{\"name\": \"b\", \"version\": {\"commit_message\": \"m\", \"provider\": \"OPEN_AI\","
        + " \"template_type\": \"STR\", \"messages\": [{\"role\": \"SYSTEM\", \"content\": \"x\"}]}}", "STR"});
    for (String[] c : cases) {
      JsonNode p = problem(server.client.post("/v2/prompts", c[0]), 400);
      assertTrue(p.get("detail").asText().contains(c[1]), c[1] + " not in " + p.get("detail"));
    }
    problem(server.client.post("/v2/prompts", "{not json"), 400);
    assertEquals(0, expect(200, server.client.get("/v2/prompts")).get("prompts").size(), "refused creates store nothing");

    JsonNode created = create("kept", "Hello {{name}}");
    String id = created.get("id").asText();
    problem(server.client.post("/v2/prompts", "{\"name\": \"kept\", \"version\": " + version("again", "x") + "}"), 409);
    JsonNode p = problem(server.client.post("/v2/prompts/" + q(id) + "/versions", "{\"commit_message\": \"m\","
        + " \"provider\": \"OPEN_AI\", \"messages\": [{\"role\": \"USER\"}]}"), 400);
    assertTrue(p.get("detail").asText().contains("messages[0].content"), p.toString());
    problem(server.client.put("/v2/prompt-versions/" + q(created.at("/version/id").asText()) + "/labels",
        "{\"labels\": [\"has space\"]}"), 400);
    problem(server.client.patch("/v2/prompts/" + q(id), "{\"name\": \"renamed\"}"), 400);
    problem(server.client.post("/v2/prompts/nope/versions", version("m", "x")), 404);
    JsonNode versions = expect(200, server.client.get("/v2/prompts/" + q(id) + "/versions"));
    assertEquals(1, versions.get("prompt_versions").size());
    assertEquals(List.of(), labels(versions.at("/prompt_versions/0")));
  }

  @Test
  void render_listsMissing_andRun_callsTheModel() {
    JsonNode created = create("run-me", "Is {{ text }} from {{sender.name}} spam? one of: spam, ham");
    String path = "/v2/prompt-versions/" + q(created.at("/version/id").asText());
    JsonNode rendered = expect(200, server.client.post(path + "/render", "{\"variables\": {\"text\": \"WIN\"}}"));
    assertEquals("Is WIN from {{sender.name}} spam? one of: spam, ham", rendered.at("/messages/1/content").asText());
    assertEquals(List.of("text", "sender.name"), strings(rendered.get("variables")));
    assertEquals(List.of("sender.name"), strings(rendered.get("missing")));
    problem(server.client.post(path + "/render", "{\"variables\": [1]}"), 400);

    JsonNode noModel = problem(server.client.post(path + "/run", "{\"variables\": {}}"), 400);
    assertTrue(noModel.get("detail").asText().contains("ai_integration_id"), noModel.toString());
    try (FakeModelServer fake = FakeModelServer.create().start()) {
      String integration = expect(201, server.client.post("/v2/ai-integrations", """
          {"name": "prompt-model", "provider": "CUSTOM", "base_url": "%s", "model_names": ["fake-model"],
           "api_key": "k"}""".formatted(fake.openAiBaseUrl()))).get("id").asText();
      JsonNode missing = problem(server.client.post(path + "/run", "{\"ai_integration_id\": \"" + integration
          + "\", \"variables\": {\"text\": \"WIN\"}}"), 400);
      assertTrue(missing.get("detail").asText().contains("sender.name"), missing.toString());
      assertEquals(0, fake.calls(), "nothing is sent when a variable is missing");

      JsonNode run = expect(200, server.client.post(path + "/run", "{\"ai_integration_id\": \"prompt-model\","
          + " \"variables\": {\"text\": \"WIN\", \"sender\": {\"name\": \"Bob\"}}, \"invocation_params\":"
          + " {\"max_tokens\": 9}}"));
      assertEquals("spam", run.get("output").asText());
      assertEquals("fake-model", run.get("model").asText());
      assertTrue(run.get("input_tokens").asLong() > 0);
      assertEquals("Is WIN from Bob spam? one of: spam, ham", run.at("/messages/1/content").asText());
      assertEquals(9, fake.lastRequest().get("max_tokens").asInt());
      assertEquals(0.3, fake.lastRequest().get("temperature").asDouble());

      fake.fault(x -> true, FakeModelServer.Fault.SERVER_ERROR);
      problem(server.client.post(path + "/run", "{\"ai_integration_id\": \"prompt-model\", \"variables\": {\"text\":"
          + " \"x\", \"sender\": {\"name\": \"y\"}}}"), 502);
      problem(server.client.post(path + "/run", "{\"ai_integration_id\": \"nope\", \"variables\": {\"text\":"
          + " \"x\", \"sender\": {\"name\": \"y\"}}}"), 404);
    }
  }

  private static List<String> labels(JsonNode version) {
    return strings(version.get("labels"));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
