package dev.assay.server;

import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.problem;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.auth.AccessScope;
import dev.assay.eval.HttpSpec;
import dev.assay.secrets.SealedValues;
import dev.assay.secrets.SecretBox;
import dev.assay.server.v2.ApiIds;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code /v2/evaluators}, {@code /v2/evaluator-versions}, {@code /v2/evaluator-templates} and {@code /v2/evaluators/test}. */
abstract class EvaluatorsApiContract extends LiveServerContract {
  private final String name = "eval-" + UUID.randomUUID();

  private JsonNode create(String evaluatorName, String spec) {
    return expect(201, server.client.post("/v2/evaluators", "{\"name\": \"" + evaluatorName + "\", \"description\": \"d\","
        + " \"version\": {\"commit_message\": \"first\", \"spec\": " + spec + "}}"));
  }

  @Test
  void evaluators_createGetListRenameVersionAndDelete() {
    JsonNode created = create(name, EvaluatorFixtures.regexSpec("has_digit", "[0-9]"));
    String id = created.get("id").asText();
    assertEquals("CODE", created.get("type").asText());
    assertEquals(name, created.get("name").asText());
    JsonNode v1 = created.get("version");
    assertEquals(1, v1.get("version_number").asInt());
    assertEquals("first", v1.get("commit_message").asText());
    assertEquals(40, v1.get("commit_hash").asText().length());
    assertEquals(id, v1.get("evaluator_id").asText());
    assertEquals("CODE", v1.at("/spec/kind").asText());
    assertEquals("MANAGED", v1.at("/code_config/type").asText());
    assertEquals("MATCHES_REGEX", v1.at("/code_config/managed_evaluator").asText());
    assertEquals("REGEX", v1.at("/code_config/static_params/0/type").asText());
    assertFalse(v1.has("template_config"));

    assertEquals(created, expect(200, server.client.get("/v2/evaluators/" + q(id))));
    assertEquals(created, expect(200, server.client.get("/v2/evaluators/" + q(name) + "?space_name=default")));
    JsonNode listed = expect(200, server.client.get("/v2/evaluators?name=" + q(name)));
    assertEquals(1, listed.get("evaluators").size());
    assertEquals(id, listed.at("/evaluators/0/id").asText());
    assertFalse(listed.at("/pagination/has_more").asBoolean());

    JsonNode v2 = expect(201, server.client.post("/v2/evaluators/" + q(id) + "/versions", """
        {"commit_message": "stricter", "code_config": {"type": "MANAGED", "name": "has_digit",
         "managed_evaluator": "MATCHES_REGEX", "variables": ["output"],
         "static_params": [{"name": "pattern", "type": "REGEX", "default_value": "^[0-9]+$"}]}}"""));
    assertEquals(2, v2.get("version_number").asInt());
    assertEquals("^[0-9]+$", v2.at("/spec/params/pattern").asText());
    assertNotEquals(v1.get("commit_hash"), v2.get("commit_hash"));
    assertEquals(v1, expect(200, server.client.get("/v2/evaluator-versions/" + q(v1.get("id").asText()))), "v1 is immutable");
    assertEquals(v2, expect(200, server.client.get("/v2/evaluators/" + q(id))).get("version"), "latest by default");
    assertEquals(v1, expect(200, server.client.get("/v2/evaluators/" + q(id) + "?version_id=" + q(v1.get("id").asText())))
        .get("version"));
    JsonNode versions = expect(200, server.client.get("/v2/evaluators/" + q(id) + "/versions?limit=1"));
    assertEquals(List.of(2), numbers(versions.get("evaluator_versions")));
    JsonNode older = expect(200, server.client.get("/v2/evaluators/" + q(id) + "/versions?limit=1&cursor="
        + q(versions.at("/pagination/next_cursor").asText())));
    assertEquals(List.of(1), numbers(older.get("evaluator_versions")));

    JsonNode renamed = expect(200, server.client.patch("/v2/evaluators/" + q(id), "{\"name\": \"" + name + "-2\", \"description\": null}"));
    assertEquals(name + "-2", renamed.get("name").asText());
    assertTrue(renamed.get("description").isNull());
    create(name, EvaluatorFixtures.regexSpec("x", "x"));
    problem(server.client.patch("/v2/evaluators/" + q(id), "{\"name\": \"" + name + "\"}"), 409);
    problem(server.client.post("/v2/evaluators", "{\"name\": \"" + name + "\", \"version\": {\"spec\": "
        + EvaluatorFixtures.regexSpec("x", "x") + "}}"), 409);

    assertEquals(204, server.client.delete("/v2/evaluators/" + q(id)).status());
    problem(server.client.get("/v2/evaluators/" + q(id)), 404);
    problem(server.client.get("/v2/evaluator-versions/" + q(v1.get("id").asText())), 404);
    problem(server.client.delete("/v2/evaluators/" + q(id)), 404);
  }

