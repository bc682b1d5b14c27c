package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.query.FilterCompiler;
import dev.assay.query.SqlFragment;
import dev.assay.traces.Span;
import dev.assay.traces.SpanExportQuery;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
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

  // The outer table keeps its own name (no alias), so that the select list can be exactly the one find() reads;
  // the subqueries alias their tables, which leaves "spans." naming the outer row inside them.
  private static final String SPANS = """
      SELECT %s FROM spans
      WHERE spans.project_id = :project_id AND spans.start_time >= :start_time AND spans.start_time < :end_time
        AND %s AND %s
      ORDER BY spans.trace_id, spans.start_time, spans.span_id""";
  private static final String TRACES = """
      SELECT %s FROM spans
      WHERE spans.project_id = :project_id AND %s
        AND EXISTS (SELECT 1 FROM traces t WHERE t.project_id = spans.project_id AND t.trace_id = spans.trace_id
          AND t.start_time >= :start_time AND t.start_time < :end_time)
        AND EXISTS (SELECT 1 FROM spans m WHERE m.project_id = spans.project_id AND m.trace_id = spans.trace_id AND %s)
      ORDER BY spans.trace_id, spans.start_time, spans.span_id""";

  private final String columns;
  private final RowMapper<Span> mapper;
  private final FilterCompiler compiler;

  /**
   * @param wholeColumns the unqualified select list of a whole span, the one {@code SpanStore.find} reads
   * @param mapper maps a row of {@code wholeColumns}
   */
  StreamSpans(Dialect dialect, String wholeColumns, RowMapper<Span> mapper) {
    this.columns = wholeColumns;
    this.mapper = mapper;
    this.compiler = new FilterCompiler(dialect);
  }

  long run(Jdbi jdbi, AccessScope scope, SpanExportQuery q, Consumer<Span> sink) {
    boolean traces = q.selection() == SpanExportQuery.Selection.TRACES;
    SqlFragment filter = q.filter() == null ? new SqlFragment("1 = 1", Map.of())
        : compiler.spans(q.filter(), traces ? "m" : "spans");
    String sql = (traces ? TRACES : SPANS).formatted(columns, ScopeSql.projectClause(scope, "spans.project_id"), filter.sql());
    return jdbi.inTransaction(h -> {
      Query query = ScopeSql.bind(h.createQuery(sql), scope)
          .bind("project_id", q.projectId()).bind("start_time", q.startTime()).bind("end_time", q.endTime())
          .bindMap(filter.binds())
          .setFetchSize(FETCH_SIZE);
      long count = 0;
      try (ResultIterator<Span> rows = query.map(mapper).iterator()) {
        while (rows.hasNext()) {
          sink.accept(rows.next());
          count++;
        }
      }
      return count;
    });
  }
}
