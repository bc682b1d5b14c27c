package dev.assay.server;

import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.fieldNames;
import static dev.assay.server.V2TestClient.problem;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.server.v2.ApiIds;
import dev.assay.testing.FakeModelServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v2/tasks} and {@code /v2/task-runs} against a live server: AX's shapes field for field, bad input as
 * problem JSON that changes nothing, and backfill runs with a code evaluator that end COMPLETED with their counts.
 */
abstract class TasksApiContract extends LiveServerContract {
  /** The three fixture spans start at 2026-01-01T00:00:0{0,1,2}Z; this window holds them. */
  static final String WINDOW = "\"data_start_time\": \"2025-12-31T00:00:00Z\", \"data_end_time\": \"2026-01-02T00:00:00Z\"";
  static final Set<String> TASK_FIELDS = Set.of("id", "name", "type", "project_id", "dataset_id", "sampling_rate",
      "is_continuous", "query_filter", "evaluators", "experiment_ids", "run_configuration", "last_run_at", "created_at",
      "updated_at", "created_by_user_id", "scope", "paused_reason", "paused_at");
  static final Set<String> RUN_FIELDS = Set.of("id", "task_id", "experiment_id", "status", "run_started_at",
      "run_finished_at", "data_start_time", "data_end_time", "num_successes", "num_errors", "num_skipped", "created_at",
      "created_by_user_id", "failure_reason", "paused_reason", "num_targets", "chunks_total", "chunks_done", "max_spans",
      "override_evaluations");

  private final String project = "tasks-" + UUID.randomUUID();
  private String projectId;
  private String digitId;

  @BeforeEach
  void seed() {
    EvaluatorFixtures.ingest(server.client, project, "answer 42", "no digits", "7");
    projectId = expect(200, server.client.get("/v2/projects/" + q(project))).get("id").asText();
    digitId = evaluator("has_digit", EvaluatorFixtures.regexSpec("has_digit", "[0-9]")).get("id").asText();
  }

  private JsonNode evaluator(String name, String spec) {
    return expect(201, server.client.post("/v2/evaluators", "{\"name\": \"" + name + "\", \"version\": {\"spec\": " + spec + "}}"));
  }

  private String taskBody(String name, String evaluators) {
    return "{\"name\": \"" + name + "\", \"type\": \"CODE_EVALUATION\", \"project_id\": \"" + projectId
        + "\", \"evaluators\": " + evaluators + "}";
  }

  private JsonNode createTask(String name) {
    return expect(201, server.client.post("/v2/tasks", taskBody(name, "[{\"evaluator_id\": \"" + digitId + "\"}]")));
  }

  private JsonNode trigger(String taskId, String body) {
    return expect(201, server.client.post("/v2/tasks/" + q(taskId) + "/trigger", body));
  }

  /** Polls the run until it is COMPLETED, FAILED or CANCELLED. */
  private JsonNode awaitTerminal(String runId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode run = expect(200, server.client.get("/v2/task-runs/" + q(runId)));
      if (Set.of("COMPLETED", "FAILED", "CANCELLED").contains(run.get("status").asText())) {
        return run;
      }
      sleep(100);
    }
    return fail("run " + runId + " did not finish within 60 s");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String decodedType(String apiId) {
    String text = new String(Base64.getDecoder().decode(apiId), StandardCharsets.UTF_8);
    return text.substring(0, text.indexOf(':'));
  }

