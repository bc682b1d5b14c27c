package dev.assay.store;

import static dev.assay.store.SpanFixtures.span;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assay.eval.SubjectKind;
import dev.assay.projects.Project;
import dev.assay.query.FilterParser;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import dev.assay.spaces.Space;
import dev.assay.tasks.TargetQuery;
import dev.assay.tasks.TaskStore;
import dev.assay.traces.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskStore}'s target queries: spans, traces and sessions of a project in a window, newest first with keyset
 * pages, filtered ("any span matches" for traces and sessions), never spans made by an evaluator; counts; and
 * {@code matching} over given ids only.
 *
 * <p>Data: trace {@code t1} (session {@code s1}) has spans a1 (root, kind CHAIN), a2 (LLM, attribute topic) and a3
 * (the evaluator's own judge call: attribute {@code assay.evaluator}); trace {@code t2} (session {@code s1}) has b1
 * and b2 (kind EVALUATOR); trace {@code t3} (no session) has c1 with an error; trace {@code t4} (session {@code s2})
 * starts with {@code t3} and has d1. The other project holds a span and trace with the same ids.
 */
public abstract class TaskTargetContract extends TaskContractBase {
  private static final long T0 = 1_767_225_600_000_000L;

  private Project other;

  @BeforeEach
  void writeSpans() throws Exception {
    other = store().projects().create(ALL, Space.DEFAULT_ID, "targets-other-" + UUID.randomUUID(), null);
    String p = project.id();
    SpanFixtures judge = span(p, "t1", "a3").parent("a1").times(T0 + 300, T0 + 400).session("s1", null)
        .attributes("{\"assay.evaluator\":\"correctness\",\"topic\":\"billing\"}");
    judge.spanKind = "LLM";
    SpanFixtures evaluatorKind = span(p, "t2", "b2").parent("b1").times(T0 + 1100, T0 + 1200);
    evaluatorKind.spanKind = "EVALUATOR";
    write(List.of(
        span(p, "t1", "a1").times(T0, T0 + 500).session("s1", "u1").io("q1", "a1").build(),
        span(p, "t1", "a2").parent("a1").times(T0 + 100, T0 + 200).session("s1", "u1")
            .attributes("{\"topic\":\"billing\"}").llm(10, 5, 0.001).build(),
        judge.build(),
        span(p, "t2", "b1").times(T0 + 1000, T0 + 1500).session("s1", "u1").build(),
        evaluatorKind.build(),
        span(p, "t3", "c1").times(T0 + 2000, T0 + 2500).error("boom").build(),
        span(p, "t4", "d1").times(T0 + 2000, T0 + 2100).session("s2", null).build(),
        span(other.id(), "t1", "a1").times(T0, T0 + 10).session("s1", null).error("elsewhere").build()));
  }

  private void write(List<Span> spans) throws Exception {
    try (BatchingWriter<Span> writer =
        new BatchingWriter<>("spans", database().jdbi(), new JdbcSpanSink(dialect(), clock), WriterSettings.DEFAULTS, clock)) {
      writer.submit(new ArrayList<>(spans)).get(30, SECONDS);
    }
  }

  private TargetQuery query(SubjectKind scope, String filter, Long start, Long end) {
    return new TargetQuery(project.id(), scope, filter == null ? null : FilterParser.parse(filter),
        start == null ? null : Times.instant(start), end == null ? null : Times.instant(end));
  }

  private List<String> ids(SubjectKind scope, String filter) {
    return ids(query(scope, filter, null, null));
  }

  private List<String> ids(TargetQuery q) {
    List<String> out = new ArrayList<>();
    String cursor = null;
    do {
      Page<String> page = tasks().targetIds(q, new PageRequest(cursor, 2)); // small pages: the keyset is exercised
      out.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    assertEquals(out.size(), tasks().countTargets(q), "count agrees with the list");
    return out;
  }

  @Test
  void spanTargets_newestFirst_excludeSpansMadeByEvaluators() {
    assertEquals(List.of("d1", "c1", "b1", "a2", "a1"), ids(SubjectKind.SPAN, null),
        "equal starts by trace id descending; a3 (assay.evaluator) and b2 (kind EVALUATOR) never");
    assertEquals(List.of("a2"), ids(SubjectKind.SPAN, "attributes.topic = 'billing'"));
    assertEquals(List.of("c1"), ids(SubjectKind.SPAN, "status_code = 'ERROR'"));
  }

  @Test
  void targets_areLimitedToTheWindow_startInclusiveEndExclusive() {
    assertEquals(List.of("b1", "a2"), ids(query(SubjectKind.SPAN, null, T0 + 100, T0 + 2000)));
    assertEquals(List.of("t2"), ids(query(SubjectKind.TRACE, null, T0 + 1, T0 + 2000)));
    assertEquals(List.of("t4", "t3"), ids(query(SubjectKind.TRAJECTORY, null, T0 + 2000, null)));
    assertEquals(List.of("s1"), ids(query(SubjectKind.SESSION, null, null, T0 + 2000)));
    assertEquals(List.of(), ids(query(SubjectKind.SESSION, null, T0 + 5000, null)));
  }

  @Test
  void traceAndSessionTargets_matchWhenAnyOfTheirSpansMatches() {
    assertEquals(List.of("t4", "t3", "t2", "t1"), ids(SubjectKind.TRACE, null));
    assertEquals(List.of("t1"), ids(SubjectKind.TRACE, "attributes.topic = 'billing'"));
    assertEquals(List.of("t3"), ids(SubjectKind.TRAJECTORY, "status_code = 'ERROR'"));
    assertEquals(List.of("s2", "s1"), ids(SubjectKind.SESSION, null));
    assertEquals(List.of("s1"), ids(SubjectKind.SESSION, "span_kind = 'LLM'"));
    assertEquals(List.of(), ids(SubjectKind.SESSION, "status_code = 'ERROR'"), "the error span belongs to no session");
  }

  @Test
  void aForeignCursor_isRejected() {
    String traceCursor = tasks().targetIds(query(SubjectKind.TRACE, null, null, null), PageRequest.first(1)).nextCursor();
    assertThrows(InvalidInputException.class,
        () -> tasks().targetIds(query(SubjectKind.SPAN, null, null, null), new PageRequest(traceCursor, 1)));
    assertThrows(InvalidInputException.class,
        () -> tasks().targetIds(query(SubjectKind.TRACE, null, null, null), new PageRequest("not-a-cursor", 1)));
  }

  @Test
  void matching_readsOnlyTheGivenIds_ofThisProject_throughTheFilter() {
    List<String> many = new ArrayList<>(IntStream.range(0, 2500).mapToObj(i -> "missing-" + i).toList());
    many.addAll(List.of("a1", "a2", "a3", "b2", "c1"));

    assertEquals(Set.of("a1", "a2", "c1"), tasks().matching(project.id(), SubjectKind.SPAN, null, many),
        "more ids than one statement takes; evaluators' spans never match");
    assertEquals(Set.of("c1"), tasks().matching(project.id(), SubjectKind.SPAN, FilterParser.parse("status_code = 'ERROR'"),
        List.of("a1", "c1")));
    assertEquals(Set.of("a1"), tasks().matching(other.id(), SubjectKind.SPAN, null, List.of("a1", "a2")));
    assertEquals(Set.of("t1", "t3"), tasks().matching(project.id(), SubjectKind.TRACE, null, List.of("t1", "t3", "t9")));
    assertEquals(Set.of("t1"), tasks().matching(project.id(), SubjectKind.TRAJECTORY,
        FilterParser.parse("span_kind = 'LLM'"), List.of("t1", "t2", "t3")));
    assertEquals(Set.of("s1"), tasks().matching(project.id(), SubjectKind.SESSION,
        FilterParser.parse("attributes.topic = 'billing'"), List.of("s1", "s2")));
    assertEquals(Set.of("s1", "s2"), tasks().matching(project.id(), SubjectKind.SESSION, null, List.of("s1", "s2", "s3")));
    assertEquals(Set.of(), tasks().matching(project.id(), SubjectKind.TRACE, null, List.of()));
    assertFalse(tasks().matching(other.id(), SubjectKind.TRACE, FilterParser.parse("status_code = 'ERROR'"), List.of("t1"))
        .isEmpty());
  }

  @Test
  void matching_boundedByIngestion_readsOnlySpansIngestedSinceThen() {
    List<String> ids = List.of("a1", "a2", "c1");
    assertEquals(Set.of("a1", "a2", "c1"), tasks().matching(project.id(), SubjectKind.SPAN, null, ids, java.time.Instant.EPOCH));
    java.time.Instant later = java.time.Instant.now().plus(java.time.Duration.ofDays(3650));
    assertEquals(Set.of(), tasks().matching(project.id(), SubjectKind.SPAN, null, ids, later),
        "spans ingested before the bound are not read");
    assertEquals(Set.of("t1", "t3"), tasks().matching(project.id(), SubjectKind.TRACE, null, List.of("t1", "t3"), later),
        "only SPAN scope takes the bound");
  }

  @Test
  void exampleTargets_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TargetQuery(project.id(), SubjectKind.EXAMPLE, null, null, null));
    assertThrows(IllegalArgumentException.class,
        () -> tasks().matching(project.id(), SubjectKind.EXAMPLE, null, List.of("x")));
  }

}
