package dev.assay.server;

import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.problem;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.server.v2.ApiIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v2/experiments…} against a live server: AX's recorded experiments field for field, Assay's server-run
 * experiments with a command task and a code evaluator (runs, evaluations, summary, labels, compare, gate, export),
 * and bad input as problem JSON that stores nothing.
 */
abstract class ExperimentsApiContract extends LiveServerContract {
  static final Set<String> AX_EXPERIMENT_FIELDS = Set.of("id", "name", "space_id", "dataset_id", "dataset_version_id",
      "created_at", "updated_at", "experiment_traces_project_id", "integration_id");

  private final String datasetName = "exp-ds-" + UUID.randomUUID();
  private String datasetId;
  /** Example id by its question. */
  private final Map<String, String> examples = new TreeMap<>();
  private String digitId;

  @BeforeEach
  void seed() {
    JsonNode dataset = expect(201, server.client.post("/v2/datasets", """
        {"name": "%s", "space_id": "default", "examples": [
          {"question": "two plus two", "expected_output": "4"},
          {"question": "capital of France", "expected_output": "Paris"}]}""".formatted(datasetName)));
    datasetId = dataset.get("id").asText();
    for (JsonNode e : expect(200, server.client.get("/v2/datasets/" + q(datasetId) + "/examples")).get("examples")) {
      examples.put(e.get("question").asText(), e.get("id").asText());
    }
    assertEquals(2, examples.size());
    digitId = expect(201, server.client.post("/v2/evaluators", "{\"name\": \"has_digit\", \"version\": {\"spec\": "
        + EvaluatorFixtures.regexSpec("has_digit", "[0-9]") + "}}")).get("id").asText();
  }

  private String recordedBody(String name, String... outputs) {
    List<String> runs = new ArrayList<>();
    List<String> ids = new ArrayList<>(examples.values());
    for (int i = 0; i < outputs.length; i++) {
      runs.add("{\"example_id\": \"" + ids.get(Math.min(i, ids.size() - 1)) + "\", \"output\": \"" + outputs[i] + "\", \"model\": \"m" + i + "\"}");
    }
    return "{\"name\": \"" + name + "\", \"dataset_id\": \"" + datasetId + "\", \"experiment_runs\": ["
        + String.join(", ", runs) + "]}";
  }

  /** A server-run experiment whose command prints {@code output} for every example. */
  private String runBody(String name, String output, String extra) {
    return """
        {"name": "%s", "dataset_id": "%s", "task": {"type": "COMMAND", "argv": ["printf", "%s"]},
         "evaluators": [{"evaluator_id": "%s"}], "repetitions": 2, "concurrency": 2%s}"""
        .formatted(name, datasetName, output, digitId, extra);
  }