  @Test
  void tasks_createGetListUpdateAndDelete_inAxShapes() {
    JsonNode created = expect(201, server.client.post("/v2/tasks", taskBody("digits",
        "[{\"evaluator_id\": \"" + digitId + "\", \"query_filter\": \"span_kind = 'LLM'\","
        + " \"column_mappings\": {\"output\": \"attributes.output.value\"}}]")));
    String id = created.get("id").asText();
    assertEquals(TASK_FIELDS, fieldNames(created));
    assertEquals("Task", decodedType(id));
    assertEquals("digits", created.get("name").asText());
    assertEquals("CODE_EVALUATION", created.get("type").asText());
    assertEquals(projectId, created.get("project_id").asText());
    assertTrue(created.get("dataset_id").isNull());
    assertEquals(1.0, created.get("sampling_rate").asDouble());
    assertFalse(created.get("is_continuous").asBoolean());
    assertTrue(created.get("query_filter").isNull());
    assertEquals(0, created.get("experiment_ids").size());
    assertTrue(created.get("run_configuration").isNull());
    assertTrue(created.get("last_run_at").isNull());
    assertTrue(created.get("created_by_user_id").isNull());
    assertEquals("SPAN", created.get("scope").asText(), "the evaluators' granularity");
    assertTrue(created.get("paused_reason").isNull());
    JsonNode e = created.at("/evaluators/0");
    assertEquals(Set.of("evaluator_id", "evaluator_name", "evaluator_version_id", "query_filter", "column_mappings"), fieldNames(e));
    assertEquals(digitId, e.get("evaluator_id").asText(), "the id /v2/evaluators shows");
    assertEquals("has_digit", e.get("evaluator_name").asText());
    assertTrue(e.get("evaluator_version_id").isNull(), "latest version");
    assertEquals("span_kind = 'LLM'", e.get("query_filter").asText());
    assertEquals("attributes.output.value", e.at("/column_mappings/output").asText());

    assertEquals(created, expect(200, server.client.get("/v2/tasks/" + q(id))));
    JsonNode second = createTask("other");
    assertEquals(List.of("digits"), names(expect(200, server.client.get("/v2/tasks?name=DIG"))));
    assertEquals(2, expect(200, server.client.get("/v2/tasks?project_id=" + q(projectId))).get("tasks").size());
    assertEquals(2, expect(200, server.client.get("/v2/tasks?project_id=" + q(project) + "&space_name=default")).get("tasks").size());
    assertEquals(2, expect(200, server.client.get("/v2/tasks?type=CODE_EVALUATION")).get("tasks").size());
    assertEquals(0, expect(200, server.client.get("/v2/tasks?type=TEMPLATE_EVALUATION")).get("tasks").size());
    assertEquals(0, expect(200, server.client.get("/v2/tasks?type=RUN_EXPERIMENT")).get("tasks").size());
    JsonNode page1 = expect(200, server.client.get("/v2/tasks?limit=1"));
    assertTrue(page1.at("/pagination/has_more").asBoolean());
    JsonNode page2 = expect(200, server.client.get("/v2/tasks?limit=1&cursor=" + q(page1.at("/pagination/next_cursor").asText())));
    assertFalse(page2.at("/pagination/has_more").asBoolean());
    assertEquals(Set.of(id, second.get("id").asText()), Set.of(page1.at("/tasks/0/id").asText(), page2.at("/tasks/0/id").asText()));

    JsonNode version2 = expect(201, server.client.post("/v2/evaluators/" + q(digitId) + "/versions",
        "{\"spec\": " + EvaluatorFixtures.regexSpec("has_digit", "^[0-9]+$") + "}"));
    String v1 = expect(200, server.client.get("/v2/evaluators/" + q(digitId) + "/versions?limit=1&cursor="
        + q(expect(200, server.client.get("/v2/evaluators/" + q(digitId) + "/versions?limit=1")).at("/pagination/next_cursor").asText())))
        .at("/evaluator_versions/0/id").asText();
    JsonNode updated = expect(200, server.client.patch("/v2/tasks/" + q(id), "{\"name\": \"digits-2\", \"sampling_rate\": 0.5,"
        + " \"is_continuous\": true, \"query_filter\": \"span_kind = 'LLM'\", \"evaluators\": [{\"evaluator_id\": \""
        + digitId + "\", \"evaluator_version_id\": \"" + v1 + "\"}]}"));
    assertEquals("digits-2", updated.get("name").asText());
    assertEquals(0.5, updated.get("sampling_rate").asDouble());
    assertTrue(updated.get("is_continuous").asBoolean());
    assertEquals("span_kind = 'LLM'", updated.get("query_filter").asText());
    assertEquals(v1, updated.at("/evaluators/0/evaluator_version_id").asText(), "pinned to version 1");
    assertTrue(updated.at("/evaluators/0/query_filter").isNull(), "evaluators replaces the whole list");
    assertFalse(v1.equals(version2.get("id").asText()));
    JsonNode cleared = expect(200, server.client.patch("/v2/tasks/" + q(id), "{\"query_filter\": null}"));
    assertTrue(cleared.get("query_filter").isNull());
    assertEquals("digits-2", cleared.get("name").asText(), "omitted fields stay");
    assertEquals(v1, cleared.at("/evaluators/0/evaluator_version_id").asText(), "omitted evaluators keep their pins");
    JsonNode renamedEvaluator = expect(200, server.client.patch("/v2/evaluators/" + q(digitId), "{\"name\": \"digits-check\"}"));
    assertEquals("digits-check", renamedEvaluator.get("name").asText());
    assertEquals("digits-check", expect(200, server.client.get("/v2/tasks/" + q(id))).at("/evaluators/0/evaluator_name").asText(),
        "evaluator_name is the evaluator's current name");

    assertEquals(204, server.client.delete("/v2/tasks/" + q(id)).status());
    problem(server.client.get("/v2/tasks/" + q(id)), 404);
    problem(server.client.delete("/v2/tasks/" + q(id)), 404);
    assertEquals(1, expect(200, server.client.get("/v2/tasks")).get("tasks").size());
  }

