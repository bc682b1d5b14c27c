package dev.assay.server.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.auth.AccessScope;
import dev.assay.traces.Span;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Lines: each span as the AX Span JSON of {@code POST /v2/spans} ({@link SpanController#toJson}), one per
 * line, with its stored results. Spans are held back in groups of {@link #GROUP} so that their results are
 * read with one query per group rather than one per span; memory stays bounded by the group, not the export.
 */
final class JsonlSpanWriter implements SpanExportWriter {
  static final int GROUP = 200;

  private final SpanController spans;
  private final AccessScope scope;
  private final ObjectMapper json;
  private final JsonGenerator out;
  private final List<Span> pending = new ArrayList<>(GROUP);

  JsonlSpanWriter(OutputStream out, SpanController spans, AccessScope scope, ObjectMapper json) throws IOException {
    this.spans = spans;
    this.scope = scope;
    this.json = json;
    this.out = json.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  /** Sends the status and headers at once, so a client sees the export start before the first group is read. */
  @Override
  public void begin() throws IOException {
    out.flush();
  }

  @Override
  public void write(Span span) throws IOException {
    pending.add(span);
    if (pending.size() == GROUP) {
      flushPending();
    }
  }

  @Override
  public void finish() throws IOException {
    flushPending();
    out.close(); // flushes; the target stays open (AUTO_CLOSE_TARGET off)
  }

  private void flushPending() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    for (SpanController.SpanJson line : spans.toJson(scope, pending)) {
      json.writeValue(out, line);
      out.writeRaw('\n');
    }
    pending.clear();
  }
}
