package dev.assay.store;

import static dev.assay.store.SpanFixtures.span;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assay.auth.AccessScope;
import dev.assay.projects.Project;
import dev.assay.query.FilterParser;
import dev.assay.spaces.Space;
import dev.assay.traces.Span;
import dev.assay.traces.SpanExportQuery;
import dev.assay.traces.SpanExportQuery.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link dev.assay.traces.SpanStore#stream}: the export read. Order by trace, then start time; the window and
 * filter on spans; whole traces for the traces selection; project and scope boundaries; a sink that fails
 * stops the read.
 */
public abstract class SpanExportContract extends StoreContract {
  private static final AccessScope ALL = AccessScope.unrestricted();
  private static final long T0 = 1_767_225_600_000_000L;
  private static final long WIDE_END = T0 + 1_000_000_000L;

  private Project project;
  private Project other;

  @BeforeEach
  void writeSpans() throws Exception {
    project = store().projects().create(ALL, Space.DEFAULT_ID, "export-" + UUID.randomUUID(), null);
    other = store().projects().create(ALL, Space.DEFAULT_ID, "export-other-" + UUID.randomUUID(), null);
    String p = project.id();
    List<Span> spans = List.of(
        // Written out of order on purpose: the export sorts by trace id, then start time.
        span(p, "t2", "b2").parent("b1").times(T0 + 300, T0 + 400).llm(7, 3, 0.5).build(),
        span(p, "t1", "a2").parent("a1").times(T0 + 100, T0 + 200).error("boom").build(),
        span(p, "t2", "b1").name("root-b").times(T0 + 250, T0 + 500).build(),
        span(p, "t1", "a1").name("root-a").times(T0, T0 + 300).build(),
        span(p, "t3", "c1").times(T0 + 2_000_000_000L, T0 + 2_000_000_100L).build(),
        span(other.id(), "t9", "z1").times(T0 + 300, T0 + 400).llm(1, 1, 0.0).build());
    try (BatchingWriter<Span> writer =
        new BatchingWriter<>("spans", database().jdbi(), new JdbcSpanSink(dialect(), clock), WriterSettings.DEFAULTS, clock)) {
      writer.submit(spans).get(20, SECONDS);
    }
  }

  private List<Span> export(AccessScope scope, long start, long end, String filter, Selection selection) {
    List<Span> out = new ArrayList<>(); // the test collects; the store never does
    long count = store().spans().stream(scope, new SpanExportQuery(project.id(), start, end,
        filter == null ? null : FilterParser.parse(filter), selection), out::add);
    assertEquals(out.size(), count, "the returned count is the number of spans handed over");
    return out;
  }

  private static List<String> ids(List<Span> spans) {
    return spans.stream().map(Span::spanId).toList();
  }

  @Test
  void spans_areOrderedByTraceThenStartTime_withinTheWindow() {
    List<Span> spans = export(ALL, T0, WIDE_END, null, Selection.SPANS);

    assertEquals(List.of("a1", "a2", "b1", "b2"), ids(spans), "t3 starts after the window; the other project is left out");
    Span llm = spans.get(3);
    assertEquals("LLM", llm.spanKind());
    assertEquals(10L, llm.totalTokens());
    assertEquals(0.5, llm.costTotal());
    assertEquals("b1", llm.parentId());
    assertEquals("boom", spans.get(1).statusMessage());
  }

  @Test
  void spans_applyTheFilterAndTheStartBound() {
    assertEquals(List.of("a2"), ids(export(ALL, T0, WIDE_END, "status_code = 'ERROR'", Selection.SPANS)));
    assertEquals(List.of("b2"), ids(export(ALL, T0, WIDE_END, "span_kind = 'LLM' and total_tokens >= 10", Selection.SPANS)));
    assertEquals(List.of("a2", "b1", "b2"), ids(export(ALL, T0 + 100, WIDE_END, null, Selection.SPANS)));
    assertEquals(List.of(), ids(export(ALL, T0, WIDE_END, "name = 'nothing'", Selection.SPANS)));
  }

  @Test
  void traces_exportEverySpanOfTheTracesWithAMatchingSpan() {
    assertEquals(List.of("b1", "b2"), ids(export(ALL, T0, WIDE_END, "span_kind = 'LLM'", Selection.TRACES)),
        "the LLM child selects its whole trace, root included");
    assertEquals(List.of("a1", "a2"), ids(export(ALL, T0, WIDE_END, "status_code = 'ERROR'", Selection.TRACES)));
    assertEquals(List.of("a1", "a2", "b1", "b2"), ids(export(ALL, T0, WIDE_END, null, Selection.TRACES)));
  }

  @Test
  void traces_areSelectedByTheTraceStart_notBySpanStarts() {
    // t2 starts at T0 + 250: a window from T0 + 260 holds its child b2 but not the trace's start.
    assertEquals(List.of(), ids(export(ALL, T0 + 260, WIDE_END, "span_kind = 'LLM'", Selection.TRACES)));
    assertEquals(List.of("b2"), ids(export(ALL, T0 + 260, WIDE_END, "span_kind = 'LLM'", Selection.SPANS)));
    assertEquals(List.of("b1", "b2"), ids(export(ALL, T0 + 250, T0 + 251, null, Selection.TRACES)),
        "a trace starting in the window brings all its spans, even those starting after the window");
  }

  @Test
  void aScopeWithoutTheProjectsSpace_exportsNothing() {
    assertEquals(List.of(), export(AccessScope.spaces(Set.of()), T0, WIDE_END, null, Selection.SPANS));
    assertEquals(List.of(), export(AccessScope.spaces(Set.of("some-other-space")), T0, WIDE_END, null, Selection.TRACES));
    assertEquals(4, export(AccessScope.spaces(Set.of(Space.DEFAULT_ID)), T0, WIDE_END, null, Selection.SPANS).size());
  }

  @Test
  void aFailingSink_stopsTheRead_andTheFailurePropagates() {
    List<String> seen = new ArrayList<>();
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> store().spans().stream(ALL,
        new SpanExportQuery(project.id(), T0, WIDE_END, null, Selection.SPANS), s -> {
          seen.add(s.spanId());
          if (seen.size() == 2) {
            throw new IllegalStateException("client went away");
          }
        }));
    assertEquals("client went away", thrown.getMessage());
    assertEquals(List.of("a1", "a2"), seen);
    // The connection went back to the pool in a usable state.
    assertEquals(4, export(ALL, T0, WIDE_END, null, Selection.SPANS).size());
  }
}
