package dev.assay.server;

import static dev.assay.server.V2TestClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.eval.EvaluationQuery;
import dev.assay.eval.SubjectKind;
import dev.assay.jobs.JobStatus;
import dev.assay.server.v2.ApiIds;
import dev.assay.shared.PageRequest;
import dev.assay.tasks.Sampling;
import dev.assay.tasks.Task;
import dev.assay.tasks.TaskDraft;
import dev.assay.tasks.TaskEvaluatorRef;
import dev.assay.tasks.TaskType;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Continuous evaluation end to end: spans sent with the real OpenTelemetry SDK exporter (OTLP/HTTP) to a live server
 * get results from a continuous CODE-evaluator task with no manual step. The outbox job starts the work; traces wait
 * for the settle delay, sessions for the idle timeout (both shortened by config); evaluator-made spans are never
 * evaluated; sampling keeps exactly the targets {@link Sampling#sampled} keeps. One short subclass per database.
 */
abstract class ContinuousTasksContract extends LiveServerContract {
  // Short, yet longer than an export takes on a loaded 2-core machine: a trace or session must not settle between
  // two spans this test sends on purpose.
  static final Duration TRACE_SETTLE = Duration.ofSeconds(3);
  static final Duration SESSION_IDLE = Duration.ofSeconds(4);
  private static final AccessScope ALL = AccessScope.unrestricted();
  private static final AttributeKey<String> KIND = AttributeKey.stringKey("openinference.span.kind");

  private final String project = "continuous-" + UUID.randomUUID();
  private String projectId;
  private SdkTracerProvider provider;
  private Tracer tracer;

  /** The database under test, with the shortened task delays. */
  abstract dev.assay.config.AssayConfig database();

  @Override
  final dev.assay.config.AssayConfig config() {
    return database().withTaskDelays(TRACE_SETTLE, SESSION_IDLE);
  }

  @BeforeEach
  void projectAndExporter() {
    projectId = ApiIds.decode("Project", v2.createProject(project, null).get("id").asText());
    OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + server.server.port() + "/v1/traces").addHeader("x-project-name", project).build();
    provider = SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
    tracer = provider.get("continuous-test");
  }

  @AfterEach
  void closeExporter() {
    provider.close();
  }

  @Test
  void spanTask_evaluatesNewSpans_withoutAManualStep_andNeverEvaluatorSpans() throws Exception {
    continuousTask(SubjectKind.SPAN, 1.0, evaluator("has_digit", SubjectKind.SPAN));

    List<String> answers = List.of(llm("answer 42"), llm("no digits"), llm("7 days"));
    String marked = llm("judge said 1", "assay.evaluator", "true");
    Span judge = span("judge", "EVALUATOR", "score 1", Map.of());
    judge.end();
    String evaluatorKind = judge.getSpanContext().getSpanId();
    flush();

    Map<String, Evaluation> results = await(() -> results(Evaluation.TargetKind.SPAN), r -> r.size() >= 3);
    awaitQueueIdle();
    assertEquals(Set.copyOf(answers), results(Evaluation.TargetKind.SPAN).keySet(), "only the three LLM spans");
    assertEquals(Boolean.TRUE, results.get(answers.get(0)).passed());
    assertEquals(Boolean.FALSE, results.get(answers.get(1)).passed());
    assertEquals(Evaluation.Source.TASK, results.get(answers.get(2)).source());
    assertEquals(null, results.get(answers.get(2)).runId(), "continuous results belong to no run");
    assertFalse(results.containsKey(marked) || results.containsKey(evaluatorKind), "the loop guard let one through");
  }

  @Test
  void sampledTask_evaluatesExactlyTheSampledSpans() throws Exception {
    continuousTask(SubjectKind.SPAN, 0.5, evaluator("has_digit", SubjectKind.SPAN));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      ids.add(llm("answer " + i));
    }
    flush();
    Set<String> expected = ids.stream().filter(id -> Sampling.sampled(id, 0.5)).collect(Collectors.toSet());
    assertTrue(!expected.isEmpty() && expected.size() < ids.size(), "a 0.5 sample of 24 random ids: " + expected.size());

    await(() -> results(Evaluation.TargetKind.SPAN), r -> r.size() >= expected.size());
    awaitQueueIdle();
    assertEquals(expected, results(Evaluation.TargetKind.SPAN).keySet());
  }

  @Test
  void traceTask_waitsUntilTheTraceIsQuiet_andEvaluatesItOnce() throws Exception {
    continuousTask(SubjectKind.TRACE, 1.0, evaluator("trace_has_digit", SubjectKind.TRACE));
    llm("warm-up: the first export of a JVM is slow, and must not open a gap in the trace below");
    flush();
    Span root = tracer.spanBuilder("agent").setAttribute(KIND, "CHAIN").setAttribute("output.value", "42").startSpan();
    String traceId = root.getSpanContext().getTraceId();
    // A child every ~300 ms (plus the export): the trace never settles while it keeps receiving spans.
    for (int i = 0; i < 5; i++) {
      tracer.spanBuilder("step " + i).setParent(Context.root().with(root)).setAttribute(KIND, "LLM").startSpan().end();
      flush();
      assertFalse(results(Evaluation.TargetKind.TRACE).containsKey(traceId), "evaluated while spans still arrive");
      Thread.sleep(300);
    }
    Instant lastSent = Instant.now().truncatedTo(ChronoUnit.MICROS);
    root.end();
    flush();

    Evaluation result = await(() -> results(Evaluation.TargetKind.TRACE), r -> r.containsKey(traceId)).get(traceId);
    assertTrue(!result.createdAt().isBefore(lastSent.plus(TRACE_SETTLE)),
        "evaluated at " + result.createdAt() + ", before the trace was quiet for " + TRACE_SETTLE + " after " + lastSent);
    assertEquals(Boolean.TRUE, result.passed(), "the whole trace was evaluated: its root's output is 42");
    assertEquals(result.createdAt(), result.updatedAt(), "evaluated once");
  }

  @Test
  void sessionTask_waitsForTheIdleTimeout() throws Exception {
    continuousTask(SubjectKind.SESSION, 1.0, evaluator("session_has_digit", SubjectKind.SESSION));
    String session = "session-" + UUID.randomUUID();
    span("turn 1", "CHAIN", "first answer 1", Map.of("session.id", session)).end();
    flush();
    Thread.sleep(SESSION_IDLE.toMillis() / 4);
    assertFalse(results(Evaluation.TargetKind.SESSION).containsKey(session), "evaluated before the idle timeout");
    Instant lastSent = Instant.now().truncatedTo(ChronoUnit.MICROS);
    span("turn 2", "CHAIN", "second answer 2", Map.of("session.id", session)).end();
    flush();

    Evaluation result = await(() -> results(Evaluation.TargetKind.SESSION), r -> r.containsKey(session)).get(session);
    assertTrue(!result.createdAt().isBefore(lastSent.plus(SESSION_IDLE)),
        "evaluated at " + result.createdAt() + ", before the session was idle for " + SESSION_IDLE + " after " + lastSent);
  }

  // --- helpers ---------------------------------------------------------------------------------------------

  private String llm(String output, String... attributes) {
    Map<String, String> extra = attributes.length == 0 ? Map.of() : Map.of(attributes[0], attributes[1]);
    Span span = span("llm", "LLM", output, extra);
    span.end();
    return span.getSpanContext().getSpanId();
  }

  /** A new root span (its own trace), started; the caller ends it. */
  private Span span(String name, String kind, String output, Map<String, String> attributes) {
    var builder = tracer.spanBuilder(name).setNoParent().setAttribute(KIND, kind).setAttribute("input.value", "question")
        .setAttribute("output.value", output);
    attributes.forEach(builder::setAttribute);
    return builder.startSpan();
  }

  /** Sends everything ended so far; the receiver answers after the commit. */
  private void flush() {
    assertTrue(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess(), "the OTLP export failed");
  }

  private String evaluator(String name, SubjectKind granularity) {
    String spec = """
        {"kind": "CODE", "name": "%s", "granularity": "%s", "check": "MATCHES_REGEX", "variables": ["output"],
         "params": {"pattern": "[0-9]"}}""".formatted(name, granularity);
    String id = expect(201, server.client.post("/v2/evaluators", "{\"name\": \"" + name + "-" + UUID.randomUUID()
        + "\", \"version\": {\"spec\": " + spec + "}}")).get("id").asText();
    return ApiIds.decode("Evaluator", id);
  }

  private Task continuousTask(SubjectKind scope, double rate, String evaluatorId) {
    return server.server.tasks().service().create(ALL, new TaskDraft("continuous " + scope, project,
        TaskType.CODE_EVALUATION, scope, null, rate, true, List.of(new TaskEvaluatorRef(evaluatorId, null, null, null))));
  }

  private Map<String, Evaluation> results(Evaluation.TargetKind kind) {
    return server.server.store().evaluations()
        .list(ALL, new EvaluationQuery(projectId, kind, null, null, null, null), PageRequest.first(1000)).items().stream()
        .collect(Collectors.toMap(Evaluation::targetId, e -> e));
  }

  private static <T> T await(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    T value = read.get();
    while (!done.test(value)) {
      assertTrue(System.nanoTime() < deadline, "timed out; last seen: " + value);
      Thread.sleep(50);
      value = read.get();
    }
    return value;
  }

  /** Every job done: nothing queued or running (the handlers of this test's spans have finished). */
  private void awaitQueueIdle() throws InterruptedException {
    BooleanSupplier idle = () -> {
      Map<JobStatus, Long> counts = server.server.store().jobs().countByStatus();
      return counts.get(JobStatus.QUEUED) == 0 && counts.get(JobStatus.RUNNING) == 0;
    };
    await(idle::getAsBoolean, b -> b);
    assertEquals(0L, server.server.store().jobs().countByStatus().get(JobStatus.DEAD), "a job was dead-lettered");
  }
}
