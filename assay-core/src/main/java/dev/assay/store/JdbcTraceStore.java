package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.query.Filter;
import dev.assay.query.FilterCompiler;
import dev.assay.query.SqlFragment;
import dev.assay.shared.Cursors;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Trace and session reads over the {@code traces} / {@code sessions} roll-ups. Lists page by keyset on
 * {@code (start_time, id)} descending, like {@link SelectSpans}; a filter keeps a trace or session when
 * any of its spans matches ({@code EXISTS} over the compiled span filter). A page is assembled with a
 * fixed number of queries whatever its size: the page, its spans (capped per trace by a window
 * function), its root spans and its evaluations. Deletes are in {@link DeleteSpans}.
 */
final class JdbcTraceStore implements TraceStore {
  private static final String TRACE_COLUMNS = """
      t.project_id, t.trace_id, t.root_span_id, t.root_span_name, t.start_time, t.end_time, t.span_count,
      t.error_count, t.prompt_tokens, t.completion_tokens, t.total_tokens, t.cost_total, t.session_id""";
  private static final String SESSION_COLUMNS = """
      x.project_id, x.session_id, x.user_id, substr(x.first_input, 1, %1$d) AS first_input,
      substr(x.last_output, 1, %1$d) AS last_output, x.start_time, x.end_time, x.trace_count, x.span_count,
      x.error_count, x.total_tokens, x.cost_total""".formatted(PREVIEW_CHARS);
  private static final SqlFragment ALL = new SqlFragment("1 = 1", Map.of());

  private final Jdbi jdbi;
  private final String spanColumns;
  private final String evaluationColumns;
  private final FilterCompiler compiler;
  private final DeleteSpans deletes;

  JdbcTraceStore(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.spanColumns = new SelectSpans(dialect).columns();
    this.evaluationColumns = JdbcEvaluationStore.columns(dialect);
    this.compiler = new FilterCompiler(dialect);
    this.deletes = new DeleteSpans(clock);
  }

