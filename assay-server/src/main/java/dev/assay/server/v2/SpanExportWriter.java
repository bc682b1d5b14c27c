package dev.assay.server.v2;

import dev.assay.traces.Span;
import java.io.IOException;

/**
 * Writes one export format to a stream, span by span: {@link #begin}, {@link #write} per span, {@link #finish}.
 * Implementations keep no spans: each is written, then forgotten. {@link #finish} completes the document
 * (closing brackets, the last flush); it is not called when the export fails, so a cut stream stays visibly cut.
 */
interface SpanExportWriter {
  void begin() throws IOException;

  void write(Span span) throws IOException;

  void finish() throws IOException;
}