  @Test
  void badInput_isAProblemWithTheReason_andChangesNothing() {
    JsonNode kept = createTask("kept");
    String keptId = kept.get("id").asText();
    String one = "[{\"evaluator_id\": \"" + digitId + "\"}]";
    String base = "\"type\": \"CODE_EVALUATION\", \"project_id\": \"" + projectId + "\"";
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("{\"name\": \"a\", " + base + "}", "evaluators is required");
    bad.put("{\"name\": \"a\", " + base + ", \"evaluators\": []}", "non-empty");
    bad.put("{\"name\": \"a\", " + base + ", \"evaluators\": [{\"evaluator_id\": \"" + digitId + "\"}, {\"evaluator_id\": \""
        + digitId + "\"}]}", "twice");
    bad.put("{\"name\": \"a\", " + base + ", \"evaluators\": " + one + ", \"colour\": \"red\"}", "unknown field colour");
    bad.put("{\"name\": \"a\", " + base + ", \"evaluators\": [{\"evaluator_id\": \"" + digitId + "\", \"weight\": 2}]}",
        "evaluators[0].weight");
    bad.put("{\"id\": \"x\", \"name\": \"a\", " + base + ", \"evaluators\": " + one + "}", "id is system-managed");
    bad.put("{\"created_at\": \"2026-01-01T00:00:00Z\", \"name\": \"a\", " + base + ", \"evaluators\": " + one + "}",
        "created_at is system-managed");
    bad.put("{\"name\": \"a\", \"type\": \"RUN_EXPERIMENT\", \"dataset_id\": \"RGF0YXNldDox\", \"run_configuration\": {}}",
        "dataset tasks come with datasets and experiments (not yet available)");
    bad.put("{\"name\": \"a\", \"type\": \"CODE_EVALUATION\", \"dataset_id\": \"RGF0YXNldDox\", \"experiment_ids\": [\"e\"],"
        + " \"evaluators\": " + one + "}", "dataset tasks come with datasets and experiments (not yet available)");
    bad.put("{\"name\": \"a\", " + base + ", \"evaluators\": " + one + ", \"sampling_rate\": 1.5}", "sampling_rate");
    bad.put("{\"name\": \"a\", " + base + ", \"evaluators\": " + one + ", \"is_continuous\": \"yes\"}", "is_continuous");
    bad.put("{\"name\": \"a\", " + base + ", \"evaluators\": [{\"evaluator_id\": \"" + digitId
        + "\", \"column_mappings\": {\"output\": 3}}]}", "column_mappings.output");
    bad.put("{\"name\": \"a\", \"project_id\": \"" + projectId + "\", \"evaluators\": " + one + "}", "type is required");
    bad.put("{\"name\": \"a\", \"type\": \"MAGIC\", \"project_id\": \"" + projectId + "\", \"evaluators\": " + one + "}", "MAGIC");
    bad.put("{\"name\": \"a\", " + base + ", \"evaluators\": " + one + ", \"scope\": \"EXAMPLE\"}", "scope");
    bad.put("{\"name\": \"a\", \"type\": \"CODE_EVALUATION\", \"evaluators\": " + one + "}", "project_id is required");
    bad.put("{\"name\": \"a\", " + base + ", \"evaluators\": " + one + ", \"query_filter\": \"span_kind =\"}", "");
    bad.put("[1]", "JSON object");
    bad.forEach((body, reason) -> {
      JsonNode p = problem(server.client.post("/v2/tasks", body), 400);
      assertTrue(p.get("detail").asText().contains(reason), body + " -> " + p.get("detail").asText());
    });

    problem(server.client.post("/v2/tasks", "{\"name\": \"a\", \"type\": \"CODE_EVALUATION\", \"project_id\": \"nope\","
        + " \"evaluators\": " + one + "}"), 404);
    problem(server.client.post("/v2/tasks", "{\"name\": \"a\", " + base + ", \"evaluators\": [{\"evaluator_id\": \"nope\"}]}"), 404);
    problem(server.client.post("/v2/tasks", "{\"name\": \"kept\", " + base + ", \"evaluators\": " + one + "}"), 409);
    String traceEvaluator = evaluator("trace_check", "{\"kind\": \"CODE\", \"name\": \"trace_check\", \"granularity\": \"TRACE\","
        + " \"check\": \"MATCHES_REGEX\", \"variables\": [\"output\"], \"params\": {\"pattern\": \".\"}}").get("id").asText();
    String otherVersion = expect(200, server.client.get("/v2/evaluators/" + q(traceEvaluator))).at("/version/id").asText();
    problem(server.client.post("/v2/tasks", "{\"name\": \"a\", " + base + ", \"evaluators\": [{\"evaluator_id\": \"" + digitId
        + "\"}, {\"evaluator_id\": \"" + traceEvaluator + "\"}]}"), 422);
    problem(server.client.post("/v2/tasks", "{\"name\": \"a\", " + base + ", \"scope\": \"TRACE\", \"evaluators\": " + one + "}"), 422);
    problem(server.client.post("/v2/tasks", "{\"name\": \"a\", " + base + ", \"evaluators\": [{\"evaluator_id\": \"" + digitId
        + "\", \"evaluator_version_id\": \"" + otherVersion + "\"}]}"), 422);

    String task = "/v2/tasks/" + q(keptId);
    Map<String, String> badPatches = new LinkedHashMap<>();
    badPatches.put("{}", "at least one field");
    badPatches.put("{\"type\": \"TEMPLATE_EVALUATION\"}", "type is system-managed");
    badPatches.put("{\"updated_at\": \"2026-01-01T00:00:00Z\"}", "updated_at is system-managed");
    badPatches.put("{\"run_configuration\": {}}", "RUN_EXPERIMENT");
    badPatches.put("{\"priority\": 1}", "unknown field priority");
    badPatches.put("{\"evaluators\": []}", "non-empty");
    badPatches.put("{\"name\": \"  \"}", "name");
    badPatches.forEach((body, reason) -> {
      JsonNode p = problem(server.client.patch(task, body), 400);
      assertTrue(p.get("detail").asText().contains(reason), body + " -> " + p.get("detail").asText());
    });
    problem(server.client.patch(task, "{\"evaluators\": [{\"evaluator_id\": \"" + digitId + "\"}, {\"evaluator_id\": \""
        + traceEvaluator + "\"}]}"), 422);
    problem(server.client.patch("/v2/tasks/" + q(ApiIds.encode("Task", UUID.randomUUID().toString())), "{\"name\": \"x\"}"), 404);

    Map<String, String> badTriggers = new LinkedHashMap<>();
    badTriggers.put("{\"experiment_name\": \"x\"}", "RUN_EXPERIMENT");
    badTriggers.put("{\"experiment_ids\": [\"e\"]}", "dataset tasks");
    badTriggers.put("{\"max_spans\": 0}", "max_spans");
    badTriggers.put("{\"max_spans\": 1.5}", "max_spans");
    badTriggers.put("{\"data_start_time\": \"yesterday\"}", "data_start_time");
    badTriggers.put("{\"window\": 3}", "unknown field window");
    badTriggers.put("{\"data_start_time\": \"2026-01-02T00:00:00Z\", \"data_end_time\": \"2026-01-01T00:00:00Z\"}", "");
    badTriggers.put("{\"data_start_time\": \"2025-01-01T00:00:00Z\", \"data_end_time\": \"2026-01-01T00:00:00Z\"}", "30 days");
    badTriggers.forEach((body, reason) -> {
      JsonNode p = problem(server.client.post(task + "/trigger", body), 400);
      assertTrue(p.get("detail").asText().contains(reason), body + " -> " + p.get("detail").asText());
    });
    problem(server.client.get("/v2/tasks?dataset_id=RGF0YXNldDox"), 400);
    problem(server.client.get("/v2/tasks?type=MAGIC"), 400);
    problem(server.client.get(task + "/runs?status=DONE"), 400);
    problem(server.client.get("/v2/task-runs/" + q(ApiIds.encode("TaskRun", UUID.randomUUID().toString()))), 404);
    problem(server.client.post("/v2/task-runs/nope/cancel", ""), 404);

    JsonNode listed = expect(200, server.client.get("/v2/tasks"));
    assertEquals(1, listed.get("tasks").size(), "no task was created: " + listed);
    assertEquals(kept, expect(200, server.client.get(task)), "the task did not change");
    assertEquals(0, expect(200, server.client.get(task + "/runs")).get("task_runs").size(), "no run was created");
  }

