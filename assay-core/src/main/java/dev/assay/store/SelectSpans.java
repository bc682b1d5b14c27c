package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.query.FilterCompiler;
import dev.assay.query.SqlFragment;
import dev.assay.shared.Cursors;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Page;
import dev.assay.traces.Span;
import dev.assay.traces.SpanQuery;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * One page of a project's spans in a start-time window, optionally filtered ({@link SpanQuery}). Keyset
 * paging on {@code (start_time, trace_id, span_id)}, all descending; the cursor holds the last row's key.
 * The keyset condition is spelled out (no row-value comparison) so both dialects read it the same way.
 */
final class SelectSpans {
  private static final String SQL = """
      SELECT %s FROM spans s
      WHERE s.project_id = :project_id AND s.start_time >= :start_time AND s.start_time < :end_time
        AND %s AND %s AND %s
      ORDER BY s.start_time DESC, s.trace_id DESC, s.span_id DESC
      LIMIT :limit_plus_one""";
  private static final String AFTER_CURSOR = """
      (s.start_time < :c_start OR (s.start_time = :c_start AND (s.trace_id < :c_trace
        OR (s.trace_id = :c_trace AND s.span_id < :c_span))))""";

  private final String columns;
  private final FilterCompiler compiler;

  SelectSpans(Dialect dialect) {
    this.columns = """
        s.project_id, s.trace_id, s.span_id, s.parent_id, s.name, s.span_kind, s.start_time, s.end_time,
        s.status_code, s.status_message, s.input_value, s.input_mime_type, s.output_value, s.output_mime_type,
        s.model_name, s.model_provider, s.prompt_tokens, s.completion_tokens, s.total_tokens, s.cost_total,
        s.session_id, s.user_id, %s AS attributes, %s AS events""".formatted(
        dialect.jsonText("s.attributes"), dialect.jsonText("s.events"));
    this.compiler = new FilterCompiler(dialect);
  }

  Page<Span> run(Handle h, AccessScope scope, SpanQuery q) {
    SqlFragment filter = q.filter() == null ? new SqlFragment("1 = 1", Map.of()) : compiler.spans(q.filter(), "s");
    String sql = SQL.formatted(columns, ScopeSql.projectClause(scope, "s.project_id"), filter.sql(),
        q.cursor() == null ? "1 = 1" : AFTER_CURSOR);
    Query query = ScopeSql.bind(h.createQuery(sql), scope)
        .bind("project_id", q.projectId()).bind("start_time", q.startTime()).bind("end_time", q.endTime())
        .bind("limit_plus_one", q.limit() + 1)
        .bindMap(filter.binds());
    if (q.cursor() != null) {
      String[] key = Cursors.decode(q.cursor(), 3);
      query.bind("c_start", parseStart(key[0])).bind("c_trace", key[1]).bind("c_span", key[2]);
    }
    return Pages.of(query.map(JdbcSpanStore::mapSpan).list(), q.limit(),
        s -> Cursors.encode(Long.toString(s.startTime()), s.traceId(), s.spanId()));
  }

  /**
   * The list (preview) column list over the {@code spans} row aliased {@code s}, as {@link JdbcSpanStore#mapSpan}
   * reads it; other span reads that show previews (traces, sessions) select exactly these.
   */
  String columns() {
    return columns;
  }

  private static long parseStart(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("invalid pagination cursor");
    }
  }

  @Override
  public String toString() {
    return "SelectSpans{" + SQL.formatted(columns, "<scope>", "<filter>", "<cursor>") + "}";
  }
}
