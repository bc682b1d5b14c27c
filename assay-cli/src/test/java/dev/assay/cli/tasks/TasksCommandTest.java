package dev.assay.cli.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.Cli;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LiveServer;
import dev.assay.cli.SampleSpans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay tasks …} with code evaluators against a live server: CRUD with name lookups, backfill runs followed
 * to the end with their exit codes, and bad command lines that change nothing. Judges (slow, paused) are in
 * {@link TasksJudgeRunTest}.
 */
class TasksCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PROJECT = "cli-tasks";
  @TempDir static Path serverDir;
  private static LiveServer server;

  @TempDir Path tmp;
  private Cli cli;
  private String prefix;

  @BeforeAll
  static void startServer() throws Exception {
    server = new LiveServer(serverDir);
    SampleSpans.send(server.url(), PROJECT);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void setUp(TestInfo test) {
    cli = new Cli(tmp).env("ASSAY_URL", server.url());
    prefix = test.getTestMethod().orElseThrow().getName().toLowerCase() + "-";
  }

  private Cli.Result ok(String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    return result;
  }

  static JsonNode json(Cli.Result result) throws Exception {
    return JSON.readTree(result.out());
  }

  private static void assertFails(Cli.Result result, int exitCode, String contains) {
    assertEquals(exitCode, result.exitCode(), result.toString());
    assertTrue(result.err().contains("assay: ") && result.err().contains(contains), result.toString());
  }

  /** A code check that the answer equals {@code metadata.gold}: Paris and Shakespeare pass, "5" fails. */
  private JsonNode exactEvaluator(String name) throws Exception {
    return json(ok("evaluators", "create", name, "--kind", "code", "--check", "EXACT_MATCH", "--var", "output",
        "--var", "reference", "-o", "json"));
  }

  private int tasks(String namePrefix) throws Exception {
    return json(ok("tasks", "list", "--name", namePrefix, "-o", "json")).size();
  }

  @Test
  void create_get_list_update_delete_byNameAndId() throws Exception {
    JsonNode evaluator = exactEvaluator(prefix + "exact");
    String projectId = json(ok("projects", "get", PROJECT, "-o", "json")).path("id").asText();

    JsonNode created = json(ok("tasks", "create", prefix + "task", "-p", PROJECT, "--evaluator", prefix + "exact",
        "--mapping", "reference=metadata.gold", "--filter", "span_kind = 'LLM'", "--sampling-rate", "0.5", "-o", "json"));

    assertEquals("CODE_EVALUATION", created.path("type").asText(), "defaulted from a code evaluator: " + created);
    assertEquals(projectId, created.path("project_id").asText());
    assertEquals("span_kind = 'LLM'", created.path("query_filter").asText());
    assertEquals(0.5, created.path("sampling_rate").asDouble());
    assertFalse(created.path("is_continuous").asBoolean(true), "not continuous unless asked");
    assertEquals("SPAN", created.path("scope").asText());
    assertEquals(1, created.path("evaluators").size());
    JsonNode attached = created.at("/evaluators/0");
    assertEquals(evaluator.path("id").asText(), attached.path("evaluator_id").asText());
    assertEquals(prefix + "exact", attached.path("evaluator_name").asText());
    assertTrue(attached.path("evaluator_version_id").isNull(), "latest version: " + attached);
    assertEquals(Map.of("reference", "metadata.gold"), JSON.convertValue(attached.path("column_mappings"), Map.class));
    String id = created.path("id").asText();

    assertEquals(created, json(ok("tasks", "get", prefix + "task", "-o", "json")));
    assertEquals(created, json(ok("tasks", "get", id, "-o", "json")));
    assertEquals(created, json(ok("tasks", "get", prefix + "task", "-p", PROJECT, "-o", "json")));
    List<String> table = ok("tasks", "get", prefix + "task").out().lines().toList();
    assertTrue(table.get(0).matches("name\\s+id\\s+type\\s+scope\\s+is_continuous\\s+sampling_rate\\s+evaluators\\s+"
        + "query_filter\\s+paused_reason\\s+last_run_at"), table.toString());
    assertTrue(table.get(1).matches(prefix + "task\\s+" + id + "\\s+CODE_EVALUATION\\s+SPAN\\s+false\\s+0\\.5\\s+"
        + prefix + "exact \\{reference=metadata\\.gold\\}\\s+span_kind = 'LLM'.*"), table.toString());

    JsonNode listed = json(ok("tasks", "list", "-p", PROJECT, "--name", prefix, "-o", "json"));
    assertEquals(1, listed.size());
    assertEquals(id, listed.at("/0/id").asText());
    assertEquals(0, json(ok("tasks", "list", "--name", prefix, "--type", "TEMPLATE_EVALUATION", "-o", "json")).size());
    assertEquals(1, json(ok("tasks", "list", "--name", prefix, "--type", "CODE_EVALUATION", "-o", "json")).size());
    String csv = ok("tasks", "list", "--name", prefix, "-o", "csv").out();
    assertTrue(csv.startsWith("name,id,type,scope,is_continuous,sampling_rate,evaluators"), csv);

    JsonNode continuous = json(ok("tasks", "update", prefix + "task", "--continuous", "--sampling-rate", "1", "-o", "json"));
    assertTrue(continuous.path("is_continuous").asBoolean(), continuous.toString());
    assertEquals(1.0, continuous.path("sampling_rate").asDouble());
    assertEquals("metadata.gold", continuous.at("/evaluators/0/column_mappings/reference").asText(), "evaluators kept");

    JsonNode remapped = json(ok("tasks", "update", prefix + "task", "--mapping", prefix + "exact:reference=input",
        "--evaluator-filter", "latency_ms > 0", "--clear-filter", "--no-continuous", "-o", "json"));
    assertEquals("input", remapped.at("/evaluators/0/column_mappings/reference").asText(), remapped.toString());
    assertEquals("latency_ms > 0", remapped.at("/evaluators/0/query_filter").asText());
    assertEquals(evaluator.path("id").asText(), remapped.at("/evaluators/0/evaluator_id").asText());
    assertTrue(remapped.path("query_filter").isNull(), remapped.toString());
    assertFalse(remapped.path("is_continuous").asBoolean());

    JsonNode renamed = json(ok("tasks", "update", id, "--name", prefix + "renamed", "-o", "json"));
    assertEquals(prefix + "renamed", renamed.path("name").asText());
    assertFails(cli.run("tasks", "get", prefix + "task"), ExitCodes.NOT_FOUND, "task '" + prefix + "task' not found");

    assertFails(cli.run("tasks", "delete", prefix + "renamed"), ExitCodes.USAGE, "pass --force");
    assertEquals(1, tasks(prefix));
    assertFails(cli.terminal("n\n").run("tasks", "delete", prefix + "renamed"), ExitCodes.FAILURE, "cancelled");
    assertEquals(1, tasks(prefix));
    Cli.Result deleted = cli.terminal("y\n").run("tasks", "delete", prefix + "renamed");
    assertEquals(ExitCodes.OK, deleted.exitCode(), deleted.toString());
    assertTrue(deleted.err().contains("(" + id + ")") && deleted.err().contains("Deleted task"), deleted.toString());
    assertEquals(0, tasks(prefix));
    assertFails(cli.run("tasks", "get", id), ExitCodes.NOT_FOUND, "assay: ");
  }

  @Test
  void triggerRun_wait_completesWithCounts_andTheResultsAreStoredUnderTheRun() throws Exception {
    exactEvaluator(prefix + "exact");
    ok("tasks", "create", prefix + "task", "-p", PROJECT, "--evaluator", prefix + "exact", "--mapping",
        "reference=metadata.gold");

    Cli.Result waited = ok("tasks", "trigger-run", prefix + "task", "--data-start-time", "1d", "--max-spans", "100",
        "--wait", "--poll-interval", "0.2", "-o", "json");

    JsonNode run = json(waited);
    assertEquals("COMPLETED", run.path("status").asText(), waited.toString());
    assertEquals(3, run.path("num_successes").asLong(), "3 spans × 1 evaluator: " + run);
    assertEquals(0, run.path("num_errors").asLong());
    assertEquals(0, run.path("num_skipped").asLong());
    assertEquals(100, run.path("max_spans").asLong());
    assertTrue(waited.err().contains("COMPLETED: 3 ok, 0 errors, 0 skipped"), waited.err());
    String runId = run.path("id").asText();

    JsonNode results = json(ok("evaluations", "list", "-p", PROJECT, "--run-id", runId, "-o", "json"));
    Map<String, Boolean> passed = new TreeMap<>();
    results.forEach(r -> passed.put(r.path("target_id").asText(), r.path("passed").asBoolean()));
    assertEquals(Map.of("a000000000000001", true, "a000000000000002", false, "a000000000000003", true), passed,
        results.toString());

    assertEquals(run, json(ok("tasks", "get-run", runId, "-o", "json")));
    JsonNode runs = json(ok("tasks", "list-runs", prefix + "task", "-o", "json"));
    assertEquals(1, runs.size());
    assertEquals(runId, runs.at("/0/id").asText());
    assertEquals(1, json(ok("tasks", "list-runs", prefix + "task", "--status", "COMPLETED", "-o", "json")).size());
    assertEquals(0, json(ok("tasks", "list-runs", prefix + "task", "--status", "FAILED", "-o", "json")).size());
    List<String> table = ok("tasks", "get-run", runId).out().lines().toList();
    assertTrue(table.get(0).matches("id\\s+status\\s+num_targets\\s+chunks\\s+num_successes\\s+num_errors\\s+num_skipped.*"),
        table.toString());
    assertTrue(table.get(1).matches(runId + "\\s+COMPLETED\\s+3\\s+1/1\\s+3\\s+0\\s+0\\s+.*"), table.toString());
    assertEquals(runId, json(ok("tasks", "wait-for-run", runId, "-o", "json")).path("id").asText(),
        "waiting for a run that ended returns at once");
    assertFalse(json(ok("tasks", "get", prefix + "task", "-o", "json")).path("last_run_at").isNull());

    // Everything in the window has results from this evaluator version: AX cancels the run and says why.
    Cli.Result again = cli.run("tasks", "trigger-run", prefix + "task", "--data-start-time", "1d", "--wait",
        "--poll-interval", "0.2", "-o", "json");
    assertEquals(ExitCodes.RUN_CANCELLED, again.exitCode(), again.toString());
    assertEquals("CANCELLED", json(again).path("status").asText());
    assertTrue(again.err().contains("override_evaluations"), again.err());

    Cli.Result override = cli.terminal("").run("tasks", "trigger-run", prefix + "task", "--data-start-time", "1d",
        "--override-evaluations", "--wait", "--poll-interval", "0.2", "-o", "json");
    assertEquals(ExitCodes.OK, override.exitCode(), override.toString());
    assertEquals(3, json(override).path("num_successes").asLong(), override.toString());
    String bar = "\rRun " + json(override).path("id").asText() + " [##############################] 100% 1/1  COMPLETED  3 ok, "
        + "0 errors, 0 skipped";
    assertTrue(override.err().contains(bar), "a progress bar at a terminal: " + override.err());
    assertEquals(3, json(ok("tasks", "list-runs", prefix + "task", "-o", "json")).size());
  }

  @Test
  void triggerRun_withoutWait_printsThePendingRun_andCancelRunEndsIt() throws Exception {
    exactEvaluator(prefix + "exact");
    ok("tasks", "create", prefix + "task", "-p", PROJECT, "--evaluator", prefix + "exact");

    JsonNode run = json(ok("tasks", "trigger-run", prefix + "task", "--data-start-time", "1d", "-o", "json"));
    assertTrue(List.of("PENDING", "RUNNING", "COMPLETED").contains(run.path("status").asText()), run.toString());
    String runId = run.path("id").asText();

    Cli.Result cancelled = cli.run("tasks", "cancel-run", runId, "-o", "json");
    if (cancelled.exitCode() == ExitCodes.OK) {
      assertEquals("CANCELLED", json(cancelled).path("status").asText(), cancelled.toString());
      Cli.Result waited = cli.run("tasks", "wait-for-run", runId, "-o", "json");
      assertEquals(ExitCodes.RUN_CANCELLED, waited.exitCode(), waited.toString());
      assertEquals("CANCELLED", json(waited).path("status").asText());
      assertTrue(waited.err().contains("was CANCELLED"), waited.err());
    } else {
      // The run was quicker than the cancel: a run that ended cannot be cancelled (a slow one is in TasksJudgeRunTest).
      assertFails(cancelled, ExitCodes.FAILURE, "409");
      assertEquals("COMPLETED", json(ok("tasks", "get-run", runId, "-o", "json")).path("status").asText());
    }
  }

  @Test
  void aRunWhoseEvaluatorWasDeleted_fails_andWaitExits6WithTheReason() throws Exception {
    exactEvaluator(prefix + "exact");
    ok("tasks", "create", prefix + "task", "-p", PROJECT, "--evaluator", prefix + "exact");
    ok("evaluators", "delete", prefix + "exact", "--force");

    Cli.Result waited = cli.run("tasks", "trigger-run", prefix + "task", "--data-start-time", "1d", "--wait",
        "--poll-interval", "0.2", "-o", "json");

    assertEquals(ExitCodes.RUN_FAILED, waited.exitCode(), waited.toString());
    JsonNode run = json(waited);
    assertEquals("FAILED", run.path("status").asText());
    assertFalse(run.path("failure_reason").asText("").isBlank(), run.toString());
    assertTrue(waited.err().contains("assay: run " + run.path("id").asText() + " FAILED: " + run.path("failure_reason").asText()),
        waited.err());
    Cli.Result again = cli.run("tasks", "wait-for-run", "--task", prefix + "task");
    assertEquals(ExitCodes.RUN_FAILED, again.exitCode(), again.toString());
    assertTrue(again.out().lines().toList().get(1).contains("FAILED"), again.out());
  }

  @Test
  void continuous_evaluatesSpansAsTheyArrive() throws Exception {
    String project = prefix + "live";
    ok("projects", "create", project);
    exactEvaluator(prefix + "exact");
    ok("tasks", "create", prefix + "task", "-p", project, "--evaluator", prefix + "exact", "--mapping",
        "reference=metadata.gold");
    ok("tasks", "update", prefix + "task", "--continuous");

    SampleSpans.send(server.url(), project);

    JsonNode results = JSON.createArrayNode();
    for (long deadline = System.nanoTime() + 60_000_000_000L; results.size() < 3 && System.nanoTime() < deadline; ) {
      Thread.sleep(200);
      results = json(ok("evaluations", "list", "-p", project, "--name", prefix + "exact", "-o", "json"));
    }
    assertEquals(3, results.size(), "every new span evaluated without a run: " + results);
    assertEquals(0, json(ok("tasks", "list-runs", prefix + "task", "-o", "json")).size());
  }

  @Test
  void badCommandLines_exit2_andCreateNothing() throws Exception {
    exactEvaluator(prefix + "exact");
    exactEvaluator(prefix + "other");
    ok("tasks", "create", prefix + "task", "-p", PROJECT, "--evaluator", prefix + "exact");

    assertFails(cli.run("tasks", "create", prefix + "x", "-p", PROJECT), ExitCodes.USAGE, "--evaluator");
    assertFails(cli.run("tasks", "create", prefix + "x", "--evaluator", prefix + "exact"), ExitCodes.USAGE, "--project");
    assertFails(cli.run("tasks", "create", prefix + "x", "-p", PROJECT, "--evaluator", prefix + "exact", "--sampling-rate",
        "1.5"), ExitCodes.USAGE, "--sampling-rate must be between 0 and 1");
    assertFails(cli.run("tasks", "create", prefix + "x", "-p", PROJECT, "--evaluator", prefix + "exact", "--type", "BOGUS"),
        ExitCodes.USAGE, "--type");
    assertFails(cli.run("tasks", "create", prefix + "x", "-p", PROJECT, "--evaluator", prefix + "exact", "--evaluator",
        prefix + "other", "--mapping", "reference=metadata.gold"), ExitCodes.USAGE, "say which evaluator");
    assertFails(cli.run("tasks", "create", prefix + "x", "-p", PROJECT, "--evaluator", prefix + "exact", "--mapping",
        "reference"), ExitCodes.USAGE, "[EVALUATOR:]VAR=PATH");
    assertFails(cli.run("tasks", "create", prefix + "x", "-p", PROJECT, "--evaluator", prefix + "exact", "--evaluator",
        prefix + "exact"), ExitCodes.USAGE, "given twice");
    assertFails(cli.run("tasks", "create", prefix + "x", "-p", PROJECT, "--evaluator", prefix + "exact", "--mappings-file",
        "nope.json"), ExitCodes.USAGE, "no such file");
    Files.writeString(cli.workingDir().resolve("bad.json"), "[1]");
    assertFails(cli.run("tasks", "create", prefix + "x", "-p", PROJECT, "--evaluator", prefix + "exact", "--mappings-file",
        "bad.json"), ExitCodes.USAGE, "must be a JSON object");
    assertFails(cli.run("tasks", "create", prefix + "x", "-p", PROJECT, "--evaluator", "no-such-evaluator"),
        ExitCodes.NOT_FOUND, "evaluator 'no-such-evaluator' not found");
    assertFails(cli.run("tasks", "create", prefix + "x", "-p", "no-such-project", "--evaluator", prefix + "exact"),
        ExitCodes.NOT_FOUND, "assay: ");
    assertFails(cli.run("tasks", "create", prefix + "x", "-p", PROJECT, "--evaluator", prefix + "exact", "--filter",
        "span_kind = = 'LLM'"), ExitCodes.FAILURE, "HTTP 400");
    assertFails(cli.run("tasks", "create", prefix + "task", "-p", PROJECT, "--evaluator", prefix + "exact"),
        ExitCodes.FAILURE, "HTTP 409");
    assertEquals(1, tasks(prefix), "only the first task exists");

    assertFails(cli.run("tasks", "update", prefix + "task"), ExitCodes.USAGE, "nothing to update");
    assertFails(cli.run("tasks", "update", prefix + "task", "--filter", "x = 1", "--clear-filter"), ExitCodes.USAGE, "not both");
    assertFails(cli.run("tasks", "update", prefix + "task", "--mappings-file", "bad.json"), ExitCodes.USAGE, "JSON object");
    assertFails(cli.run("tasks", "trigger-run", prefix + "task", "--data-start-time", "yesterday"), ExitCodes.USAGE,
        "--data-start-time must be");
    assertFails(cli.run("tasks", "trigger-run", prefix + "task", "--data-start-time", "1d", "--max-spans", "0"),
        ExitCodes.USAGE, "--max-spans must be at least 1");
    assertFails(cli.run("tasks", "trigger-run", prefix + "task", "--data-start-time", "1d", "--wait", "--poll-interval", "0"),
        ExitCodes.USAGE, "--poll-interval");
    assertFails(cli.run("tasks", "trigger-run", prefix + "task", "--data-start-time", "60d"), ExitCodes.FAILURE, "HTTP 400");
    assertFails(cli.run("tasks", "trigger-run", "no-such-task", "--data-start-time", "1d"), ExitCodes.NOT_FOUND,
        "task 'no-such-task' not found");
    assertEquals(0, json(ok("tasks", "list-runs", prefix + "task", "-o", "json")).size(), "no run was started");
    JsonNode unchanged = json(ok("tasks", "get", prefix + "task", "-o", "json"));
    assertTrue(unchanged.path("query_filter").isNull() && !unchanged.path("is_continuous").asBoolean(), unchanged.toString());

    assertFails(cli.run("tasks", "get-run", "no-such-run"), ExitCodes.NOT_FOUND, "assay: ");
    assertFails(cli.run("tasks", "get-run", "--task", prefix + "task"), ExitCodes.NOT_FOUND, "has no runs yet");
    assertFails(cli.run("tasks", "get-run"), ExitCodes.USAGE, "RUN_ID or --task");
    assertFails(cli.run("tasks", "cancel-run", "some-run", "--task", prefix + "task"), ExitCodes.USAGE, "not both");
    assertFails(cli.run("tasks", "wait-for-run", "no-such-run"), ExitCodes.NOT_FOUND, "assay: ");
    assertFails(cli.run("tasks", "frobnicate"), ExitCodes.USAGE, "unknown command 'assay tasks frobnicate'");
  }

  @Test
  void mappingsFile_andPinnedVersions() throws Exception {
    JsonNode exact = exactEvaluator(prefix + "exact");
    String firstVersion = exact.at("/version/id").asText();
    ok("evaluators", "create-version", prefix + "exact", "--kind", "code", "--check", "LEVENSHTEIN", "--var", "output",
        "--var", "reference", "--threshold", "0.5");
    exactEvaluator(prefix + "other");
    Files.writeString(cli.workingDir().resolve("mappings.json"),
        "{\"" + prefix + "exact\": {\"reference\": \"metadata.gold\"}, \"" + prefix + "other\": {\"reference\": \"input\"}}");

    JsonNode created = json(ok("tasks", "create", prefix + "task", "-p", PROJECT, "--evaluator",
        prefix + "exact@" + firstVersion, "--evaluator", prefix + "other", "--mappings-file", "mappings.json",
        "--mapping", prefix + "other:output=attributes.llm.model_name", "-o", "json"));

    JsonNode evaluators = created.path("evaluators");
    assertEquals(2, evaluators.size(), created.toString());
    assertEquals(firstVersion, evaluators.at("/0/evaluator_version_id").asText(), "pinned");
    assertEquals("metadata.gold", evaluators.at("/0/column_mappings/reference").asText());
    assertTrue(evaluators.at("/1/evaluator_version_id").isNull(), "latest");
    assertEquals(Map.of("reference", "input", "output", "attributes.llm.model_name"),
        JSON.convertValue(evaluators.at("/1/column_mappings"), Map.class));

    assertFails(cli.run("tasks", "create", prefix + "x", "-p", PROJECT, "--evaluator", prefix + "exact@nope"),
        ExitCodes.NOT_FOUND, "version 'nope'");
    JsonNode replaced = json(ok("tasks", "update", prefix + "task", "--evaluator", prefix + "other", "-o", "json"));
    assertEquals(1, replaced.path("evaluators").size(), "--evaluator replaces the list: " + replaced);
  }
}
