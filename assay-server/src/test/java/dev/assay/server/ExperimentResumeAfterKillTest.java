package dev.assay.server;

import static dev.assay.server.V2TestClient.expect;
import static dev.assay.server.V2TestClient.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.testing.FakeModelServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when 3 of issue 7: an experiment whose prompt task is slow on the fake model is interrupted by SIGKILL of
 * the server process about half-way, and a new server process on the same DuckDB file finishes it (the job's lease
 * runs out and the job is claimed again) doing only the missing work.
 *
 * <p>The assertion is exact: the runs stored at the kill are counted in the database file while no server holds it,
 * and the fake model must then receive exactly one call per missing run — no stored run is called again, and the
 * calls lost at the kill (in flight, or finished but not yet in a written batch) are the only calls without a run.
 */
class ExperimentResumeAfterKillTest {
  static final int EXAMPLES = 24;
  static final int CONCURRENCY = 3;
  static final Duration LEASE = Duration.ofSeconds(2);

  @TempDir Path tmp;

  @Test
  void sigkillHalfway_thenRestart_doesExactlyTheMissingRuns_andEvaluations() throws Exception {
    Path db = tmp.resolve("assay.duckdb");
    String url = "duckdb:" + db;
    try (FakeModelServer fake = FakeModelServer.create().answer(p -> true, "answer 42")
        .latency(Duration.ofMillis(250)).start()) {
      String experimentId;
      long callsAtKill;
      try (ReplicaProcess first = ReplicaProcess.start(tmp, url, LEASE, "node").getFirst()) {
        HttpTestClient c = first.client();
        experimentId = startExperiment(c, fake);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (successfulRuns(c, experimentId) < EXAMPLES / 2) {
          assertTrue(System.nanoTime() < deadline, "half the runs were not stored in 90 s");
          Thread.sleep(50);
        }
        first.kill();
        // Calls still in flight at the kill may reach the fake a moment later; none can start after it.
        Thread.sleep(300);
        callsAtKill = fake.calls();
      }
      long storedAtKill = countRuns(db, experimentId);
      assertTrue(storedAtKill >= EXAMPLES / 2 && storedAtKill < EXAMPLES,
          "killed half-way: " + storedAtKill + " of " + EXAMPLES + " runs stored");
      long lostInFlight = callsAtKill - storedAtKill;
      System.out.printf("killed with %d of %d runs stored, %d calls lost in flight%n", storedAtKill, EXAMPLES,
          lostInFlight);
      // Lost: calls in flight at the kill, plus finished runs still in the runner's write batch (up to 250 ms).
      assertTrue(lostInFlight >= 0 && lostInFlight < EXAMPLES - storedAtKill,
          "calls without a stored run are those in flight or unwritten at the kill: " + lostInFlight);

      // The same working directory: it holds the key that seals the model config's credentials.
      try (ReplicaProcess second = ReplicaProcess.start(tmp, url, LEASE, "node").getFirst()) {
        HttpTestClient c = second.client();
        JsonNode done = awaitCompleted(c, experimentId);
        assertEquals("COMPLETED", done.get("status").asText(), done.toString());

        List<JsonNode> runs = runs(c, experimentId);
        assertEquals(EXAMPLES, runs.size(), "one run per example");
        Set<String> examples = new HashSet<>();
        for (JsonNode run : runs) {
          assertTrue(examples.add(run.get("example_id").asText() + "#" + run.get("repetition").asInt()),
              "one run per (example, repetition): " + run);
          assertEquals("answer 42", run.get("output").asText(), run.toString());
          assertEquals(1, run.get("evaluations").size(), "one evaluation per run and evaluator: " + run);
          assertEquals(1.0, run.at("/evaluations/0/score").asDouble(), run.toString());
        }
        assertEquals(EXAMPLES - storedAtKill, fake.calls() - callsAtKill,
            "after the restart the model is called exactly once per missing run");
      }
    }
  }

  /** A dataset, a prompt, a model config on the fake and a code evaluator, then the experiment; returns its id. */
  private static String startExperiment(HttpTestClient c, FakeModelServer fake) {
    List<String> examples = new ArrayList<>();
    for (int i = 0; i < EXAMPLES; i++) {
      examples.add("{\"question\": \"question " + i + "\", \"expected_output\": \"42\"}");
    }
    expect(201, c.post("/v2/datasets", "{\"name\": \"kill-ds\", \"space_id\": \"default\", \"examples\": ["
        + String.join(", ", examples) + "]}"));
    expect(201, c.post("/v2/prompts", """
        {"name": "kill-prompt", "version": {"commit_message": "v1", "provider": "OPEN_AI", "model": "fake",
         "input_variable_format": "MUSTACHE", "messages": [{"role": "USER", "content": "Answer {{question}}"}]}}"""));
    String integration = expect(201, c.post("/v2/ai-integrations", """
        {"name": "kill-fake", "provider": "CUSTOM", "base_url": "%s", "model_names": ["fake"], "api_key": "k",
         "max_concurrency": 8}""".formatted(fake.openAiBaseUrl()))).get("id").asText();
    String evaluator = expect(201, c.post("/v2/evaluators", "{\"name\": \"has_digit\", \"version\": {\"spec\": "
        + EvaluatorFixtures.regexSpec("has_digit", "[0-9]") + "}}")).get("id").asText();
    JsonNode started = expect(202, c.post("/v2/experiments/run", """
        {"name": "killed", "dataset_id": "kill-ds", "task": {"type": "PROMPT", "prompt_id": "kill-prompt",
         "ai_integration_id": "%s", "model": "fake"}, "evaluators": [{"evaluator_id": "%s"}], "concurrency": %d}"""
        .formatted(integration, evaluator, CONCURRENCY)));
    return started.get("id").asText();
  }

  private static long successfulRuns(HttpTestClient c, String id) {
    return expect(200, c.get("/v2/experiments/" + q(id) + "/summary")).get("successful_runs").asLong();
  }

  private static JsonNode awaitCompleted(HttpTestClient c, String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    JsonNode e;
    do {
      e = expect(200, c.get("/v2/experiments/" + q(id)));
      if (Set.of("COMPLETED", "FAILED", "CANCELLED").contains(e.get("status").asText())) {
        return e;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return e;
  }

  private static List<JsonNode> runs(HttpTestClient c, String id) {
    List<JsonNode> out = new ArrayList<>();
    expect(200, c.get("/v2/experiments/" + q(id) + "/runs?limit=500")).get("experiment_runs").forEach(out::add);
    return out;
  }

  /** Runs stored in the file, read while no server has it open (DuckDB allows one writer process). */
  private static long countRuns(Path db, String apiId) throws Exception {
    String id = dev.assay.server.v2.ApiIds.decode("Experiment", apiId);
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + db);
        PreparedStatement st = conn.prepareStatement("SELECT count(*) FROM experiment_runs WHERE experiment_id = ?")) {
      st.setString(1, id);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
