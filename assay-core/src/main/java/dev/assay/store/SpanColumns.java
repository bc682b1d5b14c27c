package dev.assay.store;

import dev.assay.traces.Span;
import dev.assay.traces.SpanPreview;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@code spans} select lists and row mappers, in two shapes ({@link SpanPreview}):
 * <ul>
 *   <li>{@link #preview}: for lists. {@code input_value}/{@code output_value} cut to
 *       {@link SpanPreview#MAX_CHARS} in SQL (both dialects' {@code substring} count characters), and
 *       {@code large_attributes} not read at all, so a list never moves the large values;
 *       {@link #mapPreview} names the cut keys in {@link Span#truncatedKeys()}.
 *   <li>{@link #whole}: for one span and exports. Everything; {@link #mapWhole} merges
 *       {@code large_attributes} back into the attributes.
 * </ul>
 */
final class SpanColumns {
  private static final String COMMON = """
      %1$sproject_id, %1$strace_id, %1$sspan_id, %1$sparent_id, %1$sname, %1$sspan_kind, %1$sstart_time, %1$send_time,
      %1$sstatus_code, %1$sstatus_message, %1$sinput_mime_type, %1$soutput_mime_type, %1$smodel_name, %1$smodel_provider,
      %1$sprompt_tokens, %1$scompletion_tokens, %1$stotal_tokens, %1$scost_total, %1$ssession_id, %1$suser_id,
      %1$sagent_name, %1$sprompt_tokens_cache_read, %1$sprompt_tokens_cache_write, %1$sprompt_tokens_audio,
      %1$scompletion_tokens_reasoning, %1$scompletion_tokens_audio, %1$scost_prompt, %1$scost_completion""";

  private SpanColumns() {}

  /** The preview select list; {@code alias} is a table alias ("s") or empty. */
  static String preview(Dialect dialect, String alias) {
    String p = alias == null || alias.isEmpty() ? "" : alias + ".";
    return COMMON.formatted(p) + ", substring(" + p + "input_value, 1, " + SpanPreview.MAX_CHARS + ") AS input_value"
        + ", substring(" + p + "output_value, 1, " + SpanPreview.MAX_CHARS + ") AS output_value, "
        + json(dialect, p, "attributes") + ", " + json(dialect, p, "events") + ", " + json(dialect, p, "tags") + ", "
        + json(dialect, p, "metadata");
  }

  /** The whole select list, {@code large_attributes} included. */
  static String whole(Dialect dialect, String alias) {
    String p = alias == null || alias.isEmpty() ? "" : alias + ".";
    return COMMON.formatted(p) + ", " + p + "input_value, " + p + "output_value, " + json(dialect, p, "attributes") + ", "
        + json(dialect, p, "events") + ", " + json(dialect, p, "tags") + ", " + json(dialect, p, "metadata") + ", "
        + json(dialect, p, "large_attributes");
  }

  /** A row of {@link #preview}: cut values, the cut keys listed. */
  static Span mapPreview(ResultSet rs, StatementContext ctx) throws SQLException {
    String attributes = rs.getString("attributes");
    String input = rs.getString("input_value");
    String output = rs.getString("output_value");
    List<String> cut = SpanPreview.cutKeys(attributes);
    // Spans written by hand (tests, imports) may have input/output columns without the attributes.
    if (SpanPreview.isAtPreviewLength(input) && !cut.contains("input.value")) {
      cut = append(cut, "input.value");
    }
    if (SpanPreview.isAtPreviewLength(output) && !cut.contains("output.value")) {
      cut = append(cut, "output.value");
    }
    return map(rs, input, output, attributes, cut);
  }

  /** A row of {@link #whole}: the stored large values merged back, nothing cut. */
  static Span mapWhole(ResultSet rs, StatementContext ctx) throws SQLException {
    String input = rs.getString("input_value");
    String output = rs.getString("output_value");
    String attributes = SpanPreview.merge(rs.getString("attributes"), rs.getString("large_attributes"), input, output);
    return map(rs, input, output, attributes, List.of());
  }

  private static Span map(ResultSet rs, String input, String output, String attributes, List<String> truncatedKeys)
      throws SQLException {
    return new Span(
        rs.getString("project_id"), rs.getString("trace_id"), rs.getString("span_id"), rs.getString("parent_id"),
        rs.getString("name"), rs.getString("span_kind"), rs.getLong("start_time"), rs.getLong("end_time"),
        rs.getString("status_code"), rs.getString("status_message"), input, rs.getString("input_mime_type"), output,
        rs.getString("output_mime_type"), rs.getString("model_name"), rs.getString("model_provider"),
        JdbcSpanStore.nullableLong(rs, "prompt_tokens"), JdbcSpanStore.nullableLong(rs, "completion_tokens"), JdbcSpanStore.nullableLong(rs, "total_tokens"),
        JdbcSpanStore.nullableDouble(rs, "cost_total"), rs.getString("session_id"), rs.getString("user_id"), attributes,
        rs.getString("events"), rs.getString("agent_name"), rs.getString("tags"), rs.getString("metadata"),
        new Span.TokenDetails(JdbcSpanStore.nullableLong(rs, "prompt_tokens_cache_read"), JdbcSpanStore.nullableLong(rs, "prompt_tokens_cache_write"),
            JdbcSpanStore.nullableLong(rs, "prompt_tokens_audio"), JdbcSpanStore.nullableLong(rs, "completion_tokens_reasoning"),
            JdbcSpanStore.nullableLong(rs, "completion_tokens_audio")),
        JdbcSpanStore.nullableDouble(rs, "cost_prompt"), JdbcSpanStore.nullableDouble(rs, "cost_completion"), null, truncatedKeys, List.of());
  }

  private static String json(Dialect dialect, String prefix, String column) {
    return dialect.jsonText(prefix + column) + " AS " + column;
  }

  private static List<String> append(List<String> keys, String key) {
    List<String> out = new ArrayList<>(keys);
    out.add(key);
    return out;
  }
}
