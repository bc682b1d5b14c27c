package dev.assay.cli.tasks;

import static dev.assay.cli.tasks.TasksCommandTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.cli.Cli;
import dev.assay.cli.ExitCodes;
import dev.assay.cli.LiveServer;
import dev.assay.cli.SampleSpans;
import dev.assay.testing.FakeModelServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of judge tasks followed from the CLI against the fake model server: a slow judge (a wait that times out, a
 * cancel mid-run) and a wrong key (the run pauses, the reason is shown, fixing the key resumes it).
 */
class TasksJudgeRunTest {
  private static final String PROJECT = "cli-task-judges";
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
    cli = new Cli(tmp).env("ASSAY_URL", server.url()).env("WRONG_KEY", "sk-wrong").env("RIGHT_KEY", "sk-right");
    prefix = test.getTestMethod().orElseThrow().getName().toLowerCase() + "-";
  }

  private Cli.Result ok(String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.toString());
    return result;
  }

  /** A faithfulness judge on {@code model} and a task running it on the sample project. */
  private void judgeTask(FakeModelServer model, String keyVariable) throws Exception {
    ok("models", "create", prefix + "m", "--provider", "CUSTOM", "--base-url", model.openAiBaseUrl(), "--model", "judge",
        "--api-key-env", keyVariable);
    ok("evaluators", "create", prefix + "faithful", "--template", "faithfulness", "--model", prefix + "m");
    JsonNode task = json(ok("tasks", "create", prefix + "task", "-p", PROJECT, "--evaluator", prefix + "faithful",
        "--mapping", "context=attributes.retrieval.documents.0.document.content", "-o", "json"));
    assertEquals("TEMPLATE_EVALUATION", task.path("type").asText(), "defaulted from a judge: " + task);
  }

  @Test
  void aWaitThatTimesOut_exits8_andLeavesTheRunGoing_thenCancelRunEndsIt() throws Exception {
    try (FakeModelServer slow = FakeModelServer.create().latency(Duration.ofSeconds(3)).start()) {
      judgeTask(slow, "RIGHT_KEY");

      Cli.Result waited = cli.run("tasks", "trigger-run", prefix + "task", "--data-start-time", "1d", "--wait",
          "--timeout", "0.5", "--poll-interval", "0.1", "-o", "json");

      assertEquals(ExitCodes.TIMEOUT, waited.exitCode(), waited.toString());
      JsonNode run = json(waited);
      assertTrue(List.of("PENDING", "RUNNING").contains(run.path("status").asText()), waited.toString());
      assertTrue(waited.err().contains("assay: run " + run.path("id").asText() + " is still")
          && waited.err().contains("assay tasks wait-for-run"), waited.err());
      String runId = run.path("id").asText();

      JsonNode cancelled = json(ok("tasks", "cancel-run", runId, "-o", "json"));
      assertEquals("CANCELLED", cancelled.path("status").asText(), cancelled.toString());
      Cli.Result after = cli.run("tasks", "wait-for-run", runId, "-o", "json");
      assertEquals(ExitCodes.RUN_CANCELLED, after.exitCode(), after.toString());
      assertTrue(after.err().contains("assay: run " + runId + " was CANCELLED"), after.err());
      Cli.Result twice = cli.run("tasks", "cancel-run", runId);
      assertEquals(ExitCodes.FAILURE, twice.exitCode(), "a run that ended cannot be cancelled: " + twice);
      assertEquals("CANCELLED", json(ok("tasks", "get-run", runId, "-o", "json")).path("status").asText());
    }
  }

  @Test
  void aWrongKey_pausesTheRun_withTheReasonShown_andFixingTheKeyResumesIt() throws Exception {
    try (FakeModelServer model = FakeModelServer.create().requireApiKey("sk-right").start()) {
      judgeTask(model, "WRONG_KEY");

      String runId = json(ok("tasks", "trigger-run", prefix + "task", "--data-start-time", "1d", "-o", "json"))
          .path("id").asText();
      awaitPaused(runId);

      Cli.Result waited = cli.run("tasks", "wait-for-run", runId, "--timeout", "1", "--poll-interval", "0.2", "-o", "json");

      assertEquals(ExitCodes.TIMEOUT, waited.exitCode(), "a paused run stays RUNNING: " + waited);
      JsonNode run = json(waited);
      assertEquals("RUNNING", run.path("status").asText(), waited.toString());
      assertFalse(run.path("paused_reason").asText("").isBlank(), run.toString());
      assertTrue(waited.err().contains("run " + runId + " is paused: " + run.path("paused_reason").asText()), waited.err());
      JsonNode task = json(ok("tasks", "get", prefix + "task", "-o", "json"));
      assertFalse(task.path("paused_reason").asText("").isBlank(), task.toString());
      assertTrue(ok("tasks", "list", "--name", prefix).out().contains(task.path("paused_reason").asText().replaceAll(
          "[\\r\\n\\t]+", " ").substring(0, 20)), "the list shows why");

      ok("models", "update", prefix + "m", "--api-key-env", "RIGHT_KEY");

      Cli.Result resumed = cli.run("tasks", "wait-for-run", runId, "--timeout", "60", "--poll-interval", "0.2", "-o", "json");
      assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.toString());
      JsonNode done = json(resumed);
      assertEquals(3, done.path("num_successes").asLong(), done.toString());
      assertEquals(0, done.path("num_errors").asLong(), "no error results for the refused calls: " + done);
      assertTrue(json(ok("tasks", "get", prefix + "task", "-o", "json")).path("paused_reason").isNull());
    }
  }

  @Test
  void resume_liftsAPauseByHand_andSaysWhenThereWasNone() throws Exception {
    try (FakeModelServer model = FakeModelServer.create().requireApiKey("sk-right").start()) {
      judgeTask(model, "WRONG_KEY");
      Cli.Result notPaused = ok("tasks", "resume", prefix + "task", "-o", "json");
      assertTrue(notPaused.err().contains("was not paused"), notPaused.toString());

      String runId = json(ok("tasks", "trigger-run", prefix + "task", "--data-start-time", "1d", "-o", "json"))
          .path("id").asText();
      awaitPaused(runId);
      assertTrue(json(ok("tasks", "get", prefix + "task", "-o", "json")).path("paused_reason").isTextual());

      JsonNode resumed = json(ok("tasks", "resume", prefix + "task", "-o", "json"));
      assertTrue(resumed.path("paused_reason").isNull(), resumed.toString());
      ok("tasks", "cancel-run", runId);
    }
  }

  /** Polls the run until its task paused (the judge's 401); fails after a minute. */
  private void awaitPaused(String runId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode run = null;
    while (System.nanoTime() < deadline) {
      run = json(ok("tasks", "get-run", runId, "-o", "json"));
      if (run.path("paused_reason").isTextual()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the run did not pause within a minute: " + run);
  }
}
