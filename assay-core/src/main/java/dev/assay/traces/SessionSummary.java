package dev.assay.traces;

/**
 * A session's roll-up (traces sharing {@code session.id}), maintained at ingest. {@code firstInput}
 * is the input of its earliest root span, {@code lastOutput} the output of its latest one.
 */
public record SessionSummary(
    String projectId,
    String sessionId,
    String userId,
    String firstInput,
    String lastOutput,
    long startTime,
    long endTime,
    long traceCount,
    long spanCount,
    long errorCount,
    long totalTokens,
    double costTotal) {}
