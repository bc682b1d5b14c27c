package dev.assay.tasks;

import static dev.assay.tasks.TaskEngineFixture.ALL;
import static dev.assay.tasks.TaskEngineFixture.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.eval.CodeCheck;
import dev.assay.eval.CodeSpec;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluationQuery;
import dev.assay.eval.EvaluatorWithVersion;
import dev.assay.eval.SubjectKind;
import dev.assay.jobs.NewJob;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelConfigUpdate;
import dev.assay.projects.Project;
import dev.assay.shared.PageRequest;
import dev.assay.testing.DuckDbExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code tasks.ingested} over a real DuckDB store with the fake model server: span tasks evaluate at once and pause
 * on a revoked key (the rest waits in an evaluate job until the key is fixed), a paused task's new spans wait without
 * a model call, and trace tasks only mark their traces pending until the settle delay.
 */
class IngestedSpansHandlerTest {
  @RegisterExtension static final DuckDbExtension duckDb = new DuckDbExtension();

  private TaskEngineFixture f;
  private Project project;

  @BeforeEach
  void setUp() {
    f = new TaskEngineFixture(duckDb.database(), 1);
    project = f.project("ingest-" + UUID.randomUUID());
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private Task continuous(SubjectKind scope, EvaluatorWithVersion evaluator) {
    return f.tasks.create(ALL, new TaskDraft("continuous-" + UUID.randomUUID(), project.id(), null, scope, null, 1.0, true,
        List.of(new TaskEvaluatorRef(evaluator.evaluator().id(), null, null, null))));
  }

  /** The job the span writer would have enqueued for these spans (ids as {@link TaskEngineFixture#spans} makes them). */
  private void ingested(String prefix, int n) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(java.util.Arrays.asList(prefix + String.format("%030x", i), prefix + String.format("%014x", i), null));
    }
    f.store.jobs().enqueue(NewJob.of(TaskJobs.INGESTED, TaskPayloads.write(new TaskJobs.Ingested(project.id(), rows))));
  }

  private Set<String> results(Evaluation.TargetKind kind) {
    return f.store.evaluations().list(ALL, new EvaluationQuery(project.id(), kind, null, null, null, null),
        PageRequest.first(1000)).items().stream().map(Evaluation::targetId).collect(Collectors.toSet());
  }

  @Test
  void revokedKey_pausesTheTask_theRestWaitsForTheFix_finishedSpansAreNotEvaluatedAgain() throws Exception {
    ModelConfig config = f.modelConfig("judge", KEY);
    Task task = continuous(SubjectKind.SPAN, f.judge("correctness", config));
    List<String> spans = f.spans(project, "a", 25, Instant.now());
    AtomicInteger calls = new AtomicInteger();
    f.fake.latency(p -> {
      if (calls.incrementAndGet() == 13) {
        f.fake.requireApiKey("sk-rotated-2");
      }
      return false;
    }, Duration.ZERO);
    ingested("a", 25);

    f.runJobs();

    Task paused = f.tasks.get(ALL, task.id());
    assertNotNull(paused.pausedReason());
    assertTrue(paused.pausedReason().contains("401"), paused.pausedReason());
    assertEquals(12, results(Evaluation.TargetKind.SPAN).size(), "what finished before the pause is stored");
    Thread.sleep(f.settings.pauseRecheck().toMillis() * 3);
    f.runJobs();
    assertEquals(1, f.fake.answered(401), "the paused task's spans wait without calling the model");

    f.configs.update(ALL, config.id(), null, new ModelConfigUpdate(null, null, Optional.of("sk-rotated-2"), null, null,
        null, null, null));
    assertNull(f.tasks.get(ALL, task.id()).pausedReason());
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (results(Evaluation.TargetKind.SPAN).size() < 25 && System.nanoTime() < deadline) {
      f.runJobs();
      Thread.sleep(20);
    }
    assertEquals(Set.copyOf(spans), results(Evaluation.TargetKind.SPAN));
    assertEquals(25, f.fake.answered(200), "no finished span was evaluated again");
  }

  @Test
  void pausedTask_newSpansWaitInAnEvaluateJob_untilResumed() throws Exception {
    Task task = continuous(SubjectKind.SPAN, f.codeEvaluator("has_answer"));
    f.store.tasks().pause(task.id(), "provider said 401", null, Instant.now());
    List<String> spans = f.spans(project, "b", 5, Instant.now());
    ingested("b", 5);

    f.runJobs();
    assertEquals(Set.of(), results(Evaluation.TargetKind.SPAN), "evaluated while paused");

    f.tasks.resume(ALL, task.id());
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (results(Evaluation.TargetKind.SPAN).size() < 5 && System.nanoTime() < deadline) {
      f.runJobs();
      Thread.sleep(20);
    }
    assertEquals(Set.copyOf(spans), results(Evaluation.TargetKind.SPAN));
  }

  @Test
  void traceTask_marksTracesPending_dueAfterTheSettleDelay() {
    EvaluatorWithVersion traceCheck = f.evaluators.create(ALL, null, "trace_answer", null, "v1", new CodeSpec(
        "trace_answer", SubjectKind.TRACE, null, CodeCheck.CONTAINS_ANY_KEYWORD, List.of("output"),
        Map.of("keywords", List.of("answer")), null));
    Task task = continuous(SubjectKind.TRACE, traceCheck);
    f.spans(project, "c", 3, Instant.now());
    Instant before = Instant.now();
    ingested("c", 3);

    f.runJobs();

    assertEquals(Set.of(), results(Evaluation.TargetKind.TRACE), "a trace is not evaluated before it settles");
    List<NewJob> none = List.of();
    assertEquals(List.of(), f.store.tasks().takeDuePending(before.plus(f.settings.traceSettle()).minusMillis(1), 100,
        t -> none), "due before the settle delay");
    List<PendingTarget> due = f.store.tasks().takeDuePending(Instant.now().plus(f.settings.traceSettle()), 100,
        t -> none);
    assertEquals(Set.of("c" + "%030x".formatted(0), "c" + "%030x".formatted(1), "c" + "%030x".formatted(2)),
        due.stream().map(PendingTarget::targetId).collect(Collectors.toSet()));
    assertTrue(due.stream().allMatch(p -> p.taskId().equals(task.id())));
  }
}
