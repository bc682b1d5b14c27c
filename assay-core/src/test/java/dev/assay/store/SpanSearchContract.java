package dev.assay.store;

import static dev.assay.store.SpanFixtures.span;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccessScope;
import dev.assay.projects.Project;
import dev.assay.query.Filter;
import dev.assay.query.FilterParser;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.spaces.Space;
import dev.assay.traces.Span;
import dev.assay.traces.SpanQuery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link dev.assay.traces.SpanStore#search}: newest first with a total order, keyset pages without gaps or
 * repeats, the {@code [start, end)} window, the compiled filter and the project and scope boundaries.
 */
public abstract class SpanSearchContract extends StoreContract {
  private static final AccessScope ALL = AccessScope.unrestricted();
  private static final long T0 = 1_767_225_600_000_000L;
  private static final long WIDE_END = T0 + 1_000_000_000L;

  private Project project;
  private Project other;

  @BeforeEach
  void writeSpans() throws Exception {
    project = store().projects().create(ALL, Space.DEFAULT_ID, "search-" + UUID.randomUUID(), null);
    other = store().projects().create(ALL, Space.DEFAULT_ID, "search-other-" + UUID.randomUUID(), null);
    String p = project.id();
    List<Span> spans = List.of(
        span(p, "t1", "a1").times(T0, T0 + 10).build(),
        span(p, "t1", "a2").parent("a1").times(T0 + 100, T0 + 200).llm(10, 5, 0.001).build(),
        // Three spans sharing one start time: the tie is broken by trace id, then span id, descending.
        span(p, "t2", "b1").times(T0 + 300, T0 + 400).build(),
        span(p, "t2", "b2").parent("b1").times(T0 + 300, T0 + 400).error("boom").build(),
        span(p, "t3", "c1").times(T0 + 300, T0 + 400).build(),
        span(p, "t3", "c2").parent("c1").times(T0 + 500, T0 + 600).llm(1, 1, 0.0).build(),
        span(other.id(), "t9", "z1").times(T0 + 300, T0 + 400).build());
    try (BatchingWriter<Span> writer =
        new BatchingWriter<>("spans", database().jdbi(), new JdbcSpanSink(dialect(), clock), WriterSettings.DEFAULTS, clock)) {
      writer.submit(spans).get(20, SECONDS);
    }
  }

  private Page<Span> search(AccessScope scope, long start, long end, String filter, String cursor, int limit) {
    Filter parsed = filter == null ? null : FilterParser.parse(filter);
    return store().spans().search(scope, new SpanQuery(project.id(), start, end, parsed, cursor, limit));
  }

  private static List<String> ids(Page<Span> page) {
    return page.items().stream().map(Span::spanId).toList();
  }

  @Test
  void search_ordersNewestFirst_thenByTraceAndSpanIdDescending() {
    Page<Span> page = search(ALL, T0, WIDE_END, null, null, 100);
    assertEquals(List.of("c2", "c1", "b2", "b1", "a2", "a1"), ids(page));
    assertFalse(page.hasMore());
    Span llm = page.items().get(4);
    assertEquals("LLM", llm.spanKind());
    assertEquals(15L, llm.totalTokens());
    assertEquals("a1", llm.parentId());
  }

  @Test
  void search_pagesThroughEverySpanOnce_evenAcrossEqualStartTimes() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<Span> page = search(ALL, T0, WIDE_END, null, cursor, 2);
      assertTrue(page.items().size() <= 2);
      seen.addAll(ids(page));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 10);
    assertEquals(List.of("c2", "c1", "b2", "b1", "a2", "a1"), seen);
    assertEquals(3, pages);
    Set<String> unique = new HashSet<>(seen);
    assertEquals(seen.size(), unique.size());
  }

  @Test
  void search_windowIncludesStartAndExcludesEnd() {
    assertEquals(List.of("c1", "b2", "b1", "a2"), ids(search(ALL, T0 + 100, T0 + 500, null, null, 100)));
    assertEquals(List.of(), ids(search(ALL, T0 + 600, WIDE_END, null, null, 100)));
  }

  @Test
  void search_appliesTheCompiledFilter() {
    assertEquals(List.of("c2", "a2"), ids(search(ALL, T0, WIDE_END, "span_kind = 'LLM'", null, 100)));
    assertEquals(List.of("b2"), ids(search(ALL, T0, WIDE_END, "status_code = 'ERROR'", null, 100)));
    assertEquals(List.of("c2"), ids(search(ALL, T0, WIDE_END, "span_kind = 'LLM' AND trace_id = 't3'", null, 100)));
  }

  @Test
  void search_neverReturnsAnotherProjectsSpans_orSpansOutsideTheScope() {
    assertFalse(ids(search(ALL, T0, WIDE_END, null, null, 100)).contains("z1"));
    assertEquals(List.of(), ids(search(AccessScope.spaces(Set.of()), T0, WIDE_END, null, null, 100)));
    assertEquals(List.of(), ids(search(AccessScope.spaces(Set.of(UUID.randomUUID().toString())), T0, WIDE_END, null,
        null, 100)));
    assertEquals(6, search(AccessScope.spaces(Set.of(Space.DEFAULT_ID)), T0, WIDE_END, null, null, 100).items().size());
  }

  @Test
  void search_rejectsABadCursorAndBadArguments() {
    assertThrows(InvalidInputException.class, () -> search(ALL, T0, WIDE_END, null, "not-a-cursor!", 10));
    assertThrows(InvalidInputException.class, () -> search(ALL, T0, T0, null, null, 10));
    assertThrows(InvalidInputException.class, () -> search(ALL, T0, WIDE_END, null, null, 501));
  }
}
