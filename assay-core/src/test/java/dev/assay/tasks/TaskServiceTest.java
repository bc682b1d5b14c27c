package dev.assay.tasks;

import static dev.assay.tasks.TaskEngineFixture.ALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.eval.CodeCheck;
import dev.assay.eval.CodeSpec;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluationQuery;
import dev.assay.eval.EvaluatorWithVersion;
import dev.assay.eval.SubjectKind;
import dev.assay.projects.Project;
import dev.assay.shared.ConflictException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.PageRequest;
import dev.assay.shared.UnprocessableException;
import dev.assay.testing.DuckDbExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The task service's checks (a bad request changes nothing), trigger defaults and pause bookkeeping, over DuckDB. */
class TaskServiceTest {
  @RegisterExtension static final DuckDbExtension duckDb = new DuckDbExtension();

  private TaskEngineFixture f;
  private Project project;
  private EvaluatorWithVersion code;

  @BeforeEach
  void setUp() {
    f = new TaskEngineFixture(duckDb.database(), 4);
    project = f.project("svc");
    code = f.codeEvaluator("has_answer");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private TaskDraft draft(String name, SubjectKind scope, String filter, Double rate, TaskEvaluatorRef... refs) {
    return new TaskDraft(name, project.id(), null, scope, filter, rate, null, List.of(refs));
  }

  private static TaskEvaluatorRef ref(EvaluatorWithVersion e) {
    return new TaskEvaluatorRef(e.evaluator().id(), null, null, null);
  }

  private EvaluatorWithVersion traceCode(String name) {
    return f.evaluators.create(ALL, null, name, null, "v1", new CodeSpec(name, SubjectKind.TRACE, null,
        CodeCheck.CONTAINS_ANY_KEYWORD, List.of("output"), Map.of("keywords", List.of("answer")), null));
  }

  /** The call fails with exactly this class, a message containing {@code words}, and stores no task. */
  private <T extends Throwable> void refused(Class<T> type, String words, Executable call) {
    T e = assertThrows(type, call);
    assertEquals(type, e.getClass(), e.toString());
    assertTrue(e.getMessage().contains(words), e.getMessage());
    assertEquals(0, f.store.tasks().list(ALL, TaskQuery.ALL, PageRequest.firstDefault()).items().size());
  }

  @Test
  void create_derivesScopeTypeAndDefaults_andResolvesEvaluatorNames() {
    Task task = f.tasks.create(ALL, new TaskDraft(" nightly ", project.name(), null, null, " ", null, null,
        List.of(new TaskEvaluatorRef("has_answer", null, "span_kind = 'LLM'", Map.of("output", "input")))));
    assertEquals("nightly", task.name());
    assertEquals(SubjectKind.SPAN, task.scope());
    assertEquals(TaskType.CODE_EVALUATION, task.type());
    assertEquals(1.0, task.samplingRate());
    assertFalse(task.continuous());
    assertNull(task.queryFilter());
    assertEquals(List.of(new TaskEvaluatorRef(code.evaluator().id(), null, "span_kind = 'LLM'",
        Map.of("output", "input"))), task.evaluators());
    assertEquals(task, f.tasks.get(ALL, task.id()));
    Task judged = f.tasks.create(ALL, draft("judged", null, null, null, ref(f.judge("j", f.modelConfig("m", "k")))));
    assertEquals(TaskType.TEMPLATE_EVALUATION, judged.type());
  }

  @Test
  void create_refusesWhatDoesNotFit_andStoresNothing() {
    EvaluatorWithVersion other = f.codeEvaluator("other");
    String otherVersion = other.version().id();
    refused(InvalidInputException.class, "attached twice", () -> f.tasks.create(ALL, draft("t", null, null, null,
        ref(code), new TaskEvaluatorRef(code.evaluator().name(), null, null, null))));
    refused(UnprocessableException.class, "belongs to another evaluator", () -> f.tasks.create(ALL, draft("t", null,
        null, null, new TaskEvaluatorRef(code.evaluator().id(), otherVersion, null, null))));
    refused(UnprocessableException.class, "different scopes", () -> f.tasks.create(ALL, draft("t", null, null, null,
        ref(code), ref(traceCode("trace_check")))));
    refused(UnprocessableException.class, "scope is TRACE", () -> f.tasks.create(ALL, draft("t", SubjectKind.TRACE,
        null, null, ref(code))));
    refused(InvalidInputException.class, "query_filter does not parse", () -> f.tasks.create(ALL, draft("t", null,
        "span_kind = ", null, ref(code))));
    refused(InvalidInputException.class, "evaluators[0].query_filter", () -> f.tasks.create(ALL, draft("t", null, null,
        null, new TaskEvaluatorRef(code.evaluator().id(), null, "nope nope", null))));
    refused(InvalidInputException.class, "evaluators[0].column_mappings.q", () -> f.tasks.create(ALL, draft("t", null,
        null, null, new TaskEvaluatorRef(code.evaluator().id(), null, null, Map.of("q", "input.$[")))));
    refused(InvalidInputException.class, "sampling_rate must be between 0 and 1", () -> f.tasks.create(ALL, draft("t",
        null, null, 1.5, ref(code))));
    refused(InvalidInputException.class, "at least one evaluator", () -> f.tasks.create(ALL, draft("t", null, null,
        null)));
    refused(InvalidInputException.class, "name must not be blank", () -> f.tasks.create(ALL, draft(" ", null, null,
        null, ref(code))));
    refused(NotFoundException.class, "missing-evaluator", () -> f.tasks.create(ALL, draft("t", null, null, null,
        new TaskEvaluatorRef("missing-evaluator", null, null, null))));
    refused(NotFoundException.class, "no-such-project", () -> f.tasks.create(ALL, new TaskDraft("t",
        "no-such-project", null, null, null, null, null, List.of(ref(code)))));

    f.tasks.create(ALL, draft("t", null, null, null, ref(code)));
    assertThrows(ConflictException.class, () -> f.tasks.create(ALL, draft("t", null, null, null, ref(code))));
  }

  @Test
  void update_checksLikeCreate_andLiftsAPause() {
    Task task = f.tasks.create(ALL, draft("t", null, null, null, ref(code)));
    assertThrows(InvalidInputException.class, () -> f.tasks.update(ALL, task.id(),
        new TaskPatch(null, null, null, null, false, null)));
    assertThrows(UnprocessableException.class, () -> f.tasks.update(ALL, task.id(),
        new TaskPatch(null, null, null, null, false, List.of(ref(code), ref(traceCode("tc"))))));
    assertEquals(task, f.tasks.get(ALL, task.id()));

    f.store.tasks().pause(task.id(), "provider answered 401", "config-1", Instant.now());
    assertEquals("provider answered 401", f.tasks.get(ALL, task.id()).pausedReason());
    Task renamed = f.tasks.update(ALL, task.id(), new TaskPatch("renamed", 0.25, true, "span_kind = 'LLM'", false,
        null));
    assertEquals("renamed", renamed.name());
    assertEquals(0.25, renamed.samplingRate());
    assertTrue(renamed.continuous());
    assertEquals("span_kind = 'LLM'", renamed.queryFilter());
    assertNull(renamed.pausedReason(), "an update lifts the pause");
    Task cleared = f.tasks.update(ALL, task.id(), new TaskPatch(null, null, null, null, true, null));
    assertNull(cleared.queryFilter());
  }

  @Test
  void trigger_checksTheWindow_andStartsWhereTheLastRunEnded() {
    Task task = f.tasks.create(ALL, draft("t", null, null, null, ref(code)));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    assertTrue(assertThrows(InvalidInputException.class, () -> f.tasks.trigger(ALL, task.id(),
        new TriggerRequest(null, null, null, null))).getMessage().contains("data_start_time is required"));
    assertThrows(InvalidInputException.class, () -> f.tasks.trigger(ALL, task.id(),
        new TriggerRequest(now, now.minusSeconds(1), null, null)));
    assertTrue(assertThrows(InvalidInputException.class, () -> f.tasks.trigger(ALL, task.id(),
        new TriggerRequest(now.minus(Duration.ofDays(31)), now, null, null))).getMessage().contains("30 days"));
    assertTrue(assertThrows(InvalidInputException.class, () -> f.tasks.trigger(ALL, task.id(),
        new TriggerRequest(now.minusSeconds(60), now, 0L, null))).getMessage().contains("max_spans"));
    assertThrows(InvalidInputException.class, () -> f.tasks.trigger(ALL, task.id(),
        new TriggerRequest(now.minusSeconds(60), now, 1_000_001L, null)));
    assertEquals(0, f.store.tasks().listRuns(ALL, new TaskRunQuery(task.id(), null), PageRequest.firstDefault())
        .items().size());

    TaskRun first = f.tasks.trigger(ALL, task.id(), new TriggerRequest(now.minusSeconds(3600), now.minusSeconds(60),
        null, null));
    assertEquals(TriggerRequest.DEFAULT_MAX_SPANS, first.maxSpans());
    assertFalse(first.overrideEvaluations());
    TaskRun next = f.tasks.trigger(ALL, task.id(), new TriggerRequest(null, null, 5L, true));
    assertEquals(first.dataEnd(), next.dataStart());
    assertNotNull(next.dataEnd());
    assertEquals(List.of(next.id(), first.id()), f.tasks.listRuns(ALL, task.id(), null, PageRequest.firstDefault())
        .items().stream().map(TaskRun::id).toList());
  }

  @Test
  void resumePausedBy_liftsOnlyTheTasksThatConfigPaused() {
    Task a = f.tasks.create(ALL, draft("a", null, null, null, ref(code)));
    Task b = f.tasks.create(ALL, draft("b", null, null, null, ref(code)));
    Task c = f.tasks.create(ALL, draft("c", null, null, null, ref(code)));
    f.store.tasks().pause(a.id(), "401", "config-a", Instant.now());
    f.store.tasks().pause(b.id(), "401", "config-a", Instant.now());
    f.store.tasks().pause(c.id(), "402", "config-c", Instant.now());

    assertEquals(2, f.tasks.resumePausedBy("config-a"));
    assertNull(f.tasks.get(ALL, a.id()).pausedReason());
    assertNull(f.tasks.get(ALL, b.id()).pausedReason());
    assertEquals("402", f.tasks.get(ALL, c.id()).pausedReason());
    assertEquals(0, f.tasks.resumePausedBy("config-a"));
    assertNull(f.tasks.resume(ALL, c.id()).pausedReason());
  }

  @Test
  void columnMappings_overrideTheEvaluatorsOwn_whenTheRunEvaluates() throws Exception {
    // The check looks for "question" in `output`; mapped to the span's input it finds it, unmapped it does not.
    EvaluatorWithVersion asks = f.evaluators.create(ALL, null, "asks", null, "v1", new CodeSpec("asks",
        SubjectKind.SPAN, null, CodeCheck.CONTAINS_ANY_KEYWORD, List.of("output"),
        Map.of("keywords", List.of("question")), 0.5));
    Instant now = Instant.now();
    f.spans(project, "c3", 5, now.minusSeconds(30));
    Task mapped = f.tasks.create(ALL, draft("mapped", null, null, null,
        new TaskEvaluatorRef(asks.evaluator().id(), null, null, Map.of("output", "input"))));

    TaskRun run = f.runUntilDone(f.tasks.trigger(ALL, mapped.id(), new TriggerRequest(now.minusSeconds(600), now,
        null, null)).id(), Duration.ofSeconds(120));

    assertEquals(TaskRunStatus.COMPLETED, run.status());
    assertEquals(5, run.numSuccesses());
    List<Evaluation> results = f.store.evaluations().list(ALL, new EvaluationQuery(project.id(), null, null, "asks",
        null, run.id()), PageRequest.firstDefault()).items();
    assertEquals(5, results.size());
    assertTrue(results.stream().allMatch(e -> Boolean.TRUE.equals(e.passed())), results.toString());
  }
}