  @Test
  void trigger_runCompletesWithItsCounts_thenSkipsOrOverrides_andRunsAreListed() {
    String taskId = createTask("backfill").get("id").asText();
    JsonNode pending = trigger(taskId, "{" + WINDOW + "}");
    assertEquals(RUN_FIELDS, fieldNames(pending));
    assertEquals("TaskRun", decodedType(pending.get("id").asText()));
    assertEquals(taskId, pending.get("task_id").asText());
    assertTrue(Set.of("PENDING", "RUNNING", "COMPLETED").contains(pending.get("status").asText()), pending.toString());
    assertEquals("2025-12-31T00:00:00Z", pending.get("data_start_time").asText());
    assertEquals("2026-01-02T00:00:00Z", pending.get("data_end_time").asText());
    assertEquals(10_000, pending.get("max_spans").asLong(), "AX's default");
    assertFalse(pending.get("override_evaluations").asBoolean());
    assertTrue(pending.get("experiment_id").isNull());

    JsonNode done = awaitTerminal(pending.get("id").asText());
    assertEquals("COMPLETED", done.get("status").asText(), done.toString());
    assertEquals(3, done.get("num_successes").asLong(), "three spans × one evaluator");
    assertEquals(0, done.get("num_errors").asLong());
    assertEquals(0, done.get("num_skipped").asLong());
    assertEquals(3, done.get("num_targets").asLong());
    assertEquals(done.get("chunks_total").asInt(), done.get("chunks_done").asInt());
    assertFalse(done.get("run_started_at").isNull());
    assertFalse(done.get("run_finished_at").isNull());
    assertTrue(done.get("failure_reason").isNull());
    assertFalse(expect(200, server.client.get("/v2/tasks/" + q(taskId))).get("last_run_at").isNull());
    JsonNode results = expect(200, server.client.get("/v2/evaluations?project_id=" + q(projectId) + "&run_id="
        + q(done.get("id").asText())));
    assertEquals(3, results.get("evaluations").size(), results.toString());
    Map<String, Double> scores = new TreeMap<>();
    results.get("evaluations").forEach(r -> {
      assertEquals("TASK", r.get("source").asText());
      assertEquals(done.get("id").asText(), r.get("run_id").asText(), "the run's id as /v2/task-runs shows it");
      assertEquals("has_digit", r.get("name").asText());
      scores.put(r.get("target_id").asText(), r.get("score").asDouble());
    });
    assertEquals(Map.of("b7ad6b7169203301", 1.0, "b7ad6b7169203302", 0.0, "b7ad6b7169203303", 1.0), scores);

    JsonNode again = awaitTerminal(trigger(taskId, "{" + WINDOW + "}").get("id").asText());
    assertEquals("CANCELLED", again.get("status").asText(), again.toString());
    assertTrue(again.get("failure_reason").asText().contains("override_evaluations"), again.toString());
    assertEquals(0, again.get("num_successes").asLong());
    problem(server.client.post("/v2/task-runs/" + q(again.get("id").asText()) + "/cancel", ""), 409);

    JsonNode overridden = awaitTerminal(trigger(taskId, "{" + WINDOW + ", \"override_evaluations\": true, \"max_spans\": 2}")
        .get("id").asText());
    assertEquals("COMPLETED", overridden.get("status").asText(), overridden.toString());
    assertEquals(2, overridden.get("num_successes").asLong(), "max_spans caps the targets");
    assertTrue(overridden.get("override_evaluations").asBoolean());
    assertEquals(2, overridden.get("max_spans").asLong());

    String runs = "/v2/tasks/" + q(taskId) + "/runs";
    JsonNode all = expect(200, server.client.get(runs));
    assertEquals(List.of(overridden.get("id").asText(), again.get("id").asText(), done.get("id").asText()),
        ids(all.get("task_runs")), "newest first");
    assertEquals(overridden, all.at("/task_runs/0"));
    assertEquals(2, expect(200, server.client.get(runs + "?status=COMPLETED")).get("task_runs").size());
    assertEquals(List.of(again.get("id").asText()), ids(expect(200, server.client.get(runs + "?status=cancelled")).get("task_runs")));
    JsonNode first = expect(200, server.client.get(runs + "?limit=2"));
    assertTrue(first.at("/pagination/has_more").asBoolean());
    assertEquals(List.of(done.get("id").asText()), ids(expect(200, server.client.get(runs + "?limit=2&cursor="
        + q(first.at("/pagination/next_cursor").asText()))).get("task_runs")));
    assertEquals(done, expect(200, server.client.get("/v2/task-runs/" + q(done.get("id").asText()))));
  }

