package dev.assay.store;

import static dev.assay.store.SpanFixtures.span;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.eval.Evaluation.AnnotatorKind;
import dev.assay.eval.Evaluation.Source;
import dev.assay.eval.Evaluation.TargetKind;
import dev.assay.projects.Project;
import dev.assay.query.FilterParser;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.spaces.Space;
import dev.assay.traces.Session;
import dev.assay.traces.SessionDetail;
import dev.assay.traces.SessionQuery;
import dev.assay.traces.SessionSummary;
import dev.assay.traces.Span;
import dev.assay.traces.SpanDeletion;
import dev.assay.traces.Trace;
import dev.assay.traces.TraceQuery;
import dev.assay.traces.TraceStore;
import dev.assay.traces.TraceSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TraceStore}: trace and session lists (order, keyset pages, window, "any span matches" filters,
 * roll-ups, root input/output, evaluations, span caps), reads by id, and deletes that recompute the
 * roll-ups from the remaining spans and remove what is left empty, within the project and scope.
 *
 * <p>Data: session {@code s1} holds traces {@code t1} (every span carries the session) and {@code t2}
 * (only its root does); {@code t3} has no session; {@code t4} is session {@code s2}'s only trace and
 * starts together with {@code t3}.
 */
public abstract class TraceQueryContract extends StoreContract {
  private static final AccessScope ALL = AccessScope.unrestricted();
  private static final long T0 = 1_767_225_600_000_000L;
  private static final long END = T0 + 1_000_000_000L;

  private Project project;
  private Project other;

  private TraceStore traces() {
    return store().traces();
  }

  @BeforeEach
  void writeSpans() throws Exception {
    project = store().projects().create(ALL, Space.DEFAULT_ID, "traces-" + UUID.randomUUID(), null);
    other = store().projects().create(ALL, Space.DEFAULT_ID, "traces-other-" + UUID.randomUUID(), null);
    String p = project.id();
    write(List.of(
        span(p, "t1", "a1").name("turn-1").times(T0, T0 + 500).session("s1", "u1").io("question 1", "answer 1").build(),
        span(p, "t1", "a2").parent("a1").times(T0 + 100, T0 + 200).session("s1", "u1").llm(10, 5, 0.001).build(),
        span(p, "t1", "a3").parent("a1").times(T0 + 300, T0 + 400).session("s1", "u1").error("boom").build(),
        span(p, "t2", "b1").name("turn-2").times(T0 + 1000, T0 + 1500).session("s1", "u1").io("question 2", "answer 2").build(),
        span(p, "t2", "b2").name("lookup").parent("b1").times(T0 + 1100, T0 + 1200).llm(1, 1, 0.5).build(),
        span(p, "t3", "c1").times(T0 + 2000, T0 + 2500).build(),
        span(p, "t3", "c2").parent("c1").times(T0 + 2100, T0 + 2200).build(),
        span(p, "t4", "d1").times(T0 + 2000, T0 + 2100).session("s2", null).error("down").build(),
        span(other.id(), "t1", "a1").times(T0, T0 + 10).session("s1", null).build()));
    store().evaluations().upsert(ALL, List.of(
        evaluation(TargetKind.TRACE, "t1", "quality"),
        evaluation(TargetKind.SPAN, "a1", "correctness"),
        evaluation(TargetKind.SPAN, "a2", "hallucination"),
        evaluation(TargetKind.SESSION, "s1", "satisfaction"),
        evaluation(TargetKind.SESSION, "s2", "frustration")));
  }

  private Evaluation evaluation(TargetKind kind, String target, String name) {
    return new Evaluation(null, project.id(), kind, target, name, null, null, null, "good", 1.0, null, AnnotatorKind.HUMAN,
        Source.API, null, null, null, null, null);
  }

  private void write(List<Span> spans) throws Exception {
    try (BatchingWriter<Span> writer =
        new BatchingWriter<>("spans", database().jdbi(), new JdbcSpanSink(dialect(), clock), WriterSettings.DEFAULTS, clock)) {
      writer.submit(new ArrayList<>(spans)).get(30, SECONDS);
    }
  }

  private Page<Trace> list(AccessScope scope, long start, long end, String filter, String cursor, int limit, boolean spans) {
    return traces().listTraces(scope, new TraceQuery(project.id(), start, end,
        filter == null ? null : FilterParser.parse(filter), cursor, limit, spans));
  }

  private List<String> traceIds(String filter) {
    return traceIds(list(ALL, T0, END, filter, null, 50, false));
  }

  private static List<String> traceIds(Page<Trace> page) {
    return page.items().stream().map(t -> t.summary().traceId()).toList();
  }

