package dev.assay.tasks;

import static dev.assay.tasks.TaskEngineFixture.ALL;
import static dev.assay.tasks.TaskEngineFixture.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluationQuery;
import dev.assay.eval.EvaluatorWithVersion;
import dev.assay.jobs.Job;
import dev.assay.jobs.JobStatus;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelConfigUpdate;
import dev.assay.projects.Project;
import dev.assay.shared.ConflictException;
import dev.assay.shared.PageRequest;
import dev.assay.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backfill runs end to end over a real store: trigger → plan → chunk jobs on the work queue → results, with the
 * executor calling the fake model server. Runs against DuckDB and PostgreSQL.
 */
abstract class TaskRunsContract {
  private static final Duration WAIT = Duration.ofSeconds(120);

  protected abstract Database database();

  private TaskEngineFixture f;
  private Project project;
  private Instant now;
  private List<String> spanIds;

  @BeforeEach
  void setUp() {
    f = new TaskEngineFixture(database(), 1);
    project = f.project("tasks-" + System.nanoTime());
    now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    spanIds = f.spans(project, "a1", 25, now.minusSeconds(60));
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private TaskRun trigger(Task task, Boolean override, Long maxSpans) {
    return f.tasks.trigger(ALL, task.id(), new TriggerRequest(now.minus(Duration.ofHours(1)), now, maxSpans, override));
  }

  private List<Evaluation> results() {
    List<Evaluation> out = new ArrayList<>();
    String cursor = null;
    do {
      var page = f.store.evaluations().list(ALL, new EvaluationQuery(project.id(), null, null, null, null, null),
          new PageRequest(cursor, PageRequest.MAX_LIMIT));
      out.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return out;
  }

  @Test
  void run_goesPendingRunningCompleted_withExactCounts() throws Exception {
    ModelConfig config = f.modelConfig("judge", KEY);
    Task task = f.task(project, "both", 1.0, f.codeEvaluator("has_answer"), f.judge("correctness", config));

    TaskRun run = trigger(task, null, null);
    assertEquals(TaskRunStatus.PENDING, run.status());
    assertNull(run.numTargets());
    assertNotNull(f.tasks.get(ALL, task.id()).lastRunAt(), "triggering stamps the task's last run");

    f.pool(Map.of(TaskJobs.PLAN_RUN, f.runtime.jobHandlers().get(TaskJobs.PLAN_RUN))).runDueJobsNow();
    TaskRun planned = f.tasks.getRun(ALL, run.id());
    assertEquals(TaskRunStatus.RUNNING, planned.status());
    assertEquals(25L, planned.numTargets());
    assertEquals(3, planned.chunksTotal());
    assertEquals(0, planned.chunksDone());
    assertNotNull(planned.runStartedAt());

    TaskRun done = f.runUntilDone(run.id(), WAIT);
    assertEquals(TaskRunStatus.COMPLETED, done.status());
    assertEquals(50, done.numSuccesses(), "25 targets × 2 evaluators");
    assertEquals(0, done.numErrors());
    assertEquals(0, done.numSkipped());
    assertEquals(3, done.chunksDone());
    assertNotNull(done.runFinishedAt());
    assertNull(done.failureReason());

    List<Evaluation> results = results();
    assertEquals(50, results.size());
    assertTrue(results.stream().allMatch(e -> run.id().equals(e.runId()) && e.source() == Evaluation.Source.TASK
        && e.error() == null && e.evaluatorVersion() == 1L));
    assertEquals(Set.copyOf(spanIds), results.stream().filter(e -> e.name().equals("correctness"))
        .map(Evaluation::targetId).collect(Collectors.toSet()));
    assertEquals("correct", results.stream().filter(e -> e.name().equals("correctness")).findFirst().orElseThrow()
        .label());
    assertEquals(25, f.fake.answered(200), "one judge call per target");
  }

  @Test
  void chunkJob_runTwice_countsOnce_andCallsTheModelOnce() throws Exception {
    Task task = f.task(project, "judge", 1.0, f.judge("correctness", f.modelConfig("judge", KEY)));
    TaskRun run = trigger(task, null, null);
    f.pool(Map.of(TaskJobs.PLAN_RUN, f.runtime.jobHandlers().get(TaskJobs.PLAN_RUN))).runDueJobsNow();
    RunChunk chunk = f.store.tasks().findChunk(run.id(), 0).orElseThrow();
    Job job = chunkJob(task, run, chunk);

    f.runtime.jobHandlers().get(TaskJobs.EVALUATE).handle(job); // a worker that finished, then lost its lease …
    f.runtime.jobHandlers().get(TaskJobs.EVALUATE).handle(job); // … so another runs the chunk again
    TaskRun afterTwice = f.tasks.getRun(ALL, run.id());
    assertEquals(10, afterTwice.numSuccesses());
    assertEquals(1, afterTwice.chunksDone());
    assertEquals(10, f.fake.answered(200));

    TaskRun done = f.runUntilDone(run.id(), WAIT); // the queue's own job for chunk 0 runs a third time
    assertEquals(TaskRunStatus.COMPLETED, done.status());
    assertEquals(25, done.numSuccesses());
    assertEquals(0, done.numSkipped());
    assertEquals(25, f.fake.answered(200));
    assertEquals(25, results().size());
  }

  @Test
  void overlappingRuns_keepOneResultPerTarget() throws Exception {
    Task task = f.task(project, "judge", 1.0, f.judge("correctness", f.modelConfig("judge", KEY)));
    TaskRun first = trigger(task, null, null);
    TaskRun second = trigger(task, null, null);

    TaskRun a = f.runUntilDone(first.id(), WAIT);
    TaskRun b = f.runUntilDone(second.id(), WAIT);

    assertEquals(TaskRunStatus.COMPLETED, a.status());
    assertEquals(TaskRunStatus.COMPLETED, b.status());
    assertEquals(25, a.numSuccesses() + b.numSuccesses(), "each target evaluated once across both runs");
    assertEquals(25, a.numSkipped() + b.numSkipped(), "the other run skipped it");
    assertEquals(25, results().size());
    assertEquals(25, f.fake.answered(200));
  }

  @Test
  void secondRun_withoutOverride_isCancelledWithTheReason_override_evaluatesAgain() throws Exception {
    Task task = f.task(project, "judge", 1.0, f.judge("correctness", f.modelConfig("judge", KEY)));
    f.runUntilDone(trigger(task, null, null).id(), WAIT);

    TaskRun again = f.runUntilDone(trigger(task, false, null).id(), WAIT);
    assertEquals(TaskRunStatus.CANCELLED, again.status());
    assertTrue(again.failureReason().contains("all 25 matching targets already have results"), again.failureReason());
    assertTrue(again.failureReason().contains("override_evaluations"), again.failureReason());
    assertEquals(25, f.fake.answered(200));

    TaskRun override = f.runUntilDone(trigger(task, true, null).id(), WAIT);
    assertEquals(TaskRunStatus.COMPLETED, override.status());
    assertEquals(25, override.numSuccesses());
    assertEquals(50, f.fake.answered(200), "override evaluated every target again (the response cache is off)");
    List<Evaluation> results = results();
    assertEquals(25, results.size(), "still one result per target");
    assertTrue(results.stream().allMatch(e -> override.id().equals(e.runId())));
  }

  @Test
  void traceScopedRun_evaluatesEachTraceOnce() throws Exception {
    EvaluatorWithVersion traceCheck = f.evaluators.create(ALL, null, "trace_answer", null, "v1",
        new dev.assay.eval.CodeSpec("trace_answer", dev.assay.eval.SubjectKind.TRACE, null,
            dev.assay.eval.CodeCheck.CONTAINS_ANY_KEYWORD, List.of("output"), Map.of("keywords", List.of("answer")),
            0.5));
    Task task = f.task(project, "traces", 1.0, traceCheck);
    assertEquals(dev.assay.eval.SubjectKind.TRACE, task.scope());

    TaskRun done = f.runUntilDone(trigger(task, null, null).id(), WAIT);

    assertEquals(TaskRunStatus.COMPLETED, done.status());
    assertEquals(25, done.numSuccesses());
    List<Evaluation> results = results();
    assertEquals(25, results.size());
    assertTrue(results.stream().allMatch(e -> e.targetKind() == Evaluation.TargetKind.TRACE
        && Boolean.TRUE.equals(e.passed())));
    assertTrue(results.stream().allMatch(e -> e.targetId().length() == 32), "trace ids, not span ids");
  }

  @Test
  void maxSpans_plansTheNewestTargets() throws Exception {
    Task task = f.task(project, "code", 1.0, f.codeEvaluator("has_answer"));
    TaskRun done = f.runUntilDone(trigger(task, null, 7L).id(), WAIT);
    assertEquals(TaskRunStatus.COMPLETED, done.status());
    assertEquals(7L, done.numTargets());
    assertEquals(7, done.numSuccesses());
    assertEquals(Set.copyOf(spanIds.subList(18, 25)), results().stream().map(Evaluation::targetId)
        .collect(Collectors.toSet()));
  }

  @Test
  void sampling_picksTheSameTargetsEveryRun() throws Exception {
    f.spans(project, "b2", 175, now.minusSeconds(30));
    Task task = f.task(project, "sampled", 0.3, f.codeEvaluator("has_answer"));
    TaskRun first = f.runUntilDone(trigger(task, true, null).id(), WAIT);
    Set<String> firstTargets = targetsOf(first.id());
    TaskRun second = f.runUntilDone(trigger(task, true, null).id(), WAIT);
    Set<String> secondTargets = targetsOf(second.id());

    assertTrue(firstTargets.size() > 30 && firstTargets.size() < 90, "about 30% of 200: " + firstTargets.size());
    assertEquals(firstTargets, secondTargets);
    assertEquals(first.numTargets(), (long) firstTargets.size());
    for (String id : firstTargets) {
      assertTrue(Sampling.sampled(id, 0.3));
    }
  }

  @Test
  void cancel_stopsTheRemainingChunks_andACancelledRunCannotBeCancelledAgain() throws Exception {
    Task task = f.task(project, "judge", 1.0, f.judge("correctness", f.modelConfig("judge", KEY)));
    TaskRun run = trigger(task, null, null);
    f.pool(Map.of(TaskJobs.PLAN_RUN, f.runtime.jobHandlers().get(TaskJobs.PLAN_RUN))).runDueJobsNow();

    TaskRun cancelled = f.tasks.cancelRun(ALL, run.id());
    assertEquals(TaskRunStatus.CANCELLED, cancelled.status());
    f.runJobs();

    assertEquals(0, f.fake.calls(), "no chunk ran after the cancel");
    assertEquals(0, results().size());
    TaskRun after = f.tasks.getRun(ALL, run.id());
    assertEquals(TaskRunStatus.CANCELLED, after.status());
    assertNotNull(after.runFinishedAt());
    assertThrows(ConflictException.class, () -> f.tasks.cancelRun(ALL, run.id()));
  }

  @Test
  void deletedEvaluator_failsTheRun_withTheReason() throws Exception {
    EvaluatorWithVersion code = f.codeEvaluator("has_answer");
    Task task = f.task(project, "code", 1.0, code);
    f.evaluators.delete(ALL, code.evaluator().id(), null);

    TaskRun run = f.runUntilDone(trigger(task, null, null).id(), WAIT);
    assertEquals(TaskRunStatus.FAILED, run.status());
    assertTrue(run.failureReason().contains(code.evaluator().id()) && run.failureReason().contains("no longer exists"),
        run.failureReason());
    assertEquals(0, results().size());
  }

  @Test
  void chunkFailingOnItsLastAttempt_failsTheRun_withTheError() throws Exception {
    Task task = f.task(project, "code", 1.0, f.codeEvaluator("has_answer"));
    TaskRun run = trigger(task, null, null);
    f.pool(Map.of(TaskJobs.PLAN_RUN, f.runtime.jobHandlers().get(TaskJobs.PLAN_RUN))).runDueJobsNow();
    RunChunk chunk = f.store.tasks().findChunk(run.id(), 1).orElseThrow();
    Job lastAttempt = chunkJob(task, run, chunk);
    Job firstAttempt = new Job(lastAttempt.id(), lastAttempt.kind(), lastAttempt.payloadJson(), JobStatus.RUNNING, 0,
        1, 5, 0, "test", null, null, null, 0, 0, null);

    // The evaluators' versions become unreadable under the chunk (a database failure, not a missing evaluator).
    database().jdbi().useHandle(h -> h.execute("ALTER TABLE evaluator_versions RENAME TO evaluator_versions_away"));
    try {
      assertThrows(Exception.class, () -> f.runtime.jobHandlers().get(TaskJobs.EVALUATE).handle(firstAttempt));
      assertEquals(TaskRunStatus.RUNNING, f.tasks.getRun(ALL, run.id()).status(), "retries are left");
      assertThrows(Exception.class, () -> f.runtime.jobHandlers().get(TaskJobs.EVALUATE).handle(lastAttempt));
    } finally {
      database().jdbi().useHandle(h -> h.execute("ALTER TABLE evaluator_versions_away RENAME TO evaluator_versions"));
    }
    TaskRun failed = f.tasks.getRun(ALL, run.id());
    assertEquals(TaskRunStatus.FAILED, failed.status());
    assertTrue(failed.failureReason().startsWith("chunk 1 failed after 5 attempts"), failed.failureReason());
    assertNotNull(failed.runFinishedAt());
  }

  @Test
  void wrongKey_pausesTaskAndRun_fixingTheKeyResumes_withoutReEvaluatingFinishedTargets() throws Exception {
    ModelConfig config = f.modelConfig("judge", KEY);
    Task task = f.task(project, "judge", 1.0, f.judge("correctness", config));
    // The provider revokes the key at the 13th call (mid chunk 1, after 12 targets were evaluated).
    AtomicInteger calls = new AtomicInteger();
    f.fake.latency(p -> {
      if (calls.incrementAndGet() == 13) {
        f.fake.requireApiKey("sk-rotated-2");
      }
      return false;
    }, Duration.ZERO);
    TaskRun run = trigger(task, null, null);

    f.runJobs();

    Task paused = f.tasks.get(ALL, task.id());
    assertNotNull(paused.pausedReason());
    assertTrue(paused.pausedReason().contains("401"), paused.pausedReason());
    assertEquals(config.id(), paused.pausedConfigId());
    TaskRun waiting = f.tasks.getRun(ALL, run.id());
    assertEquals(TaskRunStatus.RUNNING, waiting.status());
    assertEquals(paused.pausedReason(), waiting.pausedReason());
    assertEquals(1, waiting.chunksDone());
    assertEquals(12, f.fake.answered(200));
    assertEquals(1, f.fake.answered(401));
    assertEquals(12, results().size(), "what finished before the pause is stored");

    Thread.sleep(f.settings.pauseRecheck().toMillis() * 3);
    f.runJobs();
    assertEquals(1, f.fake.answered(401), "a paused task's jobs wait without calling the model");

    f.configs.update(ALL, config.id(), null, new ModelConfigUpdate(null, null, Optional.of("sk-rotated-2"), null, null,
        null, null, null));
    assertNull(f.tasks.get(ALL, task.id()).pausedReason(), "the config change lifted the pause");
    TaskRun done = f.runUntilDone(run.id(), WAIT);

    assertEquals(TaskRunStatus.COMPLETED, done.status());
    assertNull(done.pausedReason());
    assertEquals(25, done.numSuccesses());
    assertEquals(0, done.numErrors());
    assertEquals(0, done.numSkipped());
    assertEquals(25, f.fake.answered(200), "no finished target was evaluated again");
    assertEquals(25, results().size());
  }

  @Test
  void continuousEvaluateJob_filtersAndSamples_andWaitsWhileItsTaskIsPaused() throws Exception {
    Task task = f.tasks.create(ALL, new TaskDraft("online", project.id(), null, null, "attributes.i >= 10", 0.5, true,
        List.of(new TaskEvaluatorRef(f.codeEvaluator("has_answer").evaluator().id(), null, null, null))));
    f.store.tasks().pause(task.id(), "provider answered 402", null, Instant.now());
    Job queued = f.store.jobs().enqueue(TaskPayloads.evaluate(new TaskJobs.Evaluate(task.id(), null, null, spanIds,
        false)));

    f.runJobs();
    Job waiting = f.store.jobs().find(queued.id()).orElseThrow();
    assertEquals(JobStatus.QUEUED, waiting.status(), "deferred, not failed");
    assertEquals(0, waiting.attempts(), "waiting used up no attempt");
    assertTrue(waiting.lastError().contains("provider answered 402"), waiting.lastError());
    assertEquals(0, results().size());

    f.tasks.resume(ALL, task.id());
    Thread.sleep(f.settings.pauseRecheck().toMillis() * 3);
    f.runJobs();

    Set<String> expected = spanIds.subList(10, 25).stream().filter(id -> Sampling.sampled(id, 0.5))
        .collect(Collectors.toSet());
    assertTrue(!expected.isEmpty() && expected.size() < 15, expected.toString());
    List<Evaluation> results = results();
    assertEquals(expected, results.stream().map(Evaluation::targetId).collect(Collectors.toSet()));
    assertTrue(results.stream().allMatch(e -> e.runId() == null && e.source() == Evaluation.Source.TASK));
    assertEquals(JobStatus.SUCCEEDED, f.store.jobs().find(queued.id()).orElseThrow().status());
  }

  @Test
  void count_matchesAndSamplesExactly() {
    TargetCount all = f.tasks.count(ALL, project.id(), null, null, 1.0, now.minus(Duration.ofHours(1)), now);
    assertEquals(new TargetCount(25, 25, true), all);
    TargetCount sampled = f.tasks.count(ALL, project.name(), null, "attributes.i >= 10", 0.5,
        now.minus(Duration.ofHours(1)), now);
    long expected = spanIds.subList(10, 25).stream().filter(id -> Sampling.sampled(id, 0.5)).count();
    assertEquals(new TargetCount(15, expected, true), sampled);
  }

  private Set<String> targetsOf(String runId) {
    Set<String> out = new HashSet<>();
    for (Evaluation e : results()) {
      if (runId.equals(e.runId())) {
        out.add(e.targetId());
      }
    }
    return out;
  }

  private static Job chunkJob(Task task, TaskRun run, RunChunk chunk) {
    String payload = TaskPayloads.write(new TaskJobs.Evaluate(task.id(), run.id(), chunk.chunkNo(), chunk.targetIds(),
        run.overrideEvaluations()));
    return new Job("job-" + chunk.chunkNo(), TaskJobs.EVALUATE, payload, JobStatus.RUNNING, 0, 5, 5, 0, "test", null,
        null, null, 0, 0, null);
  }
}
