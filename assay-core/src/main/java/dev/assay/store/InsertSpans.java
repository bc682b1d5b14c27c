package dev.assay.store;

import static dev.assay.store.StagingTable.Column.bigint;
import static dev.assay.store.StagingTable.Column.float8;
import static dev.assay.store.StagingTable.Column.text;

import dev.assay.store.StagingTable.Column;
import dev.assay.traces.Span;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Moves one batch of spans with distinct keys into {@code spans} inside the writer's transaction:
 * bulk-loads them into a staging table ({@link Dialect#bulkLoad()}), then {@code INSERT INTO spans …
 * SELECT … ON CONFLICT DO NOTHING RETURNING} the keys. The database skips resent spans and says exactly
 * which rows went in, also under concurrent replicas on PostgreSQL; only those feed the roll-ups. JSON
 * is validated by the cast. Not thread-safe (one per sink).
 *
 * <p>Appending straight into {@code spans} (one copy instead of two) was tried on DuckDB and dropped:
 * the Appender cannot skip duplicates, a duplicate key aborts the whole transaction, and measured side
 * by side (5,000 rows of 1 KB per commit) it was no faster once its rows were committed with the
 * transaction rather than on their own.
 */
final class InsertSpans {
  /** A span's primary key. */
  record Key(String projectId, String traceId, String spanId) {
    static Key of(Span s) {
      return new Key(s.projectId(), s.traceId(), s.spanId());
    }
  }

  /** The {@code spans} columns this writer fills besides {@code ingested_at}. */
  static final List<Column> COLUMNS = List.of(
      text("project_id"), text("trace_id"), text("span_id"), text("parent_id"), text("name"), text("span_kind"),
      bigint("start_time"), bigint("end_time"), float8("latency_ms"), text("status_code"), text("status_message"),
      text("input_value"), text("input_mime_type"), text("output_value"), text("output_mime_type"), text("model_name"),
      text("model_provider"), bigint("prompt_tokens"), bigint("completion_tokens"), bigint("total_tokens"),
      float8("cost_total"), text("session_id"), text("user_id"), text("attributes"), text("events"), text("agent_name"),
      text("tags"), text("metadata"), bigint("prompt_tokens_cache_read"), bigint("prompt_tokens_cache_write"),
      bigint("prompt_tokens_audio"), bigint("completion_tokens_reasoning"), bigint("completion_tokens_audio"),
      float8("cost_prompt"), float8("cost_completion"), text("large_attributes"));
  /** The columns that travel as text and are cast to the JSON type on the way into {@code spans}. */
  private static final Set<String> JSON_COLUMNS = Set.of("attributes", "events", "tags", "metadata", "large_attributes");

  private final StagingTable stage;
  private final String insert;

  InsertSpans(Dialect dialect) {
    stage = StagingTable.create(dialect, "assay_stage_spans", COLUMNS);
    String select = COLUMNS.stream().map(Column::name)
        .map(c -> JSON_COLUMNS.contains(c) ? dialect.jsonFromText(c) : c)
        .collect(Collectors.joining(", "));
    insert = "INSERT INTO spans (" + stage.columnList() + ", ingested_at) SELECT " + select + ", ? FROM " + stage.name()
        + " ON CONFLICT DO NOTHING RETURNING project_id, trace_id, span_id";
  }

  /** The staging table, for the sink's {@link StagingArea}. */
  StagingTable stage() {
    return stage;
  }

  /**
   * Inserts the spans (distinct keys) that are not stored yet.
   *
   * @param now the {@code ingested_at} value, epoch microseconds
   * @return the inserted spans, in the order given
   */
  List<Span> insert(Handle h, StagingArea area, List<Span> spans, long now) throws Exception {
    if (spans.isEmpty()) {
      return List.of();
    }
    stage.load(h, spans, InsertSpans::encode);
    PreparedStatement statement = area.statement(insert);
    statement.setLong(1, now);
    List<Key> inserted = new ArrayList<>(spans.size());
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        inserted.add(new Key(rs.getString(1), rs.getString(2), rs.getString(3)));
      }
    }
    if (inserted.size() == spans.size()) {
      return spans;
    }
    Set<Key> keys = new HashSet<>(inserted);
    return spans.stream().filter(s -> keys.contains(Key.of(s))).toList();
  }

  /** Writes a span's values in {@link #COLUMNS} order. */
  static void encode(Span s, StagingTable.RowWriter out) throws SQLException {
    out.text(s.projectId());
    out.text(s.traceId());
    out.text(s.spanId());
    out.text(s.parentId());
    out.text(s.name());
    out.text(s.spanKind());
    out.bigint(s.startTime());
    out.bigint(s.endTime());
    out.float8(s.latencyMs());
    out.text(s.statusCode());
    out.text(s.statusMessage());
    out.text(s.inputValue());
    out.text(s.inputMimeType());
    out.text(s.outputValue());
    out.text(s.outputMimeType());
    out.text(s.modelName());
    out.text(s.modelProvider());
    out.bigint(s.promptTokens());
    out.bigint(s.completionTokens());
    out.bigint(s.totalTokens());
    out.float8(s.costTotal());
    out.text(s.sessionId());
    out.text(s.userId());
    out.text(s.attributesJson());
    out.text(s.eventsJson());
    out.text(s.agentName());
    out.text(s.tagsJson());
    out.text(s.metadataJson());
    out.bigint(s.tokenDetails().promptCacheRead());
    out.bigint(s.tokenDetails().promptCacheWrite());
    out.bigint(s.tokenDetails().promptAudio());
    out.bigint(s.tokenDetails().completionReasoning());
    out.bigint(s.tokenDetails().completionAudio());
    out.float8(s.costPrompt());
    out.float8(s.costCompletion());
    out.text(s.largeAttributesJson());
  }
}