  @Override
  public Optional<String> traceOfSpan(AccessScope scope, String projectId, String spanId) {
    String sql = "SELECT trace_id FROM spans WHERE project_id = :p AND span_id = :s AND "
        + ScopeSql.projectClause(scope, "project_id") + " ORDER BY start_time DESC, trace_id DESC LIMIT 1";
    return jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope).bind("p", projectId).bind("s", spanId)
        .mapTo(String.class).findOne());
  }

  @Override
  public Page<Trace> listTraces(AccessScope scope, TraceQuery q) {
    // Every span of a trace starts at or after the trace's start, so only spans from the window's start on
    // can match a listed trace: the scan of spans is pruned to the window like the traces themselves.
    SqlFragment filter = anySpan(q.filter(), true, "t.trace_id", "SELECT s.trace_id FROM spans s",
        "s.project_id = :project_id AND s.start_time >= :start_time");
    String sql = """
        SELECT %s FROM traces t
        WHERE t.project_id = :project_id AND t.start_time >= :start_time AND t.start_time < :end_time
          AND %s AND %s AND %s
        ORDER BY t.start_time DESC, t.trace_id DESC
        LIMIT :limit_plus_one""".formatted(TRACE_COLUMNS, ScopeSql.projectClause(scope, "t.project_id"), filter.sql(),
        q.cursor() == null ? "1 = 1" : "(t.start_time < :c_start OR (t.start_time = :c_start AND t.trace_id < :c_id))");
    return jdbi.withHandle(h -> {
      Query query = ScopeSql.bind(h.createQuery(sql), scope).bind("project_id", q.projectId())
          .bind("start_time", q.startTime()).bind("end_time", q.endTime()).bind("limit_plus_one", q.limit() + 1)
          .bindMap(filter.binds());
      bindCursor(query, q.cursor());
      Page<TraceSummary> page = Pages.of(query.map(JdbcTraceStore::mapTrace).list(), q.limit(),
          t -> Cursors.encode(Long.toString(t.startTime()), t.traceId()));
      return new Page<>(assemble(h, q.projectId(), page.items(), q.includeSpans() ? LIST_SPAN_CAP : 0), page.nextCursor());
    });
  }

  @Override
  public Optional<Trace> getTrace(AccessScope scope, String projectId, String traceId) {
    String sql = "SELECT " + TRACE_COLUMNS + " FROM traces t WHERE t.project_id = :p AND t.trace_id = :t AND "
        + ScopeSql.projectClause(scope, "t.project_id");
    return jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope).bind("p", projectId).bind("t", traceId)
        .map(JdbcTraceStore::mapTrace).findOne()
        .map(summary -> assemble(h, projectId, List.of(summary), GET_SPAN_CAP).getFirst()));
  }

  @Override
  public Page<Session> listSessions(AccessScope scope, SessionQuery q) {
    // No window on the spans here: a span without session.id (a trace's root, say) may start before the
    // session's first span that carries it.
    SqlFragment filter = anySpan(q.filter(), false, "x.session_id",
        "SELECT st.session_id FROM session_traces st JOIN spans s ON s.project_id = st.project_id AND s.trace_id = st.trace_id",
        "st.project_id = :project_id");
    String sql = """
        SELECT %s FROM sessions x
        WHERE x.project_id = :project_id AND x.start_time >= :start_time AND x.start_time < :end_time
          AND %s AND %s AND %s
        ORDER BY x.start_time DESC, x.session_id DESC
        LIMIT :limit_plus_one""".formatted(SESSION_COLUMNS, ScopeSql.projectClause(scope, "x.project_id"), filter.sql(),
        q.cursor() == null ? "1 = 1" : "(x.start_time < :c_start OR (x.start_time = :c_start AND x.session_id < :c_id))");
    return jdbi.withHandle(h -> {
      Query query = ScopeSql.bind(h.createQuery(sql), scope).bind("project_id", q.projectId())
          .bind("start_time", q.startTime()).bind("end_time", q.endTime()).bind("limit_plus_one", q.limit() + 1)
          .bindMap(filter.binds());
      bindCursor(query, q.cursor());
      Page<SessionSummary> page = Pages.of(query.map(JdbcTraceStore::mapSession).list(), q.limit(),
          s -> Cursors.encode(Long.toString(s.startTime()), s.sessionId()));
      return new Page<>(withEvaluations(h, q.projectId(), page.items()), page.nextCursor());
    });
  }

  @Override
  public Optional<SessionDetail> getSession(AccessScope scope, String projectId, String sessionId) {
    String sql = "SELECT " + SESSION_COLUMNS + " FROM sessions x WHERE x.project_id = :p AND x.session_id = :s AND "
        + ScopeSql.projectClause(scope, "x.project_id");
    String traces = """
        SELECT %s FROM traces t
        WHERE t.project_id = :p AND EXISTS (SELECT 1 FROM session_traces st
          WHERE st.project_id = t.project_id AND st.trace_id = t.trace_id AND st.session_id = :s)
        ORDER BY t.start_time, t.trace_id
        LIMIT %d""".formatted(TRACE_COLUMNS, SESSION_TRACE_CAP);
    return jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope).bind("p", projectId).bind("s", sessionId)
        .map(JdbcTraceStore::mapSession).findOne()
        .map(summary -> {
          List<TraceSummary> turns = h.createQuery(traces).bind("p", projectId).bind("s", sessionId)
              .map(JdbcTraceStore::mapTrace).list();
          return new SessionDetail(withEvaluations(h, projectId, List.of(summary)).getFirst(), assemble(h, projectId, turns, 0));
        }));
  }

  @Override
  public SpanDeletion deleteSpans(AccessScope scope, String projectId, Collection<String> spanIds, long startTime,
      long endTime) {
    return jdbi.inTransaction(h -> visible(h, scope, projectId)
        ? deletes.spans(h, projectId, List.copyOf(spanIds), startTime, endTime)
        : new SpanDeletion(List.of(), List.copyOf(spanIds)));
  }

  @Override
  public boolean deleteTrace(AccessScope scope, String projectId, String traceId) {
    return jdbi.inTransaction(h -> visible(h, scope, projectId) && deletes.trace(h, projectId, traceId));
  }

  @Override
  public boolean deleteSession(AccessScope scope, String projectId, String sessionId) {
    return jdbi.inTransaction(h -> visible(h, scope, projectId) && deletes.session(h, projectId, sessionId));
  }

  private static boolean visible(Handle h, AccessScope scope, String projectId) {
    return ScopeSql.bind(h.createQuery("SELECT count(*) FROM projects WHERE id = :p AND " + ScopeSql.projectClause(scope, "id")),
        scope).bind("p", projectId).mapTo(Long.class).one() > 0;
  }

  /** {@code EXISTS} a span of the row matching the filter; {@code from} and {@code join} name the span as {@code s}. */
  /**
   * "Any of its spans matches" as a semi-join: {@code key IN (select … where filter)}. The subquery does not
   * refer to the outer row, so it is evaluated once (one filtered scan of spans, a hash of the keys) rather
   * than once per listed row; a correlated {@code EXISTS} took seconds on DuckDB at a million spans.
   */
  private SqlFragment anySpan(Filter filter, boolean traceEvaluations, String key, String select, String where) {
    if (filter == null) {
      return ALL;
    }
    // For traces, an evaluation predicate also reads the trace's own results (trace-scoped tasks write those).
    SqlFragment spans = traceEvaluations ? compiler.spansOfTraces(filter, "s") : compiler.spans(filter, "s");
    return new SqlFragment(key + " IN (" + select + " WHERE " + where + " AND " + spans.sql() + ")", spans.binds());
  }

  private static void bindCursor(Query query, String cursor) {
    if (cursor == null) {
      return;
    }
    String[] key = Cursors.decode(cursor, 2);
    try {
      query.bind("c_start", Long.parseLong(key[0])).bind("c_id", key[1]);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("invalid pagination cursor");
    }
  }

  /**
   * The traces of {@code summaries} with root input/output, evaluations and (when {@code spanCap > 0}) at
   * most {@code spanCap} spans each, in four queries.
   */
  private List<Trace> assemble(Handle h, String projectId, List<TraceSummary> summaries, int spanCap) {
    if (summaries.isEmpty()) {
      return List.of();
    }
    List<String> traceIds = summaries.stream().map(TraceSummary::traceId).distinct().toList();
    List<String> rootIds = summaries.stream().map(TraceSummary::rootSpanId).filter(Objects::nonNull).distinct().toList();
    // Every span of these traces starts between the earliest trace start and the latest trace end. Saying so
    // lets DuckDB skip the row groups outside that range by their zone maps instead of decompressing the wide
    // columns of every row group that holds one of the ids: at a million spans, ~40 ms instead of ~800 ms.
    long from = summaries.stream().mapToLong(TraceSummary::startTime).min().orElseThrow();
    long to = summaries.stream().mapToLong(TraceSummary::endTime).max().orElseThrow();
    Map<String, List<Span>> spans = spanCap > 0 ? spans(h, projectId, traceIds, from, to, spanCap) : Map.of();
    Map<String, Span> roots = new HashMap<>();
    if (!rootIds.isEmpty()) {
      h.createQuery("SELECT " + spanColumns + " FROM spans s WHERE s.project_id = :p AND s.trace_id IN (<t>) AND s.span_id IN (<r>)"
              + " AND s.start_time >= :from AND s.start_time <= :to")
          .bind("p", projectId).bindList("t", traceIds).bindList("r", rootIds).bind("from", from).bind("to", to)
          .map(JdbcSpanStore::mapSpan)
          .forEach(s -> roots.put(s.traceId() + "/" + s.spanId(), s));
    }
    Map<String, List<Evaluation>> evaluations = evaluations(h, projectId, traceIds, rootIds);
    List<Trace> out = new ArrayList<>(summaries.size());
    for (TraceSummary t : summaries) {
      Span root = t.rootSpanId() == null ? null : roots.get(t.traceId() + "/" + t.rootSpanId());
      List<Evaluation> evals = new ArrayList<>(evaluations.getOrDefault("TRACE/" + t.traceId(), List.of()));
      if (t.rootSpanId() != null) {
        evals.addAll(evaluations.getOrDefault("SPAN/" + t.rootSpanId(), List.of()));
      }
      List<Span> own = spans.getOrDefault(t.traceId(), List.of());
      out.add(new Trace(t, root == null ? null : root.inputValue(), root == null ? null : root.outputValue(), evals, own,
          spanCap > 0 && own.size() < t.spanCount()));
    }
    return out;
  }

  /** The first {@code cap} spans (by start time, then span id) of each trace, in one query. */
  private Map<String, List<Span>> spans(Handle h, String projectId, List<String> traceIds, long from, long to, int cap) {
    String sql = """
        SELECT %s FROM (
          SELECT q.*, row_number() OVER (PARTITION BY q.trace_id ORDER BY q.start_time, q.span_id) AS qt_rank
          FROM spans q WHERE q.project_id = :p AND q.trace_id IN (<t>) AND q.start_time >= :from AND q.start_time <= :to) s
        WHERE s.qt_rank <= :cap
        ORDER BY s.trace_id, s.start_time, s.span_id""".formatted(spanColumns);
    Map<String, List<Span>> out = new LinkedHashMap<>();
    h.createQuery(sql).bind("p", projectId).bindList("t", traceIds).bind("from", from).bind("to", to).bind("cap", cap)
        .map(JdbcSpanStore::mapSpan)
        .forEach(s -> out.computeIfAbsent(s.traceId(), k -> new ArrayList<>()).add(s));
    return out;
  }

  /** The TRACE evaluations of {@code traceIds} and SPAN evaluations of {@code spanIds}, keyed {@code KIND/target}. */
  private Map<String, List<Evaluation>> evaluations(Handle h, String projectId, List<String> traceIds, List<String> spanIds) {
    String sql = "SELECT " + evaluationColumns + " FROM evaluations WHERE project_id = :p AND ((target_kind = 'TRACE' AND target_id IN (<t>))"
        + (spanIds.isEmpty() ? "" : " OR (target_kind = 'SPAN' AND target_id IN (<s>))") + ") ORDER BY name, identifier, id";
    Query query = h.createQuery(sql).bind("p", projectId).bindList("t", traceIds);
    if (!spanIds.isEmpty()) {
      query.bindList("s", spanIds);
    }
    Map<String, List<Evaluation>> out = new HashMap<>();
    query.map(JdbcEvaluationStore::map)
        .forEach(e -> out.computeIfAbsent(e.targetKind() + "/" + e.targetId(), k -> new ArrayList<>()).add(e));
    return out;
  }

  private List<Session> withEvaluations(Handle h, String projectId, List<SessionSummary> sessions) {
    if (sessions.isEmpty()) {
      return List.of();
    }
    Map<String, List<Evaluation>> bySession = new HashMap<>();
    h.createQuery("SELECT " + evaluationColumns + " FROM evaluations WHERE project_id = :p AND target_kind = 'SESSION'"
            + " AND target_id IN (<s>) ORDER BY name, identifier, id")
        .bind("p", projectId).bindList("s", sessions.stream().map(SessionSummary::sessionId).toList())
        .map(JdbcEvaluationStore::map)
        .forEach(e -> bySession.computeIfAbsent(e.targetId(), k -> new ArrayList<>()).add(e));
    return sessions.stream().map(s -> new Session(s, bySession.getOrDefault(s.sessionId(), List.of()))).toList();
  }

  static TraceSummary mapTrace(ResultSet rs, StatementContext ctx) throws SQLException {
    return new TraceSummary(rs.getString("project_id"), rs.getString("trace_id"), rs.getString("root_span_id"),
        rs.getString("root_span_name"), rs.getLong("start_time"), rs.getLong("end_time"), rs.getLong("span_count"),
        rs.getLong("error_count"), rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"), rs.getLong("total_tokens"),
        rs.getDouble("cost_total"), rs.getString("session_id"));
  }

  static SessionSummary mapSession(ResultSet rs, StatementContext ctx) throws SQLException {
    return new SessionSummary(rs.getString("project_id"), rs.getString("session_id"), rs.getString("user_id"),
        rs.getString("first_input"), rs.getString("last_output"), rs.getLong("start_time"), rs.getLong("end_time"),
        rs.getLong("trace_count"), rs.getLong("span_count"), rs.getLong("error_count"), rs.getLong("total_tokens"),
        rs.getDouble("cost_total"));
  }
}
