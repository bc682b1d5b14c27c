package dev.assay.traces;

import dev.assay.auth.AccessScope;
import dev.assay.projects.Project;
import dev.assay.projects.ProjectService;
import dev.assay.query.Filter;
import dev.assay.query.FilterParser;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Reads and deletes spans, traces and sessions for the APIs: resolves the project, parses the filter and
 * applies AX's default windows.
 */
public final class SpanService {
  /** How far back a search reaches when it names no start time (AX: one week). */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
  /** How far back a span delete reaches when it names no start time (AX: two years). */
  public static final Duration DELETE_WINDOW = Duration.ofDays(2 * 365);
  /** At most this many span ids in one delete (AX's limit). */
  public static final int MAX_DELETE_IDS = 5_000;

  private final ProjectService projects;
  private final SpanStore spans;
  private final TraceStore traces;
  private final Clock clock;

  public SpanService(ProjectService projects, SpanStore spans, TraceStore traces, Clock clock) {
    if (projects == null || spans == null || traces == null || clock == null) {
      throw new NullPointerException("projects, spans, traces and clock are required");
    }
    this.projects = projects;
    this.spans = spans;
    this.traces = traces;
    this.clock = clock;
  }

  /**
   * One page of the spans of project {@code projectRef} (an id, or a name in the {@code default} space)
   * starting in {@code [start, end)}, newest first; see {@link SpanStore#search}.
   *
   * @param start null for {@link #DEFAULT_WINDOW} before {@code end}
   * @param end null for now
   * @param filter null for every span; otherwise filter-language text, which must not be blank
   * @param limit null for {@link SpanQuery#DEFAULT_LIMIT}
   * @throws dev.assay.query.FilterParseException when the filter does not parse (it names the column)
   * @throws dev.assay.shared.NotFoundException when the project does not exist or is not visible
   */
  public Page<Span> list(AccessScope scope, String projectRef, Instant start, Instant end, String filter, String cursor,
      Integer limit) {
    Window w = window(start, end, DEFAULT_WINDOW);
    Filter parsed = parseFilter(filter, "span");
    Project project = project(scope, projectRef);
    return spans.search(scope, new SpanQuery(project.id(), w.from(), w.to(), parsed, cursor,
        limit == null ? SpanQuery.DEFAULT_LIMIT : limit));
  }

  /**
   * One span, whole (no preview cut). Without {@code traceId} the span is looked up by its id alone.
   *
   * @throws NotFoundException when the project or the span does not exist or is not visible
   */
  public Span getSpan(AccessScope scope, String projectRef, String spanId, String traceId) {
    requireId(spanId, "span_id");
    Project project = project(scope, projectRef);
    Optional<String> trace = traceId != null && !traceId.isBlank() ? Optional.of(traceId)
        : traces.traceOfSpan(scope, project.id(), spanId);
    return trace.flatMap(t -> spans.find(scope, project.id(), t, spanId))
        .orElseThrow(() -> new NotFoundException("span " + spanId + " not found in project " + projectRef));
  }

  /**
   * Many spans by id in one read, whole, keyed by span id; unknown ids are absent. When several traces hold a span
   * id, the span that started last wins (as {@link #getSpan} without a trace id).
   */
  public java.util.Map<String, Span> getSpans(AccessScope scope, String projectRef, Collection<String> spanIds) {
    return getSpans(scope, projectRef, spanIds, null);
  }

  /** As {@link #getSpans(AccessScope, String, Collection)}, only spans ingested at or after {@code ingestedSince} (if set). */
  public java.util.Map<String, Span> getSpans(AccessScope scope, String projectRef, Collection<String> spanIds,
      java.time.Instant ingestedSince) {
    Project project = project(scope, projectRef);
    java.util.Map<String, Span> out = new java.util.HashMap<>();
    for (Span s : spans.findByIds(scope, project.id(), new LinkedHashSet<>(spanIds), ingestedSince)) {
      out.merge(s.spanId(), s, (a, b) -> a.startTime() >= b.startTime() ? a : b);
    }
    return out;
  }

  /**
   * One page of the traces of a project that start in {@code [start, end)} and, with a filter, hold at
   * least one matching span; newest first. Defaults as in {@link #list}.
   */
  public Page<Trace> listTraces(AccessScope scope, String projectRef, Instant start, Instant end, String filter,
      String cursor, Integer limit, boolean includeSpans) {
    Window w = window(start, end, DEFAULT_WINDOW);
    Filter parsed = parseFilter(filter, "trace");
    Project project = project(scope, projectRef);
    return traces.listTraces(scope, new TraceQuery(project.id(), w.from(), w.to(), parsed, cursor,
        limit == null ? TraceQuery.DEFAULT_LIMIT : limit, includeSpans));
  }

