package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import dev.assay.shared.Times;
import dev.assay.traces.SessionSummary;
import dev.assay.traces.Span;
import dev.assay.traces.SpanExportQuery;
import dev.assay.traces.SpanQuery;
import dev.assay.traces.SpanStore;
import dev.assay.traces.TraceSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbcSpanStore implements SpanStore {
  private final Jdbi jdbi;
  private final String wholeColumns;
  private final String previewColumns;
  private final SelectSpans selectSpans;
  private final StreamSpans streamSpans;

  JdbcSpanStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.wholeColumns = SpanColumns.whole(dialect, "");
    this.previewColumns = SpanColumns.preview(dialect, "");
    this.selectSpans = new SelectSpans(dialect);
    // Exports read whole spans: the same columns and mapping as find().
    this.streamSpans = new StreamSpans(dialect, wholeColumns, SpanColumns::mapWhole);
  }

  @Override
  public Page<Span> search(AccessScope scope, SpanQuery query) {
    return jdbi.withHandle(h -> selectSpans.run(h, scope, query));
  }

  @Override
  public long stream(AccessScope scope, SpanExportQuery query, Consumer<Span> sink) {
    return streamSpans.run(jdbi, scope, query, sink);
  }

  @Override
  public Optional<Span> find(AccessScope scope, String projectId, String traceId, String spanId) {
    String sql = "SELECT " + wholeColumns + " FROM spans WHERE project_id = :project_id AND trace_id = :trace_id"
        + " AND span_id = :span_id AND " + ScopeSql.projectClause(scope, "project_id");
    return jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope)
        .bind("project_id", projectId).bind("trace_id", traceId).bind("span_id", spanId)
        .map(SpanColumns::mapWhole).findOne());
  }

  @Override
  public List<Span> findByIds(AccessScope scope, String projectId, Collection<String> spanIds,
      Instant ingestedSince) {
    if (spanIds.isEmpty()) {
      return List.of();
    }
    String sql = "SELECT " + wholeColumns + " FROM spans WHERE project_id = :project_id AND span_id IN (<span_ids>)"
        + (ingestedSince == null ? "" : " AND ingested_at >= :ingested_since")
        + " AND " + ScopeSql.projectClause(scope, "project_id");
    return jdbi.withHandle(h -> {
      var query = ScopeSql.bind(h.createQuery(sql), scope)
          .bind("project_id", projectId).bindList("span_ids", List.copyOf(spanIds));
      if (ingestedSince != null) {
        query.bind("ingested_since", Times.micros(ingestedSince));
      }
      return query.map(SpanColumns::mapWhole).list();
    });
  }

  @Override
  public List<Span> listTrace(AccessScope scope, String projectId, String traceId) {
    String sql = "SELECT " + previewColumns + " FROM spans WHERE project_id = :project_id AND trace_id = :trace_id AND "
        + ScopeSql.projectClause(scope, "project_id") + " ORDER BY start_time, span_id";
    return jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope)
        .bind("project_id", projectId).bind("trace_id", traceId)
        .map(SpanColumns::mapPreview).list());
  }

  @Override
  public long countSpans(AccessScope scope, String projectId) {
    String sql = "SELECT count(*) FROM spans WHERE project_id = :project_id AND " + ScopeSql.projectClause(scope, "project_id");
    return jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope).bind("project_id", projectId).mapTo(Long.class).one());
  }

  @Override
  public Optional<TraceSummary> findTrace(AccessScope scope, String projectId, String traceId) {
    String sql = """
        SELECT project_id, trace_id, root_span_id, root_span_name, start_time, end_time, span_count, error_count,
               prompt_tokens, completion_tokens, total_tokens, cost_total, session_id
        FROM traces WHERE project_id = :project_id AND trace_id = :trace_id AND """ + " " + ScopeSql.projectClause(scope, "project_id");
    return jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope)
        .bind("project_id", projectId).bind("trace_id", traceId)
        .map((rs, ctx) -> new TraceSummary(rs.getString("project_id"), rs.getString("trace_id"), rs.getString("root_span_id"),
            rs.getString("root_span_name"), rs.getLong("start_time"), rs.getLong("end_time"), rs.getLong("span_count"),
            rs.getLong("error_count"), rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"), rs.getLong("total_tokens"),
            rs.getDouble("cost_total"), rs.getString("session_id")))
        .findOne());
  }

  @Override
  public Optional<SessionSummary> findSession(AccessScope scope, String projectId, String sessionId) {
    String sql = """
        SELECT project_id, session_id, user_id, first_input, last_output, start_time, end_time, trace_count,
               span_count, error_count, total_tokens, cost_total
        FROM sessions WHERE project_id = :project_id AND session_id = :session_id AND """ + " " + ScopeSql.projectClause(scope, "project_id");
    return jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope)
        .bind("project_id", projectId).bind("session_id", sessionId)
        .map((rs, ctx) -> new SessionSummary(rs.getString("project_id"), rs.getString("session_id"), rs.getString("user_id"),
            rs.getString("first_input"), rs.getString("last_output"), rs.getLong("start_time"), rs.getLong("end_time"),
            rs.getLong("trace_count"), rs.getLong("span_count"), rs.getLong("error_count"), rs.getLong("total_tokens"),
            rs.getDouble("cost_total")))
        .findOne());
  }

  /** A row of {@link SpanColumns#preview}: the span as a list shows it. */
  static Span mapSpan(ResultSet rs, StatementContext ctx) throws SQLException {
    return SpanColumns.mapPreview(rs, ctx);
  }

  static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
