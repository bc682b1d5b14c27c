package dev.assay.server;

import static dev.assay.server.V2TestClient.body;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.config.AssayConfig;
import dev.assay.server.v2.OpenApiController;
import dev.assay.testing.FakeModelServer;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v2/openapi.json} against the running server: the document is well-formed OpenAPI 3.1, lists
 * exactly the /v2 routes Javalin has registered, and every operation's live responses (successes and
 * errors) have a documented status and match the documented schema.
 */
class OpenApiDocumentTest {
  /** Two spans over OTLP/JSON, one with an event and an error status, so span and event schemas are both checked. */
  private static final String OTLP_SPANS = """
      {"resourceSpans": [{"resource": {"attributes": []}, "scopeSpans": [{"spans": [
        {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331", "name": "chat",
         "startTimeUnixNano": "1767225600000000000", "endTimeUnixNano": "1767225601000000000",
         "attributes": [{"key": "openinference.span.kind", "value": {"stringValue": "CHAIN"}},
                        {"key": "session.id", "value": {"stringValue": "docs-session"}}]},
        {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203332", "parentSpanId": "b7ad6b7169203331",
         "name": "llm", "startTimeUnixNano": "1767225600100000000", "endTimeUnixNano": "1767225600900000000",
         "status": {"code": 2, "message": "boom"},
         "events": [{"timeUnixNano": "1767225600500000000", "name": "exception",
                     "attributes": [{"key": "exception.message", "value": {"stringValue": "boom"}}]}],
         "attributes": [{"key": "openinference.span.kind", "value": {"stringValue": "LLM"}},
                        {"key": "llm.model_name", "value": {"stringValue": "gpt-4o"}}]}]}]}]}""";
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  @TempDir static Path workingDir;
  private static TestServer server;
  private static JsonNode document;
  private static OpenApiSchemas schemas;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(AssayConfig.defaults(workingDir));
    HttpTestClient.Reply reply = server.client.get("/v2/openapi.json");
    assertEquals(200, reply.status());
    assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
    try (InputStream in = OpenApiController.class.getResourceAsStream(OpenApiController.RESOURCE)) {
      assertArrayEquals(in.readAllBytes(), reply.body().getBytes(StandardCharsets.UTF_8), "served as checked in");
    }
    document = new ObjectMapper().readTree(reply.body());
    schemas = new OpenApiSchemas(document);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void document_isOpenApi31_withResolvableRefs_andAnIdAndResponsesForEveryOperation() {
    assertEquals("3.1.0", document.get("openapi").asText());
    assertNotNull(document.at("/info/title").textValue());
    assertEquals(List.of(), schemas.danglingRefs());
    Set<String> ids = new TreeSet<>();
    documentedOperations().forEach((operation, node) -> {
      assertTrue(node.hasNonNull("operationId"), operation + " has no operationId");
      assertTrue(ids.add(node.get("operationId").asText()), "duplicate operationId " + node.get("operationId"));
      assertTrue(node.path("responses").size() > 0, operation + " documents no response");
    });
  }

