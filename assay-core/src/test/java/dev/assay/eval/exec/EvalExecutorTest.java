package dev.assay.eval.exec;

import static dev.assay.eval.exec.ExecutorFixture.ALL;
import static dev.assay.eval.exec.ExecutorFixture.KEY;
import static dev.assay.eval.exec.ExecutorFixture.ref;
import static dev.assay.eval.exec.ExecutorFixture.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.eval.EvalEnvironment;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluationException;
import dev.assay.eval.ModelRef;
import dev.assay.llm.ModelConfig;
import dev.assay.llm.ModelLimits;
import dev.assay.testing.DuckDbExtension;
import dev.assay.testing.FakeJudge;
import dev.assay.testing.FakeModelServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The executor against the fake provider: pause, loop guard, cache, timeouts, budgets, accounting. */
class EvalExecutorTest {
  @RegisterExtension static final DuckDbExtension duckDb = new DuckDbExtension();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RunOptions OPTIONS = new RunOptions(Evaluation.Source.TASK, "run-1");

  private FakeModelServer fake;
  private ExecutorFixture fixture;
  private final List<EvalExecutor> executors = new ArrayList<>();

  @BeforeEach
  void start() {
    fake = FakeModelServer.create().requireApiKey(KEY).hangFor(Duration.ofSeconds(10)).start();
    fixture = new ExecutorFixture(duckDb.database());
  }

  @AfterEach
  void stop() {
    executors.forEach(EvalExecutor::close);
    fake.close();
  }

  private EvalExecutor executor(ExecutorSettings settings) {
    EvalExecutor executor = new EvalExecutor(fixture.gateway, fixture.configs, settings, Clock.systemUTC());
    executors.add(executor);
    return executor;
  }