  private Page<Session> sessions(String filter, String cursor, int limit) {
    return traces().listSessions(ALL, new SessionQuery(project.id(), T0, END,
        filter == null ? null : FilterParser.parse(filter), cursor, limit));
  }

  private static List<String> sessionIds(Page<Session> page) {
    return page.items().stream().map(s -> s.summary().sessionId()).toList();
  }

  private static List<String> names(List<Evaluation> evaluations) {
    return evaluations.stream().map(Evaluation::name).toList();
  }

  private List<String> evaluationsOf(TargetKind kind, String target) {
    return names(store().evaluations().listForTarget(ALL, project.id(), kind, target));
  }

  @Test
  void listTraces_newestFirst_withRollUpRootInputOutputEvaluationsAndSpans() {
    Page<Trace> page = list(ALL, T0, END, null, null, 50, true);
    assertEquals(List.of("t4", "t3", "t2", "t1"), traceIds(page), "equal starts are ordered by trace id, descending");
    assertFalse(page.hasMore());

    Trace t1 = page.items().get(3);
    TraceSummary s = t1.summary();
    assertEquals("a1", s.rootSpanId());
    assertEquals("turn-1", s.rootSpanName());
    assertEquals(T0, s.startTime());
    assertEquals(T0 + 500, s.endTime());
    assertEquals(3, s.spanCount());
    assertEquals(1, s.errorCount());
    assertEquals(15, s.totalTokens());
    assertEquals(0.001, s.costTotal(), 1e-12);
    assertEquals("s1", s.sessionId());
    assertEquals("question 1", t1.input());
    assertEquals("answer 1", t1.output());
    assertEquals(List.of("quality", "correctness"), names(t1.evaluations()),
        "the trace's own results, then the root span's; a child span's are not the trace's");
    assertEquals(List.of("a1", "a2", "a3"), t1.spans().stream().map(Span::spanId).toList());
    assertFalse(t1.spansTruncated());
    assertEquals(List.of(), page.items().get(1).evaluations());
  }