  private JsonNode awaitTerminal(String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode e = expect(200, server.client.get("/v2/experiments/" + q(id)));
      if (Set.of("COMPLETED", "FAILED", "CANCELLED").contains(e.get("status").asText())) {
        return e;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException ex) {
        throw new AssertionError(ex);
      }
    }
    return fail("experiment " + id + " did not end in 60 s");
  }

  private int experimentCount() {
    return expect(200, server.client.get("/v2/experiments?dataset_id=" + q(datasetId))).get("experiments").size();
  }

  @Test
  void recordedExperiment_isAxShaped_listsItsRuns_withExtraColumns_appends_exports_andDeletes() {
    JsonNode created = expect(201, server.client.post("/v2/experiments", recordedBody("rec", "Lyon", "4", "four")));
    assertTrue(V2TestClient.fieldNames(created).containsAll(AX_EXPERIMENT_FIELDS), created.toString());
    assertEquals(3, created.get("run_ids").size());
    assertEquals(datasetId, created.get("dataset_id").asText());
    assertEquals("COMPLETED", created.get("status").asText());
    String id = created.get("id").asText();

    JsonNode got = expect(200, server.client.get("/v2/experiments/" + q(id)));
    assertEquals("rec", got.get("name").asText());
    assertNull(got.get("task").isNull() ? null : got.get("task"), "a recorded experiment has no task");
    JsonNode runs = expect(200, server.client.get("/v2/experiments/" + q(id) + "/runs")).get("experiment_runs");
    assertEquals(3, runs.size());
    assertEquals(List.of(1, 2), List.of(runs.get(1).get("repetition").asInt(), runs.get(2).get("repetition").asInt()),
        "the same example twice in one request is two repetitions");
    assertEquals(created.get("run_ids").get(0).asText(), runs.get(0).get("id").asText());
    assertEquals(examples.get("capital of France"), runs.get(0).get("example_id").asText());
    assertEquals("Lyon", runs.get(0).get("output").asText());
    assertEquals("m0", runs.get(0).get("model").asText(), "extra columns come back");

    JsonNode appended = expect(201, server.client.post("/v2/experiments/" + q(id) + "/runs",
        "{\"experiment_runs\": [{\"example_id\": \"" + examples.get("two plus two") + "\", \"output\": \"5\", \"repetition\": 3}]}"));
    assertEquals(1, appended.get("run_ids").size());
    JsonNode page = expect(200, server.client.get("/v2/experiments/" + q(id) + "/runs?limit=3"));
    assertTrue(page.at("/pagination/has_more").asBoolean());
    JsonNode rest = expect(200, server.client.get("/v2/experiments/" + q(id) + "/runs?cursor="
        + q(page.at("/pagination/next_cursor").asText())));
    assertEquals("5", rest.at("/experiment_runs/0/output").asText());

    problem(server.client.post("/v2/experiments/" + q(id) + "/runs", "{\"experiment_runs\": [{\"example_id\": \""
        + examples.get("two plus two") + "\"}]}"), 400);
    problem(server.client.post("/v2/experiments/" + q(id) + "/runs", "{\"experiment_runs\": []}"), 400);
    assertEquals(4, expect(200, server.client.get("/v2/experiments/" + q(id) + "/runs")).get("experiment_runs").size(),
        "refused appends stored nothing");

    HttpTestClient.Reply csv = server.client.get("/v2/experiments/" + q(id) + "/export?format=csv");
    assertEquals(200, csv.status(), csv.body());
    assertTrue(csv.body().startsWith("id,example_id,repetition,output,error"), csv.body());
    assertEquals(5, csv.body().strip().split("\n").length, csv.body());
    HttpTestClient.Reply jsonl = server.client.get("/v2/experiments/" + q(id) + "/export?format=jsonl");
    assertEquals(4, jsonl.body().strip().split("\n").length, jsonl.body());
    JsonNode json = expect(200, server.client.get("/v2/experiments/" + q(id) + "/export"));
    assertEquals(4, json.get("runs").size());
    problem(server.client.get("/v2/experiments/" + q(id) + "/export?format=xml"), 400);

    assertEquals(204, server.client.delete("/v2/experiments/" + q(id)).status());
    problem(server.client.get("/v2/experiments/" + q(id)), 404);
    problem(server.client.delete("/v2/experiments/" + q(id)), 404);
  }

  @Test
  void serverRunExperiment_runsEveryExampleAndRepetition_scoresThem_summarises_comparesAndGates() {
    JsonNode started = expect(202, server.client.post("/v2/experiments/run",
        runBody("good", "answer 42", ", \"labels\": [\"main\"]")));
    assertEquals("PENDING", started.get("status").asText());
    assertEquals("COMMAND", started.at("/task/type").asText());
    JsonNode done = awaitTerminal(started.get("id").asText());
    assertEquals("COMPLETED", done.get("status").asText(), done.toString());
    String good = done.get("id").asText();

    JsonNode runs = expect(200, server.client.get("/v2/experiments/" + q(good) + "/runs")).get("experiment_runs");
    assertEquals(4, runs.size(), "2 examples × 2 repetitions");
    Set<String> pairs = new java.util.HashSet<>();
    for (JsonNode run : runs) {
      pairs.add(run.get("example_id").asText() + "#" + run.get("repetition").asInt());
      assertEquals("answer 42", run.get("output").asText());
      assertEquals("has_digit", run.at("/evaluations/0/name").asText(), run.toString());
      assertEquals(1.0, run.at("/evaluations/0/score").asDouble(), run.toString());
    }
    assertEquals(4, pairs.size(), "one run per (example, repetition)");
    JsonNode summary = expect(200, server.client.get("/v2/experiments/" + q(good) + "/summary"));
    assertEquals(4, summary.get("successful_runs").asLong());
    assertEquals(1.0, summary.at("/evaluators/0/mean_score").asDouble());

    String bad = awaitTerminal(expect(202, server.client.post("/v2/experiments/run", runBody("bad", "no digits", "")))
        .get("id").asText()).get("id").asText();
    JsonNode comparison = expect(200, server.client.get("/v2/experiments/" + q(bad) + "/compare?baseline=main"));
    assertEquals(ApiIds.decode("Experiment", good), comparison.get("baseline_id").asText(), "summaries show store ids");
    assertEquals(-1.0, comparison.at("/evaluators/0/delta").asDouble(), 1e-9, comparison.toString());
    assertEquals(2, comparison.at("/evaluators/0/regressed").asLong(), comparison.toString());

    JsonNode failed = expect(200, server.client.post("/v2/experiments/" + q(bad) + "/gate",
        "{\"baseline\": \"main\", \"max_regression\": {\"has_digit\": 0.02}, \"fail_under\": {\"has_digit\": 0.5}}"));
    assertFalse(failed.get("passed").asBoolean(), failed.toString());
    assertEquals(2, failed.get("checks").size());
    assertEquals(4, failed.get("cases").size(), "a case per run × evaluator");
    JsonNode passed = expect(200, server.client.post("/v2/experiments/" + q(good) + "/gate",
        "{\"fail_under\": {\"has_digit\": 0.9}, \"min_pass_rate\": {\"has_digit\": 1}}"));
    assertTrue(passed.get("passed").asBoolean(), passed.toString());

    JsonNode labelled = expect(200, server.client.put("/v2/experiments/" + q(bad) + "/labels", "{\"labels\": [\"main\"]}"));
    assertEquals(List.of("main"), List.of(labelled.get("labels").get(0).asText()));
    assertEquals(0, expect(200, server.client.get("/v2/experiments/" + q(good))).get("labels").size(),
        "a label names one experiment per dataset");
    problem(server.client.put("/v2/experiments/" + q(bad) + "/labels", "{\"labels\": [\"no spaces\"]}"), 400);
  }

  @Test
  void anHttpTasksHeaderValues_areNeverReturned() {
    String secret = "Bearer sk-" + UUID.randomUUID();
    HttpTestClient.Reply started = server.client.post("/v2/experiments/run", """
        {"name": "http-headers", "dataset_id": "%s", "task": {"type": "HTTP", "url": "http://127.0.0.1:9/answer",
         "headers": {"Authorization": "%s"}, "timeout_ms": 1000}, "evaluators": [{"evaluator_id": "%s"}]}"""
        .formatted(datasetName, secret, digitId));
    JsonNode experiment = expect(202, started);
    HttpTestClient.Reply got = server.client.get("/v2/experiments/" + q(experiment.get("id").asText()));
    HttpTestClient.Reply listed = server.client.get("/v2/experiments?dataset_id=" + q(datasetId));
    for (HttpTestClient.Reply reply : List.of(started, got, listed)) {
      assertFalse(reply.body().contains(secret.substring(7)), reply.body());
    }
    assertEquals("********", expect(200, got).at("/task/headers/Authorization").asText());
  }

  @Test
  void badBodies_areProblemJson_naming_theField_andStoreNothing() {
    String ok = runBody("x", "1", "");
    for (String[] bad : new String[][] {
        {ok.replace("\"repetitions\": 2", "\"repetitions\": 0"), "repetitions"},
        {ok.replace("\"concurrency\": 2", "\"concurrency\": 2, \"colour\": 1"), "colour"},
        {ok.replace("\"COMMAND\"", "\"SHELL\""), "task.type"},
        {ok.replace("\"argv\": [\"printf\", \"1\"]", "\"argv\": []"), "task.argv"},
        {ok.replace("\"argv\"", "\"url\": \"http://x\", \"argv\""), "task.url"},
        {ok.replace("[{\"evaluator_id\"", "[{\"evaluator\""), "evaluators[0].evaluator"},
        {"{\"name\": \"x\", \"dataset_id\": \"" + datasetId + "\", \"task\": {\"type\": \"PROMPT\", \"ai_integration_id\": \"m\"}}",
            "prompt_version_id"},
        {"[1]", "JSON object"},
    }) {
      JsonNode p = problem(server.client.post("/v2/experiments/run", bad[0]), 400);
      assertTrue(p.get("detail").asText().contains(bad[1]), bad[1] + " in " + p);
    }
    problem(server.client.post("/v2/experiments", "{\"name\": \"x\", \"dataset_id\": \"" + datasetId
        + "\", \"space_id\": \"default\", \"experiment_runs\": [{\"output\": \"1\"}]}"), 400);
    problem(server.client.post("/v2/experiments", "{\"name\": \"x\", \"dataset_id\": \"" + datasetId
        + "\", \"experiment_runs\": [{\"output\": \"1\"}]}"), 400);
    problem(server.client.get("/v2/experiments?dataset_id=" + q(datasetId) + "&space_id=default"), 400);
    assertEquals(0, experimentCount(), "nothing was stored");
    problem(server.client.get("/v2/experiments/nope"), 404);
    problem(server.client.post("/v2/experiments/nope/gate", "{\"max_regression\": {\"a\": 0.1}}"), 400);
  }
}