  private static ExecutorSettings fast(int concurrency) {
    return ExecutorSettings.defaults().withConcurrency(concurrency).withCallTimeout(Duration.ofSeconds(2))
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(500));
  }

  private static List<WorkItem> items(FakeJudge judge, int n, String prefix) {
    return IntStream.range(0, n).mapToObj(i -> new WorkItem(subject(prefix + i, "question " + prefix + i, false), judge,
        "evaluator-1", 3L)).toList();
  }

  @Test
  void results_carryTheSubject_theEvaluator_andTheRun() throws Exception {
    ModelConfig config = fixture.config("judge", fake, KEY, null);
    EvalExecutor executor = executor(fast(8));
    FakeJudge judge = new FakeJudge(ref(config), executor.environment(ALL));
    ExecutorFixture.Collector sink = new ExecutorFixture.Collector();

    RunReport report = executor.run(items(judge, 5, "s").iterator(), OPTIONS, sink);

    assertEquals(new RunReport(5, 0, 0, null, List.of()), report);
    Evaluation e = sink.results.get(0);
    assertEquals("project-1", e.projectId());
    assertEquals(Evaluation.TargetKind.SPAN, e.targetKind());
    assertEquals("correctness", e.name());
    assertEquals("evaluator-1", e.evaluatorId());
    assertEquals(3L, e.evaluatorVersion());
    assertEquals("correct", e.label());
    assertEquals(1.0, e.score());
    assertEquals(Boolean.TRUE, e.passed());
    assertEquals(Evaluation.AnnotatorKind.LLM, e.annotatorKind());
    assertEquals(Evaluation.Source.TASK, e.source());
    assertEquals("run-1", e.runId());
    assertNull(e.error());
    JsonNode metadata = JSON.readTree(e.metadataJson());
    assertTrue(metadata.has("latency_ms"));
    assertEquals(1, metadata.path("attempts").asInt());
    assertTrue(metadata.path("prompt_tokens").asLong() > 0);
  }

  @Test
  void authFailure_pausesWithTheReason_andReturnsTheUnprocessedItems() {
    ModelConfig wrong = fixture.config("wrong-key", fake, "sk-not-the-key-777", null);
    EvalExecutor executor = executor(fast(4));
    FakeJudge judge = new FakeJudge(ref(wrong), executor.environment(ALL));
    ExecutorFixture.Collector sink = new ExecutorFixture.Collector();
    List<WorkItem> all = items(judge, 200, "a");

    RunReport report = executor.run(all.iterator(), OPTIONS, sink);

    assertTrue(report.paused());
    assertTrue(report.pausedReason().contains("401"), report.pausedReason());
    assertTrue(report.pausedReason().contains("wrong-key"), report.pausedReason());
    assertFalse(report.pausedReason().contains("sk-not-the-key-777"));
    assertEquals(0, sink.results.size(), "a paused item is not recorded as an error");
    assertEquals(200, report.unprocessed().size());
    assertEquals(Set.copyOf(all), Set.copyOf(report.unprocessed()));
    assertTrue(fake.calls() <= 8, "stopped dispatching after the first failures, not " + fake.calls() + " calls");
  }

  @Test
  void loopGuard_skipsSubjectsMadeByEvaluators() {
    ModelConfig config = fixture.config("judge", fake, KEY, null);
    EvalExecutor executor = executor(fast(4));
    FakeJudge judge = new FakeJudge(ref(config), executor.environment(ALL));
    ExecutorFixture.Collector sink = new ExecutorFixture.Collector();
    List<WorkItem> work = List.of(new WorkItem(subject("own-judge-call", "x", true), judge, null, null),
        new WorkItem(subject("user-span", "y", false), judge, null, null));

    RunReport report = executor.run(work.iterator(), OPTIONS, sink);

    assertEquals(1, report.skipped());
    assertEquals(1, report.succeeded());
    assertEquals(List.of("user-span"), sink.results.stream().map(Evaluation::targetId).toList());
    assertEquals(1, fake.calls());
  }

  @Test
  void sameRequest_isAnsweredFromTheCache_andFlagged() throws Exception {
    ModelConfig config = fixture.config("judge", fake, KEY, null);
    EvalExecutor executor = executor(fast(1));
    FakeJudge judge = new FakeJudge(ref(config), executor.environment(ALL));
    ExecutorFixture.Collector sink = new ExecutorFixture.Collector();
    // Two spans with the same target id text in the prompt → the same rendered request.
    WorkItem first = new WorkItem(subject("same", "same question", false), judge, null, null);
    WorkItem second = new WorkItem(subject("same", "same question", false), judge, null, null);

    executor.run(List.of(first, second).iterator(), OPTIONS, sink);

    assertEquals(1, fake.calls());
    assertEquals(2, sink.results.size());
    JsonNode cached = JSON.readTree(sink.results.get(1).metadataJson());
    assertTrue(cached.path("cached").asBoolean(), cached.toString());
    assertEquals(0, cached.path("attempts").asInt());
    assertEquals("correct", sink.results.get(1).label());
  }

  @Test
  void slowAnswers_withinTheTimeout_areNotRetried() throws Exception {
    fake.latency(p -> p.contains("slow-but-fine"), Duration.ofMillis(300));
    ModelConfig config = fixture.config("judge", fake, KEY, null);
    EvalExecutor executor = executor(fast(2).withCallTimeout(Duration.ofSeconds(2)));
    FakeJudge judge = new FakeJudge(ref(config), executor.environment(ALL));
    ExecutorFixture.Collector sink = new ExecutorFixture.Collector();

    executor.run(List.of(new WorkItem(subject("slow-but-fine", "q", false), judge, null, null)).iterator(), OPTIONS, sink);

    assertEquals(1, fake.calls());
    JsonNode metadata = JSON.readTree(sink.results.get(0).metadataJson());
    assertEquals(1, metadata.path("attempts").asInt());
    assertTrue(metadata.path("latency_ms").asLong() >= 300, metadata.toString());
  }

  @Test
  void hungCall_isAbandonedAtTheTimeout_andRetried() throws Exception {
    Set<String> hungOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
    fake.fault(p -> p.contains("slowpoke") && hungOnce.add("x"), FakeModelServer.Fault.HANG);
    ModelConfig config = fixture.config("judge", fake, KEY, null);
    EvalExecutor executor = executor(fast(2).withCallTimeout(Duration.ofMillis(500)));
    FakeJudge judge = new FakeJudge(ref(config), executor.environment(ALL));
    ExecutorFixture.Collector sink = new ExecutorFixture.Collector();

    long start = System.nanoTime();
    executor.run(List.of(new WorkItem(subject("slowpoke", "q", false), judge, null, null)).iterator(), OPTIONS, sink);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertEquals("correct", sink.results.get(0).label());
    assertEquals(2, JSON.readTree(sink.results.get(0).metadataJson()).path("attempts").asInt());
    assertTrue(ms >= 500 && ms < 5_000, ms + " ms");
  }

  @Test
  void errorsAreResults_withTheMessage_andTheRawResponse() throws Exception {
    fake.fault(p -> p.contains("garbled"), FakeModelServer.Fault.MALFORMED)
        .fault(p -> p.contains("broken"), FakeModelServer.Fault.SERVER_ERROR);
    ModelConfig config = fixture.config("judge", fake, KEY, null);
    EvalExecutor executor = executor(fast(2).withMaxAttempts(3));
    FakeJudge judge = new FakeJudge(ref(config), executor.environment(ALL));
    ExecutorFixture.Collector sink = new ExecutorFixture.Collector();

    RunReport report = executor.run(List.of(new WorkItem(subject("garbled", "q", false), judge, null, null),
        new WorkItem(subject("broken", "q", false), judge, null, null)).iterator(), OPTIONS, sink);

    assertEquals(2, report.failed());
    Evaluation garbled = sink.results.stream().filter(e -> e.targetId().equals("garbled")).findFirst().orElseThrow();
    assertTrue(garbled.error().contains("no label"), garbled.error());
    assertNull(garbled.label());
    assertNull(garbled.score());
    assertTrue(JSON.readTree(garbled.metadataJson()).path("raw_response").asText().contains("static"));
    Evaluation broken = sink.results.stream().filter(e -> e.targetId().equals("broken")).findFirst().orElseThrow();
    assertTrue(broken.error().contains("500") && broken.error().contains("after 3 attempts"), broken.error());
    assertEquals("SERVER_ERROR", JSON.readTree(broken.metadataJson()).path("error_kind").asText());
    assertEquals(3 + 1, fake.calls());
  }

  @Test
  void noModelConfigured_saysHowToConfigureOne() {
    EvalExecutor executor = executor(fast(2));
    EvalEnvironment env = executor.environment(ALL);
    EvaluationException none = assertThrows(EvaluationException.class, () -> env.chatModel(null));
    assertTrue(none.getMessage().contains("assay models create"), none.getMessage());
    assertTrue(none.getMessage().contains("/v2/ai-integrations"), none.getMessage());
    EvaluationException missing = assertThrows(EvaluationException.class,
        () -> env.chatModel(new ModelRef("no-such-config", "m", null)));
    assertTrue(missing.getMessage().contains("not found"), missing.getMessage());

    ExecutorFixture.Collector sink = new ExecutorFixture.Collector();
    FakeJudge judge = new FakeJudge(new ModelRef(null, "m", null), env);
    RunReport report = executor.run(items(judge, 3, "n").iterator(), OPTIONS, sink);
    assertEquals(3, report.failed());
    assertTrue(sink.results.stream().allMatch(e -> e.error().contains("assay models create")));
  }

  @Test
  void embedders_inProcessByDefault_elseTheProvidersEndpoint() throws Exception {
    ModelConfig config = fixture.config("embed", fake, KEY, null);
    EvalEnvironment env = executor(fast(2)).environment(ALL);

    assertEquals(dev.assay.llm.InProcessEmbedder.MODEL_ID, env.embedder(null).id());
    dev.assay.llm.Embedder provider = env.embedder(new ModelRef(config.id(), "embed-1", null));
    assertTrue(provider.id().contains(config.id()));
    assertEquals(1, provider.embed(List.of("hello world")).size());
  }

  @Test
  void budgets_keepUnderTheProvidersLimits() {
    // A 2-second "minute" on both sides keeps the test short: 10 requests per window, 40 requests.
    fake.limits(10, null).limitWindow(Duration.ofSeconds(2));
    ModelConfig config = fixture.config("limited", fake, KEY, new ModelLimits(10, null, null));
    EvalExecutor executor = new EvalExecutor(fixture.gateway, fixture.configs, fast(32), Clock.systemUTC(),
        () -> null, TimeUnit.MILLISECONDS.toNanos(2_050));
    executors.add(executor);
    FakeJudge judge = new FakeJudge(ref(config), executor.environment(ALL));
    ExecutorFixture.Collector sink = new ExecutorFixture.Collector();

    long start = System.nanoTime();
    RunReport report = executor.run(items(judge, 40, "b").iterator(), OPTIONS, sink);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertEquals(40, report.succeeded());
    assertTrue(fake.limitRejections() <= fake.calls() / 100, fake.limitRejections() + " of " + fake.calls());
    assertTrue(ms >= 6_000, "40 requests at 10 per 2 s window need at least 3 more windows, took " + ms + " ms");
  }

  @Test
  void tokenBudget_settlesToTheReportedUsage() {
    // Estimates (chars/4 + max_tokens 16) exceed real usage (completion ~2 tokens): settling frees the difference.
    fake.limits(null, 2_000L).limitWindow(Duration.ofSeconds(2));
    ModelConfig config = fixture.config("tpm", fake, KEY, new ModelLimits(null, 2_000L, null));
    EvalExecutor executor = new EvalExecutor(fixture.gateway, fixture.configs, fast(16), Clock.systemUTC(),
        () -> null, TimeUnit.MILLISECONDS.toNanos(2_050));
    executors.add(executor);
    FakeJudge judge = new FakeJudge("tpm", ref(config), executor.environment(ALL), 400);
    ExecutorFixture.Collector sink = new ExecutorFixture.Collector();

    RunReport report = executor.run(items(judge, 30, "t").iterator(), OPTIONS, sink);

    assertEquals(30, report.succeeded());
    assertEquals(0, fake.limitRejections());
  }

  @Test
  void everyItem_endsOnce_evenWhenTheEvaluatorThrowsUnexpectedly() {
    EvalExecutor executor = executor(fast(16));
    ExecutorFixture.Collector sink = new ExecutorFixture.Collector();
    dev.assay.eval.RunnableEvaluator flaky = new dev.assay.eval.RunnableEvaluator() {
      @Override
      public dev.assay.eval.EvaluatorSpec spec() {
        return FakeJudge.constant("x").spec();
      }

      @Override
      public dev.assay.eval.EvalOutcome evaluate(dev.assay.eval.Subject s) {
        if (s.targetId().hashCode() % 3 == 0) {
          throw new IllegalStateException("bug in evaluator");
        }
        return new dev.assay.eval.EvalOutcome("ok", 1.0, null, true, null);
      }
    };
    List<WorkItem> work = IntStream.range(0, 300).mapToObj(i -> new WorkItem(subject("c" + i, "q", false), flaky, null,
        null)).toList();

    RunReport report = executor.run(work.iterator(), OPTIONS, sink);

    Set<String> ids = new HashSet<>();
    sink.results.forEach(e -> assertTrue(ids.add(e.targetId()), "twice: " + e.targetId()));
    assertEquals(300, ids.size());
    assertEquals(300, report.succeeded() + report.failed());
    assertTrue(report.failed() > 50);
    assertTrue(sink.results.stream().filter(e -> e.error() != null).allMatch(e -> e.error().contains("bug in evaluator")
        && e.annotatorKind() == Evaluation.AnnotatorKind.CODE));
  }
}