  @Test
  void aTaskWithoutARun_needsAStartTime_andANextRunStartsWhereTheLastEnded() {
    String taskId = createTask("defaults").get("id").asText();
    problem(server.client.post("/v2/tasks/" + q(taskId) + "/trigger", ""), 400);
    JsonNode first = awaitTerminal(trigger(taskId, "{\"data_start_time\": \"2025-12-31T00:00:00Z\","
        + " \"data_end_time\": \"2026-01-02T00:00:00Z\"}").get("id").asText());
    assertEquals("COMPLETED", first.get("status").asText(), first.toString());
    JsonNode next = trigger(taskId, "{\"data_end_time\": \"2026-01-03T00:00:00Z\"}");
    assertEquals("2026-01-02T00:00:00Z", next.get("data_start_time").asText(), "continues where the last window ended");
    awaitTerminal(next.get("id").asText());
  }

  /** A TEMPLATE_EVALUATION task whose judge calls {@code fake} through an AI integration holding {@code apiKey}. */
  private String judgeTask(FakeModelServer fake, String apiKey, String name) {
    String integration = expect(201, server.client.post("/v2/ai-integrations", """
        {"name": "%s", "provider": "CUSTOM", "base_url": "%s", "model_names": ["fake-judge"], "api_key": "%s"}"""
        .formatted(name + "-model", fake.openAiBaseUrl(), apiKey))).get("id").asText();
    String judge = evaluator(name + "-judge", EvaluatorFixtures.judgeSpec("correct",
        "{\"model_config_id\": \"" + integration + "\", \"model_name\": \"fake-judge\"}")).get("id").asText();
    JsonNode task = expect(201, server.client.post("/v2/tasks", "{\"name\": \"" + name + "\", \"type\": \"TEMPLATE_EVALUATION\","
        + " \"project_id\": \"" + projectId + "\", \"evaluators\": [{\"evaluator_id\": \"" + judge + "\"}]}"));
    assertEquals("TEMPLATE_EVALUATION", task.get("type").asText());
    return task.get("id").asText();
  }