  @Test
  void templateConfig_isStoredAsAJudge_andShownAsAxTemplateConfig() {
    JsonNode created = expect(201, server.client.post("/v2/evaluators", """
        {"name": "%s", "type": "TEMPLATE", "version": {"commit_message": "init", "template_config": {
          "name": "relevance", "template": "Is {{output}} relevant to {input}?", "include_explanations": true,
          "use_function_calling_if_available": false, "classification_choices": {"relevant": 1, "irrelevant": 0},
          "direction": "MAXIMIZE", "data_granularity": "SPAN",
          "llm_config": {"ai_integration_id": "", "model_name": "", "invocation_parameters": {"temperature": 0},
                         "provider_parameters": {}}}}}""".formatted(name)));
    assertEquals("TEMPLATE", created.get("type").asText());
    JsonNode t = created.at("/version/template_config");
    assertEquals("Is {output} relevant to {input}?", t.get("template").asText(), "mustache variables become {var}");
    assertEquals(1.0, t.at("/classification_choices/relevant").asDouble());
    assertEquals("", t.at("/llm_config/ai_integration_id").asText());
    assertEquals("LLM_JUDGE", created.at("/version/spec/kind").asText());
    assertEquals("relevant", created.at("/version/spec/rails").fieldNames().next());
  }

  @Test
  void badInput_is400WithTheReason_andChangesNothing() {
    String id = create(name, EvaluatorFixtures.regexSpec("ok", "x")).get("id").asText();
    Map<String, String> bad = Map.of(
        "{\"name\": \"n1\", \"version\": {}}", "exactly one",
        "{\"name\": \"n2\", \"version\": {\"spec\": {\"kind\": \"MAGIC\", \"name\": \"m\"}}}", "MAGIC",
        "{\"name\": \"n3\", \"version\": {\"spec\": " + EvaluatorFixtures.regexSpec("bad/name", "x") + "}}", "bad/name",
        "{\"name\": \"n4\", \"version\": {\"spec\": " + EvaluatorFixtures.regexSpec("ok", "(") + "}}", "pattern",
        "{\"name\": \"n5\", \"version\": {\"template_config\": {\"name\": \"t\", \"template\": \"x\"}}}", "classification_choices",
        "{\"name\": \"n6\", \"version\": {\"code_config\": {\"type\": \"CUSTOM\", \"name\": \"c\", \"code\": \"x\"}}}", "as a COMMAND evaluator",
        "{\"name\": \"n7\", \"type\": \"TEMPLATE\", \"version\": {\"spec\": " + EvaluatorFixtures.regexSpec("ok", "x") + "}}", "type",
        "{\"name\": \"n8\", \"version\": {\"spec\": {\"kind\": \"CODE\", \"name\": \"c\"}}}", "check");
    bad.forEach((body, reason) -> {
      JsonNode p = problem(server.client.post("/v2/evaluators", body), 400);
      assertTrue(p.get("detail").asText().contains(reason), body + " -> " + p.get("detail").asText());
    });
    JsonNode p = problem(server.client.post("/v2/evaluators/" + q(id) + "/versions", "{\"spec\": "
        + EvaluatorFixtures.judgeSpec("j", "null") + "}"), 400);
    assertTrue(p.get("detail").asText().contains("CODE"), p.toString());
    problem(server.client.post("/v2/evaluators/" + q(id) + "/versions", "{\"spec\": "), 400);

    assertEquals(1, expect(200, server.client.get("/v2/evaluators")).get("evaluators").size(), "no evaluator was created");
    assertEquals(1, expect(200, server.client.get("/v2/evaluators/" + q(id) + "/versions")).get("evaluator_versions").size());
  }

  @Test
  void httpHeaderValues_areMasked_andAMaskedValueSentBackKeepsTheStoredOne() {
    String spec = """
        {"kind": "HTTP", "name": "remote", "url": "http://127.0.0.1:9/eval", "headers": {"Authorization": "Bearer hdr-secret-42"}}""";
    JsonNode created = create(name, spec);
    assertFalse(created.toString().contains("hdr-secret-42"));
    assertEquals("********", created.at("/version/spec/headers/Authorization").asText());

    JsonNode fetchedSpec = expect(200, server.client.get("/v2/evaluators/" + q(created.get("id").asText()))).at("/version/spec");
    JsonNode v2 = expect(201, server.client.post("/v2/evaluators/" + q(created.get("id").asText()) + "/versions",
        "{\"spec\": " + fetchedSpec.toString().replace("http://127.0.0.1:9/eval", "http://127.0.0.1:9/v2") + "}"));
    assertFalse(v2.toString().contains("hdr-secret-42"));
    HttpSpec stored = (HttpSpec) server.server.store().evaluators()
        .findVersion(AccessScope.unrestricted(), ApiIds.decode("EvaluatorVersion", v2.get("id").asText())).orElseThrow().spec();
    String sealed = stored.headers().get("Authorization");
    assertTrue(sealed.startsWith("sealed:v1:"), "header values are sealed at rest");
    assertEquals("Bearer hdr-secret-42",
        new SealedValues(SecretBox.fromConfig(server.server.config())).open(sealed));
    assertEquals("http://127.0.0.1:9/v2", stored.url());
  }

