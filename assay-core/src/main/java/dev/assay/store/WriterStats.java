package dev.assay.store;

/**
 * A snapshot of a {@link BatchingWriter}'s counters, for readiness checks, metrics and benchmarks.
 * Counters are totals since the writer started.
 *
 * @param queuedRows rows accepted and not yet completed (waiting plus in the commit in flight)
 * @param queuedWeight the callers' weights of those rows
 * @param capacityRows the bound on {@code queuedRows}
 * @param commits transactions committed (group commits and isolated retries)
 * @param rowsCommitted rows of submissions whose future completed normally (resent duplicates included)
 * @param submissionsCommitted submissions whose future completed normally
 * @param submissionsFailed submissions whose future completed exceptionally
 * @param groupsRetried failed groups whose submissions were retried one by one
 * @param rejected submits refused with {@link dev.assay.shared.OverloadedException}
 * @param accepting false once {@link BatchingWriter#close()} began or the writer thread died
 */
public record WriterStats(
    long queuedRows,
    long queuedWeight,
    long capacityRows,
    long commits,
    long rowsCommitted,
    long submissionsCommitted,
    long submissionsFailed,
    long groupsRetried,
    long rejected,
    boolean accepting) {}