  /** One trace with its spans; {@link NotFoundException} when absent. */
  public Trace getTrace(AccessScope scope, String projectRef, String traceId) {
    requireId(traceId, "trace_id");
    Project project = project(scope, projectRef);
    return traces.getTrace(scope, project.id(), traceId)
        .orElseThrow(() -> new NotFoundException("trace " + traceId + " not found in project " + projectRef));
  }

  /** One page of the sessions of a project, as {@link #listTraces} for traces. */
  public Page<Session> listSessions(AccessScope scope, String projectRef, Instant start, Instant end, String filter,
      String cursor, Integer limit) {
    Window w = window(start, end, DEFAULT_WINDOW);
    Filter parsed = parseFilter(filter, "session");
    Project project = project(scope, projectRef);
    return traces.listSessions(scope, new SessionQuery(project.id(), w.from(), w.to(), parsed, cursor,
        limit == null ? SessionQuery.DEFAULT_LIMIT : limit));
  }

  /** One session with its traces; {@link NotFoundException} when absent. */
  public SessionDetail getSession(AccessScope scope, String projectRef, String sessionId) {
    requireId(sessionId, "session_id");
    Project project = project(scope, projectRef);
    return traces.getSession(scope, project.id(), sessionId)
        .orElseThrow(() -> new NotFoundException("session " + sessionId + " not found in project " + projectRef));
  }

  /**
   * Deletes spans by id (AX's {@code delete_spans}): those starting in {@code [start, end)}, where
   * {@code start} defaults to {@link #DELETE_WINDOW} before now and {@code end} to now, each bound on its own.
   *
   * @param spanIds 1 to {@link #MAX_DELETE_IDS} ids; repeats count once
   */
  public SpanDeletion deleteSpans(AccessScope scope, String projectRef, Collection<String> spanIds, Instant start,
      Instant end) {
    if (spanIds == null || spanIds.isEmpty()) {
      throw new InvalidInputException("span_ids must name at least one span");
    }
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(spanIds));
    if (ids.size() > MAX_DELETE_IDS) {
      throw new InvalidInputException("span_ids may name at most " + MAX_DELETE_IDS + " spans, got " + ids.size());
    }
    for (String id : ids) {
      requireId(id, "span_ids");
    }
    Instant now = clock.instant();
    Instant to = end != null ? end : now;
    Instant from = start != null ? start : now.minus(DELETE_WINDOW);
    if (!from.isBefore(to)) {
      throw new InvalidInputException("start_time must be before end_time");
    }
    Project project = project(scope, projectRef);
    return traces.deleteSpans(scope, project.id(), ids, Times.micros(from), Times.micros(to));
  }

  /** Deletes a trace; {@link NotFoundException} when absent. */
  public void deleteTrace(AccessScope scope, String projectRef, String traceId) {
    requireId(traceId, "trace_id");
    Project project = project(scope, projectRef);
    if (!traces.deleteTrace(scope, project.id(), traceId)) {
      throw new NotFoundException("trace " + traceId + " not found in project " + projectRef);
    }
  }

  /** Deletes a session with its traces; {@link NotFoundException} when absent. */
  public void deleteSession(AccessScope scope, String projectRef, String sessionId) {
    requireId(sessionId, "session_id");
    Project project = project(scope, projectRef);
    if (!traces.deleteSession(scope, project.id(), sessionId)) {
      throw new NotFoundException("session " + sessionId + " not found in project " + projectRef);
    }
  }

  private record Window(long from, long to) {}

  private Window window(Instant start, Instant end, Duration defaultWindow) {
    Instant to = end != null ? end : clock.instant();
    Instant from = start != null ? start : to.minus(defaultWindow);
    return new Window(Times.micros(from), Times.micros(to));
  }

  private static Filter parseFilter(String filter, String what) {
    if (filter != null && filter.isBlank()) {
      throw new InvalidInputException("filter must not be empty; omit it to list every " + what);
    }
    return filter == null ? null : FilterParser.parse(filter);
  }

  private Project project(AccessScope scope, String projectRef) {
    if (projectRef == null || projectRef.isBlank()) {
      throw new InvalidInputException("project_id is required");
    }
    return projects.get(scope, projectRef, null);
  }

  private static void requireId(String id, String what) {
    if (id == null || id.isBlank()) {
      throw new InvalidInputException(what + " must not be empty");
    }
  }
}