  @Test
  void everyRegisteredV2Route_isDocumented_andEveryDocumentedOperation_isRegistered() {
    Set<String> registered = new TreeSet<>();
    server.server.app().unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(e -> e.method.isHttpMethod() && (e.path.equals("/v2") || e.path.startsWith("/v2/")))
        .forEach(e -> registered.add(e.method.name() + " " + e.path));

    Set<String> documented = documentedOperations().keySet();
    assertEquals(Set.of(), difference(registered, documented), "registered but not in the document");
    assertEquals(Set.of(), difference(documented, registered), "in the document but not registered");
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  @Test
  void liveResponses_haveDocumentedStatuses_andMatchTheirSchemas() {
    List<String> errors = new ArrayList<>();
    Set<String> exercised = new TreeSet<>();
    Checker check = (method, template, call) -> {
      HttpTestClient.Reply reply = call.get();
      exercised.add(method + " " + template);
      errors.addAll(conformance(method, template, reply));
      return reply.body().isEmpty() || !isJson(reply) ? null : reply.json();
    };
    String spaceId = check.run("POST", "/v2/spaces", () -> server.client.post("/v2/spaces", body("name", "docs"))).get("id").asText();
    String space = "/v2/spaces/" + q(spaceId);
    check.run("POST", "/v2/spaces", () -> server.client.post("/v2/spaces", body("name", "docs")));
    check.run("POST", "/v2/spaces", () -> server.client.post("/v2/spaces", "{}"));
    check.run("GET", "/v2/spaces", () -> server.client.get("/v2/spaces?limit=1"));
    check.run("GET", "/v2/spaces", () -> server.client.get("/v2/spaces?limit=1000"));
    check.run("GET", "/v2/spaces/{space_id}", () -> server.client.get(space));
    check.run("GET", "/v2/spaces/{space_id}", () -> server.client.get("/v2/spaces/nope"));
    check.run("PATCH", "/v2/spaces/{space_id}", () -> server.client.patch(space, "{\"description\": null}"));
    check.run("PATCH", "/v2/spaces/{space_id}", () -> server.client.patch(space, body("name", "default")));
    String projectId = check.run("POST", "/v2/projects",
        () -> server.client.post("/v2/projects", body("name", "p", "space_id", spaceId))).get("id").asText();
    String project = "/v2/projects/" + q(projectId);
    check.run("POST", "/v2/projects", () -> server.client.post("/v2/projects", body("name", "p", "space_id", spaceId)));
    check.run("POST", "/v2/projects", () -> server.client.post("/v2/projects", body("name", "p", "space_id", "nope")));
    check.run("GET", "/v2/projects", () -> server.client.get("/v2/projects?space_id=" + q(spaceId)));
    check.run("GET", "/v2/projects", () -> server.client.get("/v2/projects?cursor=bad!"));
    check.run("GET", "/v2/project-summaries", () -> server.client.get("/v2/project-summaries?limit=1"));
    check.run("GET", "/v2/projects/{project_id}", () -> server.client.get(project));
    check.run("GET", "/v2/projects/{project_id}", () -> server.client.get("/v2/projects/p?space_name=docs"));
    check.run("PATCH", "/v2/projects/{project_id}", () -> server.client.patch(project, body("name", "q")));
    check.run("PATCH", "/v2/projects/{project_id}", () -> server.client.patch(project, "{}"));
    check.run("DELETE", "/v2/projects/{project_id}", () -> server.client.delete(project));
    check.run("DELETE", "/v2/projects/{project_id}", () -> server.client.delete(project));
    check.run("DELETE", "/v2/spaces/{space_id}", () -> server.client.delete(space));
    check.run("DELETE", "/v2/spaces/{space_id}", () -> server.client.delete("/v2/spaces/default"));
    HttpTestClient.Reply ingested = server.client.post("/v1/traces", "application/json",
        HttpRequest.BodyPublishers.ofString(OTLP_SPANS), "x-project-name", "docs-spans");
    assertEquals(200, ingested.status(), ingested.body());
    String window = ", \"start_time\": \"2000-01-01T00:00:00Z\", \"end_time\": \"2100-01-01T00:00:00Z\"";
    JsonNode listed = check.run("POST", "/v2/spans",
        () -> server.client.post("/v2/spans?limit=1", "{\"project_id\": \"docs-spans\"" + window + "}"));
    assertEquals(1, listed.get("spans").size(), listed.toString());
    check.run("POST", "/v2/spans", () -> server.client.post("/v2/spans?cursor=" + q(listed.at("/pagination/next_cursor").asText()),
        "{\"project_id\": \"docs-spans\"" + window + "}"));
    check.run("POST", "/v2/spans", () -> server.client.post("/v2/spans", "{\"project_id\": \"docs-spans\", \"filter\": \"name =\"}"));
    check.run("POST", "/v2/spans", () -> server.client.post("/v2/spans", "{\"project_id\": \"nope\"}"));
    String export = "project_id=docs-spans&start_time=2000-01-01T00:00:00Z&end_time=2100-01-01T00:00:00Z";
    for (String format : List.of("jsonl", "csv", "otlp-json")) {
      check.run("GET", "/v2/spans/export", () -> server.client.get("/v2/spans/export?" + export + "&format=" + format));
      check.run("GET", "/v2/traces/export", () -> server.client.get("/v2/traces/export?" + export + "&format=" + format
          + "&filter=" + q("span_kind = 'LLM'")));
    }
    check.run("GET", "/v2/spans/export", () -> server.client.get("/v2/spans/export?" + export + "&format=xml"));
    check.run("GET", "/v2/traces/export", () -> server.client.get("/v2/traces/export?project_id=nope"));
    String body = "{\"project_id\": \"docs-spans\"" + window + "}";
    String trace = "/v2/traces/0af7651916cd43dd8448eb211c80319c?project_id=docs-spans";
    JsonNode traces = check.run("POST", "/v2/traces", () -> server.client.post("/v2/traces?limit=1", body));
    assertEquals(2, traces.at("/traces/0/spans").size(), traces.toString());
    check.run("POST", "/v2/traces", () -> server.client.post("/v2/traces?limit=51", body));
    check.run("POST", "/v2/traces", () -> server.client.post("/v2/traces", "{\"project_id\": \"nope\"}"));
    check.run("GET", "/v2/traces/{trace_id}", () -> server.client.get(trace));
    check.run("GET", "/v2/traces/{trace_id}", () -> server.client.get("/v2/traces/ffff?project_id=docs-spans"));
    check.run("GET", "/v2/spans/{span_id}", () -> server.client.get("/v2/spans/b7ad6b7169203332?project_id=docs-spans"));
    check.run("GET", "/v2/spans/{span_id}", () -> server.client.get("/v2/spans/b7ad6b7169203332"));
    JsonNode sessions = check.run("POST", "/v2/sessions", () -> server.client.post("/v2/sessions", body));
    assertEquals(1, sessions.get("sessions").size(), sessions.toString());
    check.run("POST", "/v2/sessions", () -> server.client.post("/v2/sessions", "{\"project_id\": \"docs-spans\", \"filter\": \"\"}"));
    check.run("GET", "/v2/sessions/{session_id}", () -> server.client.get("/v2/sessions/docs-session?project_id=docs-spans"));
    check.run("GET", "/v2/sessions/{session_id}", () -> server.client.get("/v2/sessions/nope?project_id=docs-spans"));
    check.run("DELETE", "/v2/spans", () -> server.client.delete("/v2/spans",
        "{\"project_id\": \"docs-spans\", \"span_ids\": [\"b7ad6b7169203332\", \"0000000000000000\"]" + window + "}"));
    check.run("DELETE", "/v2/spans", () -> server.client.delete("/v2/spans", "{\"project_id\": \"docs-spans\", \"span_ids\": []}"));
    check.run("DELETE", "/v2/traces/{trace_id}", () -> server.client.delete(trace));
    check.run("DELETE", "/v2/traces/{trace_id}", () -> server.client.delete(trace));
    check.run("DELETE", "/v2/sessions/{session_id}", () -> server.client.delete("/v2/sessions/docs-session?project_id=docs-spans"));
    exerciseEvaluatorRoutes(check);
    exerciseTaskRoutes(check);
    FeatureRouteExercises.datasets(server.client, check);
    FeatureRouteExercises.prompts(server.client, check);
    FeatureRouteExercises.experiments(server.client, check);
    IdentityRouteExercises.identity(server.client, check);
    check.run("GET", "/v2/openapi.json", () -> server.client.get("/v2/openapi.json"));

    assertEquals(List.of(), errors);
    assertEquals(documentedOperations().keySet(), exercised, "every documented operation is exercised here");
  }

  /** The evaluator, AI integration and evaluation operations, against spans of {@code docs-evals} and the fake model. */
  private static void exerciseEvaluatorRoutes(Checker check) {
    HttpTestClient c = server.client;
    EvaluatorFixtures.ingest(c, "docs-evals", "answer 42", "no digits");
    String spec = EvaluatorFixtures.regexSpec("has_digit", "[0-9]");
    JsonNode created = check.run("POST", "/v2/evaluators", () -> c.post("/v2/evaluators",
        "{\"name\": \"docs-eval\", \"version\": {\"commit_message\": \"first\", \"spec\": " + spec + "}}"));
    String evaluator = "/v2/evaluators/" + q(created.get("id").asText());
    check.run("POST", "/v2/evaluators", () -> c.post("/v2/evaluators", "{\"name\": \"docs-eval\", \"version\": {\"spec\": " + spec + "}}"));
    check.run("POST", "/v2/evaluators", () -> c.post("/v2/evaluators", "{\"name\": \"x\", \"version\": {}}"));
    check.run("POST", "/v2/evaluators", () -> c.post("/v2/evaluators", "{\"name\": \"docs-judge\", \"version\": {\"template_config\":"
        + " {\"name\": \"rel\", \"template\": \"{{output}}?\", \"include_explanations\": true,"
        + " \"use_function_calling_if_available\": false, \"classification_choices\": {\"yes\": 1, \"no\": 0},"
        + " \"llm_config\": {\"ai_integration_id\": \"\", \"model_name\": \"\", \"invocation_parameters\": {},"
        + " \"provider_parameters\": {}}}}}"));
    check.run("GET", "/v2/evaluators", () -> c.get("/v2/evaluators?limit=1"));
    check.run("GET", "/v2/evaluators", () -> c.get("/v2/evaluators?space_id=nope"));
    check.run("GET", "/v2/evaluators/{evaluator_id}", () -> c.get(evaluator));
    check.run("GET", "/v2/evaluators/{evaluator_id}", () -> c.get("/v2/evaluators/nope"));
    JsonNode v2 = check.run("POST", "/v2/evaluators/{evaluator_id}/versions", () -> c.post(evaluator + "/versions",
        "{\"commit_message\": \"two\", \"code_config\": {\"type\": \"MANAGED\", \"name\": \"has_digit\","
        + " \"managed_evaluator\": \"EXACT_MATCH\", \"variables\": [\"output\", \"reference\"]}}"));
    check.run("POST", "/v2/evaluators/{evaluator_id}/versions", () -> c.post(evaluator + "/versions", "{\"spec\": {}}"));
    check.run("GET", "/v2/evaluators/{evaluator_id}/versions", () -> c.get(evaluator + "/versions?limit=1"));
    check.run("GET", "/v2/evaluators/{evaluator_id}/versions", () -> c.get("/v2/evaluators/nope/versions"));
    check.run("GET", "/v2/evaluator-versions/{version_id}", () -> c.get("/v2/evaluator-versions/" + q(v2.get("id").asText())));
    check.run("GET", "/v2/evaluator-versions/{version_id}", () -> c.get("/v2/evaluator-versions/nope"));
    check.run("PATCH", "/v2/evaluators/{evaluator_id}", () -> c.patch(evaluator, "{\"description\": \"checks digits\"}"));
    check.run("PATCH", "/v2/evaluators/{evaluator_id}", () -> c.patch(evaluator, "{}"));
    check.run("GET", "/v2/evaluator-templates", () -> c.get("/v2/evaluator-templates"));
    check.run("GET", "/v2/evaluator-templates/{template_id}", () -> c.get("/v2/evaluator-templates/toxicity"));
    check.run("GET", "/v2/evaluator-templates/{template_id}", () -> c.get("/v2/evaluator-templates/nope"));
    String window = ", \"start_time\": \"2000-01-01T00:00:00Z\"";
    check.run("POST", "/v2/evaluators/test", () -> c.post("/v2/evaluators/test", "{\"project_id\": \"docs-evals\", \"spec\": " + spec + window + "}"));
    check.run("POST", "/v2/evaluators/test", () -> c.post("/v2/evaluators/test", "{\"project_id\": \"docs-evals\", \"spec\": "
        + EvaluatorFixtures.judgeSpec("j", "null") + window + "}"));
    check.run("POST", "/v2/evaluators/test", () -> c.post("/v2/evaluators/test", "{\"project_id\": \"docs-evals\", \"limit\": 99, \"spec\": " + spec + "}"));
    check.run("DELETE", "/v2/evaluators/{evaluator_id}", () -> c.delete(evaluator));
    check.run("DELETE", "/v2/evaluators/{evaluator_id}", () -> c.delete(evaluator));

    try (FakeModelServer fake = FakeModelServer.create().start()) {
      JsonNode integration = check.run("POST", "/v2/ai-integrations", () -> c.post("/v2/ai-integrations",
          "{\"name\": \"docs-model\", \"provider\": \"CUSTOM\", \"base_url\": \"" + fake.openAiBaseUrl()
          + "\", \"model_names\": [\"m\"], \"api_key\": \"k\", \"headers\": {\"X-A\": \"b\"}}"));
      String model = "/v2/ai-integrations/" + q(integration.get("id").asText());
      check.run("POST", "/v2/ai-integrations", () -> c.post("/v2/ai-integrations", "{\"name\": \"docs-model\", \"provider\": \"CUSTOM\","
          + " \"base_url\": \"" + fake.openAiBaseUrl() + "\"}"));
      check.run("POST", "/v2/ai-integrations", () -> c.post("/v2/ai-integrations", "{\"name\": \"x\", \"provider\": \"GEMINI\"}"));
      check.run("GET", "/v2/ai-integrations", () -> c.get("/v2/ai-integrations?limit=1"));
      check.run("GET", "/v2/ai-integrations", () -> c.get("/v2/ai-integrations?limit=0"));
      check.run("GET", "/v2/ai-integrations/{integration_id}", () -> c.get(model));
      check.run("GET", "/v2/ai-integrations/{integration_id}", () -> c.get("/v2/ai-integrations/nope"));
      check.run("PATCH", "/v2/ai-integrations/{integration_id}", () -> c.patch(model, "{\"requests_per_minute\": 60}"));
      check.run("PATCH", "/v2/ai-integrations/{integration_id}", () -> c.patch(model, "{}"));
      check.run("POST", "/v2/ai-integrations/{integration_id}/test", () -> c.post(model + "/test", "{}"));
      fake.requireApiKey("another-key");
      check.run("POST", "/v2/ai-integrations/{integration_id}/test", () -> c.post(model + "/test", "{}"));
      check.run("POST", "/v2/ai-integrations/{integration_id}/test", () -> c.post("/v2/ai-integrations/nope/test", "{}"));
      check.run("DELETE", "/v2/ai-integrations/{integration_id}", () -> c.delete(model));
      check.run("DELETE", "/v2/ai-integrations/{integration_id}", () -> c.delete(model));
    }

    String results = "{\"project_id\": \"docs-evals\", \"evaluations\": [{\"target_kind\": \"SPAN\", \"target_id\": \"s1\","
        + " \"name\": \"ok\", \"label\": \"yes\", \"metadata\": {\"a\": 1}}]}";
    check.run("POST", "/v2/evaluations", () -> c.post("/v2/evaluations", results));
    check.run("POST", "/v2/evaluations", () -> c.post("/v2/evaluations", "{\"project_id\": \"docs-evals\", \"evaluations\": [{}]}"));
    check.run("POST", "/v2/evaluations", () -> c.post("/v2/evaluations", "{\"project_id\": \"nope\", \"evaluations\": [{\"target_kind\":"
        + " \"SPAN\", \"target_id\": \"s1\", \"name\": \"ok\", \"label\": \"yes\"}]}"));
    check.run("POST", "/v2/evaluations/import", () -> c.post("/v2/evaluations/import?project_id=docs-evals&format=csv", "text/csv",
        HttpRequest.BodyPublishers.ofString("target_kind,target_id,name,score\nTRACE,t1,ok,0.5\n")));
    check.run("POST", "/v2/evaluations/import", () -> c.post("/v2/evaluations/import?project_id=docs-evals", "application/x-ndjson",
        HttpRequest.BodyPublishers.ofString("{\"target_kind\": \"SPAN\"}\n")));
    check.run("GET", "/v2/evaluations", () -> c.get("/v2/evaluations?project_id=docs-evals&limit=1"));
    check.run("GET", "/v2/evaluations", () -> c.get("/v2/evaluations?project_id=docs-evals&target_kind=SPAN&name=ok"));
    check.run("GET", "/v2/evaluations", () -> c.get("/v2/evaluations?project_id=nope"));
  }

  /** The task and task-run operations, with a code evaluator over spans of {@code docs-tasks}. */
  private static void exerciseTaskRoutes(Checker check) {
    HttpTestClient c = server.client;
    EvaluatorFixtures.ingest(c, "docs-tasks", "answer 42", "no digits");
    String evaluator = c.post("/v2/evaluators", "{\"name\": \"docs-task-eval\", \"version\": {\"spec\": "
        + EvaluatorFixtures.regexSpec("docs_digit", "[0-9]") + "}}").json().get("id").asText();
    String body = "{\"name\": \"docs-task\", \"type\": \"CODE_EVALUATION\", \"project_id\": \"docs-tasks\","
        + " \"evaluators\": [{\"evaluator_id\": \"" + evaluator + "\", \"column_mappings\": {\"output\": \"attributes.output.value\"}}]}";
    JsonNode created = check.run("POST", "/v2/tasks", () -> c.post("/v2/tasks", body));
    String task = "/v2/tasks/" + q(created.get("id").asText());
    check.run("POST", "/v2/tasks", () -> c.post("/v2/tasks", body));
    check.run("POST", "/v2/tasks", () -> c.post("/v2/tasks", "{\"name\": \"x\", \"type\": \"RUN_EXPERIMENT\"}"));
    check.run("POST", "/v2/tasks", () -> c.post("/v2/tasks", "{\"name\": \"x\", \"type\": \"CODE_EVALUATION\","
        + " \"project_id\": \"nope\", \"evaluators\": [{\"evaluator_id\": \"" + evaluator + "\"}]}"));
    check.run("GET", "/v2/tasks", () -> c.get("/v2/tasks?limit=1"));
    check.run("GET", "/v2/tasks", () -> c.get("/v2/tasks?type=MAGIC"));
    check.run("GET", "/v2/tasks/{task_id}", () -> c.get(task));
    check.run("GET", "/v2/tasks/{task_id}", () -> c.get("/v2/tasks/nope"));
    check.run("PATCH", "/v2/tasks/{task_id}", () -> c.patch(task, "{\"sampling_rate\": 0.5, \"query_filter\": null}"));
    check.run("PATCH", "/v2/tasks/{task_id}", () -> c.patch(task, "{}"));
    check.run("POST", "/v2/tasks/{task_id}/resume", () -> c.post(task + "/resume", ""));
    check.run("POST", "/v2/tasks/{task_id}/resume", () -> c.post("/v2/tasks/nope/resume", ""));
    check.run("POST", "/v2/tasks/count", () -> c.post("/v2/tasks/count", "{\"project_id\": \"docs-tasks\", \"scope\": \"TRACE\"}"));
    check.run("POST", "/v2/tasks/count", () -> c.post("/v2/tasks/count", "{}"));
    JsonNode run = check.run("POST", "/v2/tasks/{task_id}/trigger", () -> c.post(task + "/trigger",
        "{\"data_start_time\": \"2025-12-31T00:00:00Z\", \"data_end_time\": \"2026-01-02T00:00:00Z\"}"));
    check.run("POST", "/v2/tasks/{task_id}/trigger", () -> c.post(task + "/trigger", "{\"max_spans\": 0}"));
    String runPath = "/v2/task-runs/" + q(run.get("id").asText());
    for (int i = 0; i < 600 && !c.get(runPath).json().get("status").asText().equals("COMPLETED"); i++) {
      sleep(50);
    }
    check.run("GET", "/v2/task-runs/{run_id}", () -> c.get(runPath));
    check.run("GET", "/v2/task-runs/{run_id}", () -> c.get("/v2/task-runs/nope"));
    check.run("POST", "/v2/task-runs/{run_id}/cancel", () -> c.post(runPath + "/cancel", ""));
    check.run("POST", "/v2/task-runs/{run_id}/cancel", () -> c.post("/v2/task-runs/nope/cancel", ""));
    check.run("GET", "/v2/tasks/{task_id}/runs", () -> c.get(task + "/runs?limit=1"));
    check.run("GET", "/v2/tasks/{task_id}/runs", () -> c.get(task + "/runs?status=DONE"));
    check.run("DELETE", "/v2/tasks/{task_id}", () -> c.delete(task));
    check.run("DELETE", "/v2/tasks/{task_id}", () -> c.delete(task));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Calls one documented operation and checks the reply against the document; the reply's JSON body. */
  @FunctionalInterface
  interface Checker {
    JsonNode run(String method, String template, Supplier<HttpTestClient.Reply> call);
  }

  /** What is wrong with {@code reply} as an answer of the documented operation; empty when nothing. */
  private static List<String> conformance(String method, String template, HttpTestClient.Reply reply) {
    String where = method + " " + template + " -> " + reply.status();
    JsonNode operation = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
    if (operation.isMissingNode()) {
      return List.of(where + ": operation not documented");
    }
    JsonNode responses = operation.path("responses");
    JsonNode response = responses.has(String.valueOf(reply.status())) ? responses.get(String.valueOf(reply.status()))
        : responses.get("default");
    if (response == null) {
      return List.of(where + ": status not documented");
    }
    JsonNode content = schemas.resolve(response).path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      return reply.body().isEmpty() ? List.of() : List.of(where + ": documented without a body but has one");
    }
    String mediaType = reply.contentType().split(";")[0].trim();
    if (!content.has(mediaType)) {
      return List.of(where + ": content type " + mediaType + " not documented");
    }
    if (!isJson(reply)) {
      return List.of(); // JSON Lines and CSV exports: a documented media type is all a schema can say
    }
    return schemas.check(reply.json(), content.get(mediaType).get("schema")).stream().map(e -> where + ": " + e).toList();
  }

  private static boolean isJson(HttpTestClient.Reply reply) {
    String mediaType = reply.contentType().split(";")[0].trim();
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  /** "METHOD /path" of every operation in the document. */
  private static Map<String, JsonNode> documentedOperations() {
    Map<String, JsonNode> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (METHODS.contains(op.getKey())) {
          out.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
        }
      }
    }
    return out;
  }
}
