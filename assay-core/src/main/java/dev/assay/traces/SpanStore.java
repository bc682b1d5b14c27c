package dev.assay.traces;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads stored spans and their trace and session roll-ups. Writes go through the batching writer
 * ({@code BatchingWriter} with {@code JdbcSpanSink}, in the store package) so that concurrent ingest
 * requests share commits; the roll-ups are maintained in the same transaction as their spans.
 */
public interface SpanStore {

  Optional<Span> find(AccessScope scope, String projectId, String traceId, String spanId);

  /**
   * Many spans by span id in one read, whole (no preview cut), in no particular order; ids that are unknown are
   * left out. When several traces hold one span id, every such span is returned.
   */
  default List<Span> findByIds(AccessScope scope, String projectId, java.util.Collection<String> spanIds) {
    return findByIds(scope, projectId, spanIds, null);
  }

  /**
   * As {@link #findByIds(AccessScope, String, java.util.Collection)}, only spans with {@code ingested_at >=
   * ingestedSince} when that is set (continuous evaluation knows its spans' commit time; the bound lets DuckDB skip
   * older row groups, having no index on span_id).
   */
  List<Span> findByIds(AccessScope scope, String projectId, java.util.Collection<String> spanIds,
      java.time.Instant ingestedSince);

  /** The spans of one trace ordered by start time, then span id; empty when the trace is unknown. */
  List<Span> listTrace(AccessScope scope, String projectId, String traceId);

  /**
   * One page of the query's spans, ordered by start time descending, then trace id and span id descending
   * (a total order, so paging never skips or repeats a span). An unknown or invisible project gives an
   * empty page. A cursor that does not decode is an {@link dev.assay.shared.InvalidInputException}.
   */
  Page<Span> search(AccessScope scope, SpanQuery query);

  /**
   * Hands every span the export selects to {@code sink}, one at a time, ordered by trace id, then start time,
   * then span id, and returns how many it handed over. Spans are whole (no preview cut). The rows come from
   * one forward read of one query (a server-side cursor on PostgreSQL, DuckDB's streaming result), so memory
   * stays constant whatever the export's size; nothing is collected. An unknown or invisible project streams
   * nothing. An exception from {@code sink} stops the read and propagates.
   */
  long stream(AccessScope scope, SpanExportQuery query, Consumer<Span> sink);

  /** Number of spans stored in the project; 0 for an unknown or invisible project. */
  long countSpans(AccessScope scope, String projectId);

  Optional<TraceSummary> findTrace(AccessScope scope, String projectId, String traceId);

  Optional<SessionSummary> findSession(AccessScope scope, String projectId, String sessionId);
}
