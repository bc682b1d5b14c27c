package dev.assay.experiments;

import static dev.assay.experiments.ExperimentFixture.ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.assay.datasets.Dataset;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluatorWithVersion;
import dev.assay.eval.ModelRef;
import dev.assay.llm.ModelConfig;
import dev.assay.prompts.PromptVersion;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.PageRequest;
import dev.assay.store.Database;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Experiments end to end over a real store (each dialect's subclass supplies it). */
abstract class ExperimentRunnerContract {
  ExperimentFixture f;

  protected abstract Database database();

  @BeforeEach
  void open() {
    f = new ExperimentFixture(database());
  }

  @AfterEach
  void close() {
    f.close();
  }

  /** Echoes the request back: the output at {@code $.input.question} is the question. */
  static ExperimentTask.CommandTask echo() {
    return new ExperimentTask.CommandTask(List.of("sh", "-c", "cat"), "$.input.question", Duration.ofSeconds(10));
  }

  @Test
  void aCommandTaskRunsEveryRepetitionAndEveryEvaluator() {
    Dataset ds = f.dataset(List.of("a", "b", "c"), List.of("a", "b", "other"));
    EvaluatorWithVersion exact = f.exactMatch();
    Experiment e = f.service.prepare(ALL, f.spec(ds, echo(), 2, 4, exact));
    assertEquals(ExperimentStatus.PENDING, e.status());
    assertEquals(3, e.exampleCount());
    assertEquals(List.of(new ExperimentEvaluator(exact.evaluator().id(), 1L, Map.of())), e.evaluators());
    assertEquals("experiment-" + e.name(), f.projects.get(ALL, e.projectId(), null).name());
    ExperimentSummary s = f.runtime.runner().run(e.id(), ExperimentRunner.Listener.NONE);
    assertEquals(ExperimentStatus.COMPLETED, f.service.get(ALL, null, e.id()).status());
    assertEquals(6, s.expectedRuns());
    assertEquals(6, s.successfulRuns());
    assertEquals(0, s.missingRuns());
    EvaluatorSummary es = s.evaluators().getFirst();
    assertEquals(exact.evaluator().name(), es.name());
    assertEquals(4, es.passed());
    assertEquals(2, es.failed());
    assertEquals(4.0 / 6, es.meanScore(), 1e-9);
    var runs = f.service.runs(ALL, null, e.name(), PageRequest.first(100)).items();
    assertEquals(List.of(1, 2, 1, 2, 1, 2), runs.stream().map(r -> r.run().repetition()).toList());
    assertEquals("a", runs.getFirst().run().output());
    Evaluation ev = runs.getFirst().evaluations().getFirst();
    assertEquals(Evaluation.TargetKind.EXPERIMENT_RUN, ev.targetKind());
    assertEquals(runs.getFirst().run().id(), ev.targetId());
    assertEquals(Evaluation.Source.EXPERIMENT, ev.source());
    assertEquals(e.id(), ev.runId());
    assertEquals(e.projectId(), ev.projectId());
    // Each run has its trace (one CHAIN span) in the experiment's project, marked so tasks skip it.
    assertEquals(6, f.count("SELECT count(*) FROM spans WHERE project_id = ? AND span_kind = 'CHAIN'", e.projectId()));
    assertNotNull(runs.getFirst().run().traceId());
    GateResult gate = f.service.gate(ALL, null, e.id(), null,
        new GateRules(Map.of(es.name(), 0.6), null, Map.of(es.name(), 0.7)));
    assertFalse(gate.passed());
    assertTrue(gate.checks().get(0).passed());
    assertFalse(gate.checks().get(1).passed());
    assertEquals(6, gate.cases().size());
  }

  @Test
  void httpErrorsAreRunErrorsAndConcurrencyIsBounded() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/app", ex -> {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Thread.sleep(60);
        boolean bad = body.contains("\"question\":\"bad\"");
        String question = body.replaceAll(".*\"question\":\"([^\"]*)\".*", "$1");
        byte[] out = (bad ? "{\"error\":\"boom\"}" : "{\"answer\":\"" + question + "\"}")
            .getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(bad ? 500 : 200, out.length);
        ex.getResponseBody().write(out);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
        ex.close();
      }
    });
    server.start();
    try {
      List<String> questions = List.of("q0", "q1", "q2", "bad", "q4", "q5", "q6", "q7", "q8", "q9");
      Dataset ds = f.dataset(questions, questions);
      EvaluatorWithVersion exact = f.exactMatch();
      var task = new ExperimentTask.HttpTask("http://127.0.0.1:" + server.getAddress().getPort() + "/app", Map.of(),
          "$.answer", Duration.ofSeconds(5));
      Experiment e = f.service.prepare(ALL, f.spec(ds, task, 1, 3, exact));
      ExperimentSummary s = f.runtime.runner().run(e.id(), ExperimentRunner.Listener.NONE);
      assertTrue(maxInFlight.get() <= 3, "at most 3 at once, saw " + maxInFlight.get());
      assertTrue(maxInFlight.get() >= 2, "runs overlap, saw " + maxInFlight.get());
      assertEquals(9, s.successfulRuns());
      assertEquals(1, s.failedRuns());
      EvaluatorSummary es = s.evaluators().getFirst();
      assertEquals(9, es.passed() + es.failed(), "a failed run is neither a pass nor a fail");
      assertEquals(9, es.passed());
      RunResult bad = f.service.runs(ALL, null, e.id(), PageRequest.first(100)).items().get(3);
      assertTrue(bad.run().error().contains("HTTP 500"), bad.run().error());
      assertTrue(bad.evaluations().isEmpty());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aPromptTaskIsTracedAndAResumeDoesOnlyTheMissingWork() {
    ModelConfig model = f.modelConfig(ExperimentFixture.KEY);
    PromptVersion prompt = f.prompt("Answer the question: {question}");
    Dataset ds = f.dataset(List.of("one", "two", "three"), List.of("OK", "OK", "OK"));
    EvaluatorWithVersion judge = f.judge(model);
    var task = new ExperimentTask.PromptTask(prompt.id(), new ModelRef(model.id(), "fake-1", null));
    Experiment e = f.service.prepare(ALL, f.spec(ds, task, 1, 2, judge));
    f.fake.resetCounters();
    ExperimentSummary s = f.runtime.runner().run(e.id(), ExperimentRunner.Listener.NONE);
    assertEquals(6, f.fake.calls(), "3 task calls and 3 judge calls");
    assertEquals(3, s.successfulRuns());
    assertEquals(3, s.evaluators().getFirst().scored());
    assertTrue(s.totalTokens() > 0);
    var runs = f.service.runs(ALL, null, e.id(), PageRequest.first(10)).items();
    assertEquals("OK", runs.getFirst().run().output());
    assertEquals(3, f.count("SELECT count(*) FROM spans WHERE project_id = ? AND span_kind = 'LLM'", e.projectId()));
    assertEquals(1, f.count("SELECT count(*) FROM spans WHERE project_id = ? AND trace_id = ? AND span_kind = 'LLM'"
        + " AND model_name = 'fake-1' AND prompt_tokens > 0", e.projectId(), runs.getFirst().run().traceId()));

    // An interrupted run: the first run and its result never stored, the second run's result lost.
    String first = runs.get(0).run().id();
    String second = runs.get(1).run().id();
    f.execute("DELETE FROM evaluations WHERE target_id IN (?, ?)", first, second);
    f.execute("DELETE FROM experiment_runs WHERE id = ?", first);
    f.execute("UPDATE experiments SET status = 'RUNNING' WHERE id = ?", e.id());
    f.fake.resetCounters();
    s = f.runtime.runner().run(e.id(), ExperimentRunner.Listener.NONE);
    assertEquals(3, f.fake.calls(), "1 task call and 2 judge calls");
    assertEquals(3, s.successfulRuns());
    assertEquals(3, s.evaluators().getFirst().scored());
    assertEquals(ExperimentStatus.COMPLETED, f.service.get(ALL, null, e.id()).status());

    // Nothing is missing: running again calls nothing.
    f.execute("UPDATE experiments SET status = 'RUNNING' WHERE id = ?", e.id());
    f.fake.resetCounters();
    f.runtime.runner().run(e.id(), ExperimentRunner.Listener.NONE);
    assertEquals(0, f.fake.calls());
  }

  @Test
  void aRefusedKeyFailsTheExperimentWithTheReason() {
    ModelConfig model = f.modelConfig("sk-wrong");
    PromptVersion prompt = f.prompt("Answer: {question}");
    Dataset ds = f.dataset(List.of("one", "two"), List.of("OK", "OK"));
    var task = new ExperimentTask.PromptTask(prompt.id(), new ModelRef(model.id(), "fake-1", null));
    Experiment e = f.service.prepare(ALL, f.spec(ds, task, 1, 1));
    f.runtime.runner().run(e.id(), ExperimentRunner.Listener.NONE);
    Experiment failed = f.service.get(ALL, null, e.id());
    assertEquals(ExperimentStatus.FAILED, failed.status());
    assertNotNull(failed.failureReason());
    assertEquals(0, f.count("SELECT count(*) FROM experiment_runs WHERE experiment_id = ?", e.id()),
        "runs that never reached the model are left for the resume");
    Experiment resumed = f.service.resume(ALL, null, e.id());
    assertEquals(ExperimentStatus.PENDING, resumed.status());
    assertNull(resumed.failureReason());
  }

  @Test
  void badSpecsAreRejectedBeforeAnythingIsStored() {
    Dataset ds = f.dataset(List.of("a"), List.of("a"));
    long before = f.count("SELECT count(*) FROM experiments");
    var good = f.spec(ds, echo(), 1, 1);
    var e1 = assertThrows(NotFoundException.class, () -> f.service.start(ALL, new ExperimentSpec(null, "x", null,
        "no-such-dataset", null, null, echo(), null, 1, 1, null, null)));
    assertTrue(e1.getMessage().startsWith("dataset_id"), e1.getMessage());
    assertThrows(InvalidInputException.class, () -> f.service.start(ALL, withCounts(good, 0, 1)));
    assertThrows(InvalidInputException.class, () -> f.service.start(ALL, withCounts(good, 101, 1)));
    assertThrows(InvalidInputException.class, () -> f.service.start(ALL, withCounts(good, 1, 257)));
    var ftp = new ExperimentTask.HttpTask("ftp://example.com/x", null, null, null);
    var e2 = assertThrows(InvalidInputException.class, () -> f.service.start(ALL, new ExperimentSpec(null, "x", null,
        ds.name(), null, null, ftp, null, 1, 1, null, null)));
    assertTrue(e2.getMessage().startsWith("task.url"), e2.getMessage());
    var e3 = assertThrows(NotFoundException.class, () -> f.service.start(ALL, new ExperimentSpec(null, "x", null,
        ds.name(), null, null, echo(), List.of(new ExperimentEvaluator("no-such-evaluator", null, null)), 1, 1, null,
        null)));
    assertTrue(e3.getMessage().startsWith("evaluators[0].evaluator_id"), e3.getMessage());
    var prompt = new ExperimentTask.PromptTask("no-such-version", new ModelRef("no-such-config", null, null));
    var e4 = assertThrows(NotFoundException.class, () -> f.service.start(ALL, new ExperimentSpec(null, "x", null,
        ds.name(), null, null, prompt, null, 1, 1, null, null)));
    assertTrue(e4.getMessage().startsWith("task.prompt_version_id"), e4.getMessage());
    assertThrows(NotFoundException.class, () -> f.service.start(ALL, new ExperimentSpec(null, "x", null, ds.name(),
        "no-such-version", null, echo(), null, 1, 1, null, null)));
    assertEquals(before, f.count("SELECT count(*) FROM experiments"));
  }

  @Test
  void httpTaskHeadersAreSealedAtRest_andOpenedOnlyForTheRequest() throws Exception {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/app", ex -> {
      seen.add(String.valueOf(ex.getRequestHeaders().getFirst("X-Api-Key")));
      ex.getRequestBody().readAllBytes();
      byte[] out = "{\"answer\":\"a\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
    try {
      Dataset ds = f.dataset(List.of("a"), List.of("a"));
      var task = new ExperimentTask.HttpTask("http://127.0.0.1:" + server.getAddress().getPort() + "/app",
          Map.of("X-Api-Key", "task-secret-123"), "$.answer", Duration.ofSeconds(5));
      Experiment e = f.service.prepare(ALL, f.spec(ds, task, 1, 1, f.exactMatch()));
      String stored = f.store.database().jdbi().withHandle(h -> h.createQuery("SELECT "
          + f.store.dialect().jsonText("task") + " FROM experiments WHERE id = :id").bind("id", e.id())
          .mapTo(String.class).one());
      assertFalse(stored.contains("task-secret-123"), stored);
      assertTrue(stored.contains("sealed:v1:"), stored);
      assertTrue(((ExperimentTask.HttpTask) f.service.get(ALL, null, e.id()).task()).headers().get("X-Api-Key")
          .startsWith("sealed:v1:"), "the service hands out the sealed value; the API masks even that");

      ExperimentSummary s = f.runtime.runner().run(e.id(), ExperimentRunner.Listener.NONE);
      assertEquals(1, s.successfulRuns());
      assertEquals(List.of("task-secret-123"), seen);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void httpTasksIntoTheServersOwnNetwork_areRefusedUnlessAllowListed() {
    Dataset ds = f.dataset(List.of("a"), List.of("a"));
    long before = f.count("SELECT count(*) FROM experiments");
    for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/app", "http://[::1]:9/x")) {
      var task = new ExperimentTask.HttpTask(url, null, null, null);
      var e = assertThrows(dev.assay.shared.UnprocessableException.class, () -> f.service.start(ALL,
          new ExperimentSpec(null, ExperimentFixture.unique("x"), null, ds.name(), null, null, task, null, 1, 1, null,
              null)));
      assertTrue(e.getMessage().contains("refused") && e.getMessage().contains("ASSAY_ALLOWED_HOSTS="), e.getMessage());
    }
    assertEquals(before, f.count("SELECT count(*) FROM experiments"));
  }

  private static ExperimentSpec withCounts(ExperimentSpec s, int repetitions, int concurrency) {
    return new ExperimentSpec(s.spaceRef(), s.name(), s.description(), s.datasetRef(), s.datasetVersionRef(),
        s.splits(), s.task(), s.evaluatorRefs(), repetitions, concurrency, s.metadata(), s.labels());
  }

  @Test
  void startedExperimentsRunAsJobsAndCompareWithALabelledBaseline() {
    Dataset ds = f.dataset(List.of("a", "b", "c"), List.of("a", "b", "c"));
    EvaluatorWithVersion exact = f.exactMatch();
    var base = f.spec(ds, echo(), 1, 2, exact);
    base = new ExperimentSpec(null, base.name(), null, ds.id(), null, null, base.task(), base.evaluatorRefs(), 1, 2,
        null, List.of("main"));
    Experiment baseline = f.service.start(ALL, base);
    // The candidate answers "c" wrongly.
    var broken = new ExperimentTask.CommandTask(List.of("sh", "-c", "if grep -q '\"c\"'; then echo wrong; else cat; fi"),
        null, Duration.ofSeconds(10));
    var cand = f.spec(ds, broken, 1, 2, exact);
    Experiment candidate = f.service.start(ALL, cand);
    assertTrue(f.workers.runDueJobsNow() >= 2);
    assertEquals(ExperimentStatus.COMPLETED, f.service.get(ALL, null, baseline.id()).status());
    assertEquals(ExperimentStatus.COMPLETED, f.service.get(ALL, null, candidate.id()).status());
    Comparison c = f.service.compare(ALL, null, candidate.name(), "main");
    assertEquals(baseline.id(), c.baselineId());
    EvaluatorComparison ec = c.evaluators().getFirst();
    assertEquals(3, ec.pairs());
    assertEquals(3, ec.regressed(), "the candidate outputs nothing or 'wrong'");
    GateResult gate = f.service.gate(ALL, null, candidate.id(), "main",
        new GateRules(null, Map.of(exact.evaluator().name(), 0.1), null));
    assertFalse(gate.passed());
    assertThrows(InvalidInputException.class, () -> f.service.gate(ALL, null, candidate.id(), null,
        new GateRules(null, Map.of(exact.evaluator().name(), 0.1), null)));
    GateResult self = f.service.gate(ALL, null, baseline.id(), baseline.name(),
        new GateRules(Map.of(exact.evaluator().name(), 1.0), Map.of(exact.evaluator().name(), 0.0), null));
    assertTrue(self.passed(), self.checks().toString());
    assertEquals(2, f.service.list(ALL, null, ds.name(), null, PageRequest.first(10)).items().size());
    assertTrue(f.service.delete(ALL, null, candidate.id()));
    assertEquals(0, f.count("SELECT count(*) FROM evaluations WHERE run_id = ?", candidate.id()));
  }

  @Test
  void aCancelStopsNewRunsAndAResumeFinishesThem() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    var arrived = new java.util.concurrent.CountDownLatch(1);
    server.createContext("/slow", ex -> {
      ex.getRequestBody().readAllBytes();
      arrived.countDown();
      try {
        Thread.sleep(150);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
      byte[] out = "\"fine\"".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
    try {
      List<String> questions = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
      Dataset ds = f.dataset(questions, questions);
      var task = new ExperimentTask.HttpTask("http://127.0.0.1:" + server.getAddress().getPort() + "/slow", Map.of(),
          null, Duration.ofSeconds(5));
      Experiment e = f.service.prepare(ALL, f.spec(ds, task, 1, 1));
      List<long[]> progress = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      Thread runner = Thread.ofVirtual().start(() -> f.runtime.runner().run(e.id(),
          (runs, total, evals, evalTotal) -> progress.add(new long[] {runs, total})));
      assertTrue(arrived.await(10, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(ExperimentStatus.CANCELLED, f.service.cancel(ALL, null, e.id()).status());
      runner.join(Duration.ofSeconds(20));
      assertFalse(runner.isAlive());
      long stored = f.count("SELECT count(*) FROM experiment_runs WHERE experiment_id = ?", e.id());
      assertTrue(stored >= 1 && stored < 10, "stopped early after " + stored + " runs");
      assertEquals(ExperimentStatus.CANCELLED, f.service.get(ALL, null, e.id()).status());
      assertTrue(progress.stream().allMatch(p -> p[1] == 10));
      assertEquals(ExperimentStatus.PENDING, f.service.resume(ALL, null, e.id()).status());
      ExperimentSummary s = f.runtime.runner().run(e.id(), ExperimentRunner.Listener.NONE);
      assertEquals(10, s.successfulRuns());
      assertEquals("\"fine\"", f.service.runs(ALL, null, e.id(), PageRequest.first(1)).items().getFirst().run().output());
      assertEquals(ExperimentStatus.COMPLETED, f.service.get(ALL, null, e.id()).status());
      assertThrows(dev.assay.shared.ConflictException.class, () -> f.service.resume(ALL, null, e.id()));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void recordedExperimentsKeepTheClientsRunsAndColumns() {
    Dataset ds = f.dataset(List.of("a", "b"), List.of("a", "b"));
    List<String> ids = f.datasets.examples(ALL, ds.id(), f.datasets.version(ALL, null, ds.id(), null).id(), List.of())
        .stream().map(dev.assay.datasets.Example::id).toList();
    var t = java.time.Instant.parse("2026-03-01T10:00:00Z");
    ExperimentService.Recorded rec = f.service.record(ALL, null, ds.name(), ExperimentFixture.unique("rec"), List.of(
        new RecordedRun(ids.get(1), 0, "B", null, t, t.plusMillis(40), null, Map.of("eval.correct.score", 1)),
        new RecordedRun(ids.get(0), 0, null, "timeout", t, t.plusMillis(5), null, Map.of())));
    assertEquals(ExperimentStatus.COMPLETED, rec.experiment().status());
    assertNull(rec.experiment().task());
    assertEquals(2, rec.runIds().size());
    var runs = f.service.runs(ALL, null, rec.experiment().id(), PageRequest.first(10)).items();
    assertEquals(rec.runIds(), runs.stream().map(r -> r.run().id()).toList(), "input order");
    assertEquals(Map.of("eval.correct.score", 1), runs.getFirst().extra());
    assertEquals(40.0, runs.getFirst().run().latencyMs());
    List<String> more = f.service.appendRuns(ALL, null, rec.experiment().name(),
        List.of(new RecordedRun(ids.get(0), 2, "A", null, null, null, null, null)));
    assertEquals(1, more.size());
    ExperimentSummary s = f.service.summary(ALL, null, rec.experiment().id());
    assertEquals(2, s.successfulRuns());
    assertEquals(1, s.failedRuns());
    var bad = assertThrows(InvalidInputException.class, () -> f.service.appendRuns(ALL, null, rec.experiment().id(),
        List.of(new RecordedRun("not-an-example", 1, "x", null, null, null, null, null))));
    assertTrue(bad.getMessage().contains("not-an-example"), bad.getMessage());
    assertThrows(dev.assay.shared.ConflictException.class, () -> f.service.record(ALL, null, ds.name(),
        rec.experiment().name(), List.of()));
    Experiment labelled = f.service.setLabels(ALL, null, rec.experiment().id(), List.of("main", "main", " prod "));
    assertEquals(List.of("main", "prod"), labelled.labels());
    assertThrows(InvalidInputException.class, () -> f.service.setLabels(ALL, null, rec.experiment().id(),
        List.of(" ")));
  }

  @Test
  void aResumeWhileRunningDoesNoWorkTwice() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    var arrived = new java.util.concurrent.CountDownLatch(1);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/app", ex -> {
      ex.getRequestBody().readAllBytes();
      requests.incrementAndGet();
      arrived.countDown();
      try {
        Thread.sleep(40);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
      byte[] out = "ok".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
    try {
      List<String> questions = List.of("1", "2", "3", "4", "5", "6", "7", "8");
      Dataset ds = f.dataset(questions, questions);
      var task = new ExperimentTask.HttpTask("http://127.0.0.1:" + server.getAddress().getPort() + "/app", Map.of(),
          null, Duration.ofSeconds(5));
      Experiment e = f.service.prepare(ALL, f.spec(ds, task, 1, 1));
      Thread first = Thread.ofVirtual().start(() -> f.runtime.runner().run(e.id(), ExperimentRunner.Listener.NONE));
      assertTrue(arrived.await(10, java.util.concurrent.TimeUnit.SECONDS));
      // The resume's job runs next to the first run: it waits for it instead of redoing its pairs.
      assertEquals(ExperimentStatus.PENDING, f.service.resume(ALL, null, e.id()).status());
      f.workers.runDueJobsNow();
      first.join(Duration.ofSeconds(20));
      assertEquals(ExperimentStatus.COMPLETED, f.service.get(ALL, null, e.id()).status());
      Thread.sleep(2100); // the deferred job comes back and finds nothing missing
      f.workers.runDueJobsNow();
      assertEquals(8, requests.get());
      assertEquals(8, f.count("SELECT count(*) FROM experiment_runs WHERE experiment_id = ?", e.id()));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anEvaluatorDeletedBeforeTheRunFailsTheExperimentWithTheReason() {
    Dataset ds = f.dataset(List.of("a"), List.of("a"));
    EvaluatorWithVersion exact = f.exactMatch();
    Experiment e = f.service.start(ALL, f.spec(ds, echo(), 1, 1, exact));
    f.evaluators.delete(ALL, exact.evaluator().id(), null);
    f.workers.runDueJobsNow();
    Experiment failed = f.service.get(ALL, null, e.id());
    assertEquals(ExperimentStatus.FAILED, failed.status());
    assertTrue(failed.failureReason().contains("evaluators[0]"), failed.failureReason());
    assertEquals(1, f.count("SELECT count(*) FROM experiment_runs WHERE experiment_id = ?", e.id()),
        "the task ran; its run is kept for a resume");
  }
}
