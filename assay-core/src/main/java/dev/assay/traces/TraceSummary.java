package dev.assay.traces;

/**
 * A trace's roll-up, maintained at ingest in the same transaction as its spans.
 * Times are epoch microseconds; the root fields are null until the root span has arrived.
 */
public record TraceSummary(
    String projectId,
    String traceId,
    String rootSpanId,
    String rootSpanName,
    long startTime,
    long endTime,
    long spanCount,
    long errorCount,
    long promptTokens,
    long completionTokens,
    long totalTokens,
    double costTotal,
    String sessionId) {}
