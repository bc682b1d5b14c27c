package dev.assay.server.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.traces.Span;
import java.io.IOException;
import java.io.OutputStream;

/** JSON Lines: each span as the AX Span JSON of {@code POST /v2/spans} ({@link SpanController#toJson}), one per line. */
final class JsonlSpanWriter implements SpanExportWriter {
  private final SpanController spans;
  private final ObjectMapper json;
  private final JsonGenerator out;

  JsonlSpanWriter(OutputStream out, SpanController spans, ObjectMapper json) throws IOException {
    this.spans = spans;
    this.json = json;
    this.out = json.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  @Override
  public void begin() {}

  @Override
  public void write(Span span) throws IOException {
    json.writeValue(out, spans.toJson(span));
    out.writeRaw('\n');
  }

  @Override
  public void finish() throws IOException {
    out.close(); // flushes; the target stays open (AUTO_CLOSE_TARGET off)
  }
}
