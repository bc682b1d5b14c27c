package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.query.FilterCompiler;
import dev.assay.query.SqlFragment;
import dev.assay.traces.Span;
import dev.assay.traces.SpanExportQuery;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.Query;

/**
 * The export read ({@link dev.assay.traces.SpanStore#stream}): one query, read forward row by row.
 *
 * <p>Constant memory: PostgreSQL's driver fetches the whole result unless the statement runs inside a
 * transaction (autocommit off) with a fetch size, which makes it a server-side cursor of {@link #FETCH_SIZE}
 * rows at a time; so the read runs in a transaction on both databases (also giving one consistent snapshot).
 * DuckDB's JDBC driver streams results by default ({@code jdbc_stream_results}). The sort by
 * {@code (trace_id, start_time, span_id)} happens in the database, which spills to disk when it must.
 *
 * <p>The traces variant selects spans whose trace (in {@code traces}, by its start) lies in the window and has
 * at least one span matching the filter, checked with {@code EXISTS} on the compiled span filter.
 */
final class StreamSpans {
  static final int FETCH_SIZE = 500;

  private static final String SPANS = """
      SELECT %s FROM spans s
      WHERE s.project_id = :project_id AND s.start_time >= :start_time AND s.start_time < :end_time
        AND %s AND %s
      ORDER BY s.trace_id, s.start_time, s.span_id""";
  private static final String TRACES = """
      SELECT %s FROM spans s
      WHERE s.project_id = :project_id AND %s
        AND EXISTS (SELECT 1 FROM traces t WHERE t.project_id = s.project_id AND t.trace_id = s.trace_id
          AND t.start_time >= :start_time AND t.start_time < :end_time)
        AND EXISTS (SELECT 1 FROM spans m WHERE m.project_id = s.project_id AND m.trace_id = s.trace_id AND %s)
      ORDER BY s.trace_id, s.start_time, s.span_id""";

  private final String columns;
  private final FilterCompiler compiler;

  StreamSpans(Dialect dialect) {
    // Every column the writer stores, as find() reads them: exports are whole spans.
    this.columns = """
        s.project_id, s.trace_id, s.span_id, s.parent_id, s.name, s.span_kind, s.start_time, s.end_time,
        s.status_code, s.status_message, s.input_value, s.input_mime_type, s.output_value, s.output_mime_type,
        s.model_name, s.model_provider, s.prompt_tokens, s.completion_tokens, s.total_tokens, s.cost_total,
        s.session_id, s.user_id, %s AS attributes, %s AS events""".formatted(
        dialect.jsonText("s.attributes"), dialect.jsonText("s.events"));
    this.compiler = new FilterCompiler(dialect);
  }

  long run(Jdbi jdbi, AccessScope scope, SpanExportQuery q, Consumer<Span> sink) {
    boolean traces = q.selection() == SpanExportQuery.Selection.TRACES;
    SqlFragment filter = q.filter() == null ? new SqlFragment("1 = 1", Map.of())
        : compiler.spans(q.filter(), traces ? "m" : "s");
    String sql = (traces ? TRACES : SPANS).formatted(columns, ScopeSql.projectClause(scope, "s.project_id"), filter.sql());
    return jdbi.inTransaction(h -> {
      Query query = ScopeSql.bind(h.createQuery(sql), scope)
          .bind("project_id", q.projectId()).bind("start_time", q.startTime()).bind("end_time", q.endTime())
          .bindMap(filter.binds())
          .setFetchSize(FETCH_SIZE);
      long count = 0;
      try (ResultIterator<Span> rows = query.map(JdbcSpanStore::mapSpan).iterator()) {
        while (rows.hasNext()) {
          sink.accept(rows.next());
          count++;
        }
      }
      return count;
    });
  }
}
