package dev.assay.store;

import dev.assay.traces.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The trace and session roll-up deltas of the spans one batch actually inserted, computed in Java so
 * both dialects apply identical numbers; the upserts in {@link JdbcSpanSink} then merge them into the
 * stored rows (sums add, min/max widen, the earlier root wins). Choices that would otherwise depend on
 * arrival order: a trace's root is its root span with the smallest span id (several roots only occur in
 * malformed traces); a session's first input and last output come from its root spans ordered by start
 * time, then span id. Within a batch a trace's session id and a session's user id come from the earliest
 * span carrying one; across batches the stored value, once set, is kept.
 */
final class SpanRollup {
  private SpanRollup() {}

  /** Orders spans by start time, then span id: the order every "earliest" and "latest" here uses. */
  static final Comparator<Span> BY_START = Comparator.comparingLong(Span::startTime).thenComparing(Span::spanId);

  record TraceDelta(String projectId, String traceId, String rootSpanId, String rootSpanName, long startTime, long endTime,
      long spanCount, long errorCount, long promptTokens, long completionTokens, long totalTokens, double costTotal,
      String sessionId) {}

  record SessionTrace(String projectId, String sessionId, String traceId) {}

  record SessionDelta(String projectId, String sessionId, String userId, Long firstRootStart, String firstRootSpanId,
      String firstInput, Long lastRootStart, String lastRootSpanId, String lastOutput, long startTime, long endTime,
      long traceCount, long spanCount, long errorCount, long totalTokens, double costTotal) {}

  /** One delta per trace of {@code inserted}, in key order (so PostgreSQL takes row locks in one order). */
  static List<TraceDelta> traces(Collection<Span> inserted) {
    Map<List<String>, List<Span>> byTrace = group(inserted, s -> List.of(s.projectId(), s.traceId()));
    List<TraceDelta> out = new ArrayList<>(byTrace.size());
    for (List<Span> spans : byTrace.values()) {
      Span any = spans.getFirst();
      Span root = spans.stream().filter(Span::isRoot).min(Comparator.comparing(Span::spanId)).orElse(null);
      String sessionId = spans.stream().filter(s -> s.sessionId() != null).min(BY_START).map(Span::sessionId).orElse(null);
      out.add(new TraceDelta(any.projectId(), any.traceId(), root == null ? null : root.spanId(),
          root == null ? null : root.name(), minStart(spans), maxEnd(spans), spans.size(), errors(spans),
          sum(spans, Span::promptTokens), sum(spans, Span::completionTokens), sum(spans, Span::totalTokens), cost(spans),
          sessionId));
    }
    return out;
  }

  /** The distinct (session, trace) pairs of {@code inserted}, in key order. */
  static Set<SessionTrace> sessionTraces(Collection<Span> inserted) {
    Set<SessionTrace> out = new LinkedHashSet<>();
    inserted.stream().filter(s -> s.sessionId() != null)
        .map(s -> new SessionTrace(s.projectId(), s.sessionId(), s.traceId()))
        .sorted(Comparator.comparing(SessionTrace::projectId).thenComparing(SessionTrace::sessionId)
            .thenComparing(SessionTrace::traceId))
        .forEach(out::add);
    return out;
  }

  /**
   * One delta per session of {@code inserted}; {@code newPairs} are the (session, trace) pairs this
   * batch stored for the first time, so {@code traceCount} adds only traces new to the session.
   */
  static List<SessionDelta> sessions(Collection<Span> inserted, Collection<SessionTrace> newPairs) {
    List<Span> withSession = inserted.stream().filter(s -> s.sessionId() != null).toList();
    Map<List<String>, List<Span>> bySession = group(withSession, s -> List.of(s.projectId(), s.sessionId()));
    Map<List<String>, Long> newTraces = new LinkedHashMap<>();
    newPairs.forEach(p -> newTraces.merge(List.of(p.projectId(), p.sessionId()), 1L, Long::sum));
    List<SessionDelta> out = new ArrayList<>(bySession.size());
    for (var entry : bySession.entrySet()) {
      List<Span> spans = entry.getValue();
      Span any = spans.getFirst();
      List<Span> roots = spans.stream().filter(Span::isRoot).sorted(BY_START).toList();
      Span first = roots.isEmpty() ? null : roots.getFirst();
      Span last = roots.isEmpty() ? null : roots.getLast();
      String userId = spans.stream().filter(s -> s.userId() != null).min(BY_START).map(Span::userId).orElse(null);
      out.add(new SessionDelta(any.projectId(), any.sessionId(), userId,
          first == null ? null : first.startTime(), first == null ? null : first.spanId(), first == null ? null : first.inputValue(),
          last == null ? null : last.startTime(), last == null ? null : last.spanId(), last == null ? null : last.outputValue(),
          minStart(spans), maxEnd(spans), newTraces.getOrDefault(entry.getKey(), 0L), spans.size(), errors(spans),
          sum(spans, Span::totalTokens), cost(spans)));
    }
    return out;
  }

  private static Map<List<String>, List<Span>> group(Collection<Span> spans, Function<Span, List<String>> key) {
    Map<List<String>, List<Span>> out = new TreeMap<>(SpanRollup::compareKeys);
    for (Span s : spans) {
      out.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s);
    }
    return out;
  }

  private static int compareKeys(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static long minStart(List<Span> spans) {
    return spans.stream().mapToLong(Span::startTime).min().orElseThrow();
  }

  private static long maxEnd(List<Span> spans) {
    return spans.stream().mapToLong(Span::endTime).max().orElseThrow();
  }

  private static long errors(List<Span> spans) {
    return spans.stream().filter(Span::isError).count();
  }

  private static long sum(List<Span> spans, Function<Span, Long> field) {
    long total = 0;
    for (Span s : spans) {
      Long v = field.apply(s);
      total += v == null ? 0 : v;
    }
    return total;
  }

  /** Summed in the spans' order within the group, so the floating-point result is reproducible. */
  private static double cost(List<Span> spans) {
    double total = 0;
    for (Span s : spans) {
      total += s.costTotal() == null ? 0 : s.costTotal();
    }
    return total;
  }
}