  @Test
  void templates_listTheBuiltInJudges_withRailsAndVariables() {
    JsonNode templates = expect(200, server.client.get("/v2/evaluator-templates")).get("templates");
    assertTrue(templates.size() >= 14, templates.toString());
    JsonNode hallucination = StreamSupport.stream(templates.spliterator(), false)
        .filter(t -> t.get("id").asText().equals("hallucination")).findFirst().orElseThrow();
    assertTrue(hallucination.get("rails").size() >= 2);
    assertTrue(hallucination.get("messages").size() >= 1);
    assertTrue(hallucination.get("variables").size() >= 1);
    assertEquals(hallucination, expect(200, server.client.get("/v2/evaluator-templates/hallucination")));
    problem(server.client.get("/v2/evaluator-templates/nope"), 404);
  }

  @Test
  void tryEvaluator_runsACodeCheckOnRealSpans_andStoresNothing() {
    String project = "try-" + UUID.randomUUID();
    EvaluatorFixtures.ingest(server.client, project, "answer 42", "no digits here", "7 apples");

    JsonNode reply = expect(200, server.client.post("/v2/evaluators/test", "{\"project_id\": \"" + project + "\", \"spec\": "
        + EvaluatorFixtures.regexSpec("has_digit", "[0-9]") + ", \"start_time\": \"2000-01-01T00:00:00Z\"}"));

    JsonNode results = reply.get("results");
    assertEquals(3, results.size(), reply.toString());
    Map<String, Boolean> passedByOutput = new java.util.HashMap<>();
    results.forEach(r -> passedByOutput.put(r.get("output").asText(), r.get("passed").asBoolean()));
    assertEquals(Map.of("answer 42", true, "no digits here", false, "7 apples", true), passedByOutput);
    assertEquals("SPAN", results.get(0).get("target_kind").asText());
    assertTrue(reply.get("paused_reason").isNull());

    JsonNode one = expect(200, server.client.post("/v2/evaluators/test", "{\"project_id\": \"" + project + "\", \"spec\": "
        + EvaluatorFixtures.regexSpec("has_digit", "[0-9]") + ", \"target_ids\": [\"b7ad6b7169203302\"]}"));
    assertEquals(1, one.get("results").size());
    assertFalse(one.at("/results/0/passed").asBoolean());

    String evaluatorId = create(name, EvaluatorFixtures.regexSpec("has_digit", "apples")).get("id").asText();
    JsonNode stored = expect(200, server.client.post("/v2/evaluators/test", "{\"project_id\": \"" + project
        + "\", \"evaluator_id\": \"" + evaluatorId + "\", \"limit\": 1, \"start_time\": \"2000-01-01T00:00:00Z\"}"));
    assertEquals(1, stored.get("results").size());

    assertEquals(0, expect(200, server.client.get("/v2/evaluations?project_id=" + q(project))).get("evaluations").size(),
        "trying stores nothing");
    problem(server.client.post("/v2/evaluators/test", "{\"project_id\": \"" + project + "\", \"limit\": 51, \"spec\": "
        + EvaluatorFixtures.regexSpec("x", "x") + "}"), 400);
    problem(server.client.post("/v2/evaluators/test", "{\"project_id\": \"nope\", \"spec\": "
        + EvaluatorFixtures.regexSpec("x", "x") + "}"), 404);
  }

  @Test
  void tryJudge_withoutAModel_givesAnErrorResultThatSaysHowToConfigureOne() {
    String project = "judge-" + UUID.randomUUID();
    EvaluatorFixtures.ingest(server.client, project, "Paris");

    JsonNode reply = expect(200, server.client.post("/v2/evaluators/test", "{\"project_id\": \"" + project + "\", \"spec\": "
        + EvaluatorFixtures.judgeSpec("correct", "null") + ", \"start_time\": \"2000-01-01T00:00:00Z\"}"));

    JsonNode result = reply.at("/results/0");
    assertTrue(result.get("label").isNull());
    String error = result.get("error").asText();
    assertTrue(error.contains("/v2/ai-integrations") && error.contains("assay models create"), error);
  }

  private static List<Integer> numbers(JsonNode versions) {
    return StreamSupport.stream(versions.spliterator(), false).map(v -> v.get("version_number").asInt()).toList();
  }
}
