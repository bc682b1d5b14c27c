package dev.assay.traces;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where ingest hands accepted spans: the batching writer in production ({@code BatchingWriter::submit}).
 * The future completes after the spans are committed.
 *
 * @see dev.assay.store.BatchingWriter#submit(List, long) for the exceptions (overloaded, unavailable,
 *     too large) thrown when nothing was accepted
 */
@FunctionalInterface
public interface SpanWriter {
  CompletableFuture<Void> submit(List<Span> spans, long weight);
}