  /** Polls the run until {@code done} holds for it. */
  private JsonNode awaitRun(String runId, Predicate<JsonNode> done, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode run = null;
    while (System.nanoTime() < deadline) {
      run = expect(200, server.client.get("/v2/task-runs/" + q(runId)));
      if (done.test(run)) {
        return run;
      }
      sleep(100);
    }
    return fail("run " + runId + " was not " + what + " within 60 s: " + run);
  }

  @Test
  void cancel_ofARunningRun_endsItCancelled_andItStaysSo() {
    try (FakeModelServer fake = FakeModelServer.create().latency(Duration.ofSeconds(2)).start()) {
      String taskId = judgeTask(fake, "key", "slow");
      String runId = trigger(taskId, "{" + WINDOW + "}").get("id").asText();
      JsonNode cancelled = expect(200, server.client.post("/v2/task-runs/" + q(runId) + "/cancel", ""));
      assertEquals("CANCELLED", cancelled.get("status").asText(), cancelled.toString());
      assertEquals(RUN_FIELDS, fieldNames(cancelled));
      problem(server.client.post("/v2/task-runs/" + q(runId) + "/cancel", ""), 409);
      sleep(2_500);
      JsonNode later = expect(200, server.client.get("/v2/task-runs/" + q(runId)));
      assertEquals("CANCELLED", later.get("status").asText(), "a chunk finishing after the cancel does not revive the run: " + later);
    }
  }