  @Test
  void listTraces_pagesThroughEveryTraceOnce() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<Trace> page = list(ALL, T0, END, null, cursor, 1, true);
      seen.addAll(traceIds(page));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 10);
    assertEquals(List.of("t4", "t3", "t2", "t1"), seen);
    assertEquals(4, pages);
  }

  @Test
  void listTraces_filterMatchesATraceThroughAnyOfItsSpans() {
    assertEquals(List.of("t2", "t1"), traceIds("span_kind = 'LLM'"), "LLM spans are children");
    assertEquals(List.of("t4", "t1"), traceIds("status_code = 'ERROR'"));
    assertEquals(List.of("t2"), traceIds("name = 'lookup'"));
    assertEquals(List.of(), traceIds("name = 'nothing'"));
    Page<Trace> filtered = list(ALL, T0, END, "span_kind = 'LLM'", null, 50, true);
    assertEquals(3, filtered.items().get(1).spans().size(), "a filtered trace still carries all its spans");
  }

  @Test
  void listTraces_windowHoldsTracesStartingInIt_andWithoutSpansWhenAsked() {
    assertEquals(List.of("t2"), traceIds(list(ALL, T0 + 1000, T0 + 2000, null, null, 50, true)));
    assertEquals(List.of("t2", "t1"), traceIds(list(ALL, T0, T0 + 2000, null, null, 50, true)));
    assertEquals(List.of(), traceIds(list(ALL, T0 + 2001, END, null, null, 50, true)));
    Trace bare = list(ALL, T0, END, null, null, 50, false).items().get(3);
    assertEquals(List.of(), bare.spans());
    assertFalse(bare.spansTruncated());
    assertEquals("question 1", bare.input(), "root input is there without spans");
  }

  @Test
  void listTraces_capsSpansPerTrace_getTraceReadsThemAll() throws Exception {
    write(SpanFixtures.trace(project.id(), "big", TraceStore.LIST_SPAN_CAP + 2, 300));
    Trace listed = list(ALL, T0 - 1, END, "trace_id = 'big'", null, 50, true).items().getFirst();
    assertEquals(TraceStore.LIST_SPAN_CAP, listed.spans().size());
    assertTrue(listed.spansTruncated());
    assertEquals(String.format("%016x", 1), listed.spans().getFirst().spanId(), "the earliest spans are kept");
    Trace whole = traces().getTrace(ALL, project.id(), "big").orElseThrow();
    assertEquals(TraceStore.LIST_SPAN_CAP + 2, whole.spans().size());
    assertFalse(whole.spansTruncated());
  }

  @Test
  void listTraces_rejectsABadCursorAndLimit() {
    assertThrows(InvalidInputException.class, () -> list(ALL, T0, END, null, "bad!", 10, true));
    assertThrows(InvalidInputException.class, () -> list(ALL, T0, END, null, null, TraceQuery.MAX_LIMIT + 1, true));
    assertThrows(InvalidInputException.class, () -> list(ALL, END, T0, null, null, 10, true));
  }

  @Test
  void getTrace_readsOneTraceOfTheProject_withinTheScope() {
    Trace t2 = traces().getTrace(ALL, project.id(), "t2").orElseThrow();
    assertEquals(List.of("b1", "b2"), t2.spans().stream().map(Span::spanId).toList());
    assertEquals("question 2", t2.input());
    assertTrue(traces().getTrace(ALL, project.id(), "nope").isEmpty());
    assertEquals(1, traces().getTrace(ALL, other.id(), "t1").orElseThrow().summary().spanCount(), "the other project's t1");
    assertTrue(traces().getTrace(AccessScope.spaces(Set.of()), project.id(), "t2").isEmpty());
    assertTrue(traces().getTrace(AccessScope.spaces(Set.of(UUID.randomUUID().toString())), project.id(), "t2").isEmpty());
    assertEquals(List.of(), traceIds(list(AccessScope.spaces(Set.of()), T0, END, null, null, 50, true)));
  }

  @Test
  void traceOfSpan_findsTheTraceHoldingASpanId() {
    assertEquals("t2", traces().traceOfSpan(ALL, project.id(), "b2").orElseThrow());
    assertTrue(traces().traceOfSpan(ALL, project.id(), "zz").isEmpty());
    assertTrue(traces().traceOfSpan(AccessScope.spaces(Set.of()), project.id(), "b2").isEmpty());
  }

  @Test
  void listSessions_newestFirst_withRollUpsAndEvaluations_filteredThroughAnySpanOfTheirTraces() {
    Page<Session> page = sessions(null, null, 50);
    assertEquals(List.of("s2", "s1"), sessionIds(page));
    SessionSummary s1 = page.items().get(1).summary();
    assertEquals("u1", s1.userId());
    assertEquals("question 1", s1.firstInput());
    assertEquals("answer 2", s1.lastOutput());
    assertEquals(T0, s1.startTime());
    assertEquals(2, s1.traceCount());
    assertEquals(4, s1.spanCount(), "spans carrying the session id");
    assertEquals(1, s1.errorCount());
    assertEquals(15, s1.totalTokens());
    assertEquals(List.of("satisfaction"), names(page.items().get(1).evaluations()));

    assertEquals(List.of("s1"), sessionIds(sessions("name = 'lookup'", null, 50)), "b2 carries no session id; its trace does");
    assertEquals(List.of("s2", "s1"), sessionIds(sessions("status_code = 'ERROR'", null, 50)));
    assertEquals(List.of(), sessionIds(sessions("trace_id = 't3'", null, 50)));

    Page<Session> first = sessions(null, null, 1);
    assertEquals(List.of("s2"), sessionIds(first));
    Page<Session> second = sessions(null, first.nextCursor(), 1);
    assertEquals(List.of("s1"), sessionIds(second));
    assertFalse(second.hasMore());
    assertThrows(InvalidInputException.class, () -> sessions(null, "bad!", 1));
  }

  @Test
  void getSession_listsItsTracesOldestFirst_withoutSpans() {
    SessionDetail s1 = traces().getSession(ALL, project.id(), "s1").orElseThrow();
    assertEquals(List.of("t1", "t2"), s1.traces().stream().map(t -> t.summary().traceId()).toList());
    assertEquals(List.of("question 1", "question 2"), s1.traces().stream().map(Trace::input).toList());
    assertTrue(s1.traces().stream().allMatch(t -> t.spans().isEmpty()));
    assertEquals(List.of("satisfaction"), names(s1.session().evaluations()));
    assertTrue(traces().getSession(ALL, project.id(), "nope").isEmpty());
    assertTrue(traces().getSession(AccessScope.spaces(Set.of()), project.id(), "s1").isEmpty());
  }

  @Test
  void deleteSpans_recomputesTraceAndSessionRollUps_andRemovesTheDeletedSpansEvaluations() {
    SpanDeletion result = traces().deleteSpans(ALL, project.id(), List.of("a3", "nope", "a1"), T0, END);
    assertEquals(List.of("a3", "a1"), result.deletedSpanIds());
    assertEquals(List.of("nope"), result.notDeletedSpanIds());

    TraceSummary t1 = store().spans().findTrace(ALL, project.id(), "t1").orElseThrow();
    assertEquals(1, t1.spanCount());
    assertEquals(0, t1.errorCount());
    assertNull(t1.rootSpanId(), "the root went");
    assertNull(t1.rootSpanName());
    assertEquals(T0 + 100, t1.startTime());
    assertEquals(T0 + 200, t1.endTime());
    assertEquals(15, t1.totalTokens());
    assertEquals(10, t1.promptTokens());
    assertEquals(0.001, t1.costTotal(), 1e-12);
    assertEquals("s1", t1.sessionId());
    assertEquals(List.of(), evaluationsOf(TargetKind.SPAN, "a1"));
    assertEquals(List.of("hallucination"), evaluationsOf(TargetKind.SPAN, "a2"));
    assertEquals(List.of("quality"), evaluationsOf(TargetKind.TRACE, "t1"), "the trace still has a span");

    SessionSummary s1 = store().spans().findSession(ALL, project.id(), "s1").orElseThrow();
    assertEquals(2, s1.spanCount());
    assertEquals(0, s1.errorCount());
    assertEquals(2, s1.traceCount());
    assertEquals("question 2", s1.firstInput(), "t1 lost its root, so t2's is the first");
    assertEquals(T0 + 100, s1.startTime());
    assertEquals(1, store().spans().findTrace(ALL, other.id(), "t1").orElseThrow().spanCount(), "other projects untouched");
  }

  @Test
  void deleteSpans_removesATraceAndSessionLeftEmpty_andKeepsSpansOutsideTheWindow() {
    SpanDeletion outside = traces().deleteSpans(ALL, project.id(), List.of("d1"), T0 + 2001, END);
    assertEquals(List.of("d1"), outside.notDeletedSpanIds());

    assertEquals(List.of("d1"), traces().deleteSpans(ALL, project.id(), List.of("d1"), T0, END).deletedSpanIds());
    assertTrue(store().spans().findTrace(ALL, project.id(), "t4").isEmpty());
    assertTrue(store().spans().findSession(ALL, project.id(), "s2").isEmpty());
    assertEquals(List.of(), evaluationsOf(TargetKind.SESSION, "s2"));
    assertEquals(List.of("t3", "t2", "t1"), traceIds((String) null));
    assertEquals(List.of("s1"), sessionIds(sessions(null, null, 50)));
  }

  @Test
  void deleteTrace_removesItsSpansRollUpAndEvaluations_andRecomputesItsSession() {
    assertTrue(traces().deleteTrace(ALL, project.id(), "t1"));
    assertTrue(store().spans().listTrace(ALL, project.id(), "t1").isEmpty());
    assertTrue(store().spans().findTrace(ALL, project.id(), "t1").isEmpty());
    assertEquals(List.of(), evaluationsOf(TargetKind.TRACE, "t1"));
    assertEquals(List.of(), evaluationsOf(TargetKind.SPAN, "a1"));
    assertEquals(List.of(), evaluationsOf(TargetKind.SPAN, "a2"));

    SessionSummary s1 = store().spans().findSession(ALL, project.id(), "s1").orElseThrow();
    assertEquals(1, s1.traceCount());
    assertEquals(1, s1.spanCount());
    assertEquals(0, s1.errorCount());
    assertEquals(0, s1.totalTokens());
    assertEquals("question 2", s1.firstInput());
    assertEquals(T0 + 1000, s1.startTime());
    assertEquals(List.of("t2"), traces().getSession(ALL, project.id(), "s1").orElseThrow().traces().stream()
        .map(t -> t.summary().traceId()).toList());
    assertEquals(List.of("satisfaction"), evaluationsOf(TargetKind.SESSION, "s1"));

    assertFalse(traces().deleteTrace(ALL, project.id(), "t1"), "already gone");
    assertEquals(1, store().spans().listTrace(ALL, other.id(), "t1").size());
  }

  @Test
  void deleteSession_removesAllItsTraces() {
    assertTrue(traces().deleteSession(ALL, project.id(), "s1"));
    assertTrue(store().spans().findSession(ALL, project.id(), "s1").isEmpty());
    assertEquals(List.of("t4", "t3"), traceIds((String) null));
    assertEquals(List.of(), evaluationsOf(TargetKind.SESSION, "s1"));
    assertEquals(List.of(), evaluationsOf(TargetKind.TRACE, "t1"));
    assertFalse(traces().deleteSession(ALL, project.id(), "s1"));
    assertTrue(store().spans().findSession(ALL, other.id(), "s1").isPresent());
  }

  @Test
  void deletes_doNothingOutsideTheScope() {
    AccessScope none = AccessScope.spaces(Set.of(UUID.randomUUID().toString()));
    assertEquals(List.of("a1"), traces().deleteSpans(none, project.id(), List.of("a1"), T0, END).notDeletedSpanIds());
    assertFalse(traces().deleteTrace(none, project.id(), "t1"));
    assertFalse(traces().deleteSession(none, project.id(), "s1"));
    assertEquals(3, store().spans().findTrace(ALL, project.id(), "t1").orElseThrow().spanCount());
  }
}
