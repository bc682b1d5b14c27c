package dev.assay.server.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.assay.shared.Times;
import dev.assay.traces.Span;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * CSV (RFC 4180 quoting by jackson-dataformat-csv, a header row, LF line ends): one row per span with the
 * fixed columns of {@link #COLUMNS}. Times are ISO-8601 UTC; empty cells are absent values; {@code attributes}
 * is the flattened attribute map as compact JSON. The column list is part of the API (documented in the
 * OpenAPI document): only ever append to it.
 */
final class CsvSpanWriter implements SpanExportWriter {
  static final List<String> COLUMNS = List.of("trace_id", "span_id", "parent_id", "name", "span_kind", "start_time",
      "end_time", "latency_ms", "status_code", "status_message", "model_name", "model_provider", "prompt_tokens",
      "completion_tokens", "total_tokens", "cost_total", "session_id", "user_id", "input_value", "output_value",
      "attributes");

  private static final CsvMapper CSV = CsvMapper.builder().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();
  private static final CsvSchema SCHEMA;

  static {
    CsvSchema.Builder schema = CsvSchema.builder();
    COLUMNS.forEach(schema::addColumn);
    SCHEMA = schema.build().withoutHeader();
  }

  private final SequenceWriter out;

  CsvSpanWriter(OutputStream out) throws IOException {
    this.out = CSV.writer(SCHEMA).writeValues(out);
  }

  /** The header row, written as a row so that an empty export still has it (the library writes it lazily). */
  @Override
  public void begin() throws IOException {
    out.write(COLUMNS.toArray());
  }

  @Override
  public void write(Span s) throws IOException {
    out.write(new Object[] {s.traceId(), s.spanId(), s.parentId(), s.name(), s.spanKind(),
        Times.instant(s.startTime()).toString(), Times.instant(s.endTime()).toString(), s.latencyMs(), s.statusCode(),
        s.statusMessage(), s.modelName(), s.modelProvider(), s.promptTokens(), s.completionTokens(), s.totalTokens(),
        s.costTotal(), s.sessionId(), s.userId(), s.inputValue(), s.outputValue(), s.attributesJson()});
  }

  @Override
  public void finish() throws IOException {
    out.close(); // flushes; the target stays open (AUTO_CLOSE_TARGET off)
  }
}