  @Test
  void aWrongModelKey_pausesTheTaskAndItsRunWithTheReason_andFixingTheKeyFinishesTheRun() {
    try (FakeModelServer fake = FakeModelServer.create().requireApiKey("right-key").start()) {
      String taskId = judgeTask(fake, "wrong-key", "judged");
      String runId = trigger(taskId, "{" + WINDOW + "}").get("id").asText();
      JsonNode paused = awaitRun(runId, r -> !r.get("paused_reason").isNull(), "paused");
      assertEquals("RUNNING", paused.get("status").asText(), paused.toString());
      JsonNode task = expect(200, server.client.get("/v2/tasks/" + q(taskId)));
      assertFalse(task.get("paused_reason").isNull(), task.toString());
      assertFalse(task.get("paused_at").isNull());
      assertFalse(task.toString().contains("wrong-key"), "the key is never shown");
      JsonNode resumed = expect(200, server.client.post("/v2/tasks/" + q(taskId) + "/resume", ""));
      assertTrue(resumed.get("paused_reason").isNull(), "resume lifts the pause: " + resumed);
      assertTrue(resumed.get("paused_at").isNull());
      awaitRun(runId, r -> !r.get("paused_reason").isNull(), "paused again (the key is still wrong)");

      String integration = expect(200, server.client.get("/v2/ai-integrations/" + q("judged-model"))).get("id").asText();
      expect(200, server.client.patch("/v2/ai-integrations/" + q(integration), "{\"api_key\": \"right-key\"}"));
      JsonNode done = awaitTerminal(runId);
      assertEquals("COMPLETED", done.get("status").asText(), done.toString());
      assertEquals(3, done.get("num_successes").asLong() + done.get("num_skipped").asLong(), done.toString());
      assertEquals(0, done.get("num_errors").asLong(), done.toString());
      assertTrue(done.get("paused_reason").isNull());
      assertTrue(expect(200, server.client.get("/v2/tasks/" + q(taskId))).get("paused_reason").isNull());
      assertEquals(3, expect(200, server.client.get("/v2/evaluations?project_id=" + q(projectId) + "&name=correct"))
          .get("evaluations").size(), "one result per span");
    }
  }

  @Test
  void resume_ofATaskThatIsNotPaused_returnsItUnchanged() {
    JsonNode task = createTask("steady");
    JsonNode resumed = expect(200, server.client.post("/v2/tasks/" + q(task.get("id").asText()) + "/resume", ""));
    assertEquals(task.get("id"), resumed.get("id"));
    assertTrue(resumed.get("paused_reason").isNull());
    problem(server.client.post("/v2/tasks/nope/resume", ""), 404);
  }

  @Test
  void count_givesMatchingAndSampledTargets_perScope() {
    String window = ", \"data_start_time\": \"2025-12-31T00:00:00Z\", \"data_end_time\": \"2026-01-02T00:00:00Z\"";
    JsonNode spans = expect(200, server.client.post("/v2/tasks/count", "{\"project_id\": \"" + projectId + "\"" + window + "}"));
    assertEquals(Set.of("matching", "sampled", "exact"), fieldNames(spans));
    assertEquals(3, spans.get("matching").asLong());
    assertEquals(3, spans.get("sampled").asLong());
    assertTrue(spans.get("exact").asBoolean());
    JsonNode filtered = expect(200, server.client.post("/v2/tasks/count", "{\"project_id\": \"" + project
        + "\", \"scope\": \"SPAN\", \"query_filter\": \"output_value = '7'\"" + window + "}"));
    assertEquals(1, filtered.get("matching").asLong());
    JsonNode traces = expect(200, server.client.post("/v2/tasks/count", "{\"project_id\": \"" + projectId
        + "\", \"scope\": \"TRACE\"" + window + "}"));
    assertEquals(1, traces.get("matching").asLong(), "the three spans share one trace");
    JsonNode none = expect(200, server.client.post("/v2/tasks/count", "{\"project_id\": \"" + projectId
        + "\", \"sampling_rate\": 0}"));
    assertEquals(3, none.get("matching").asLong());
    assertEquals(0, none.get("sampled").asLong());

    problem(server.client.post("/v2/tasks/count", "{}"), 400);
    problem(server.client.post("/v2/tasks/count", "{\"project_id\": \"" + projectId + "\", \"scope\": \"EXAMPLE\"}"), 400);
    problem(server.client.post("/v2/tasks/count", "{\"project_id\": \"" + projectId + "\", \"query_filter\": \"output_value =\"}"), 400);
    problem(server.client.post("/v2/tasks/count", "{\"project_id\": \"nope\"}"), 404);
  }

  static List<String> ids(JsonNode items) {
    return StreamSupport.stream(items.spliterator(), false).map(n -> n.get("id").asText()).toList();
  }

  static List<String> names(JsonNode list) {
    return StreamSupport.stream(list.get("tasks").spliterator(), false).map(n -> n.get("name").asText()).toList();
  }
}
