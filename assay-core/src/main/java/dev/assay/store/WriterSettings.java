package dev.assay.store;

import java.time.Duration;

/**
 * Limits of a {@link BatchingWriter}.
 *
 * @param maxRowsPerCommit a group stops taking submissions before it would exceed this many rows; a
 *     single submission larger than this still commits alone (a submission is never split)
 * @param maxQueuedRows bound on rows accepted and not yet committed (waiting plus in flight); a submit
 *     that would exceed it throws {@link dev.assay.shared.OverloadedException}
 * @param maxQueuedWeight the same bound on the callers' weights (for example approximate bytes); 0 = none
 * @param maxLinger how long the writer may wait for more submissions before committing, when the last
 *     group was shared by several submitters and fewer are waiting now (0 = never wait)
 * @param minRetryAfter lower bound of the {@code Retry-After} hint given when overloaded
 * @param maxRetryAfter upper bound of that hint
 * @param closeTimeout how long {@link BatchingWriter#close()} waits for accepted work to commit
 */
public record WriterSettings(
    int maxRowsPerCommit,
    long maxQueuedRows,
    long maxQueuedWeight,
    Duration maxLinger,
    Duration minRetryAfter,
    Duration maxRetryAfter,
    Duration closeTimeout) {

  /** Defaults sized by bench/WriterBench: up to 20k rows of ~1 KB per commit, at most ~128 MB of spans queued. */
  public static final WriterSettings DEFAULTS = new WriterSettings(20_000, 100_000, 128L << 20, Duration.ofMillis(2),
      Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30));

  public WriterSettings {
    if (maxRowsPerCommit < 1 || maxQueuedRows < maxRowsPerCommit || maxQueuedWeight < 0) {
      throw new IllegalArgumentException("need 1 <= maxRowsPerCommit <= maxQueuedRows and maxQueuedWeight >= 0, got "
          + maxRowsPerCommit + ", " + maxQueuedRows + ", " + maxQueuedWeight);
    }
    if (maxLinger.isNegative() || minRetryAfter.isNegative() || maxRetryAfter.compareTo(minRetryAfter) < 0 || closeTimeout.isNegative()) {
      throw new IllegalArgumentException("need maxLinger >= 0, 0 <= minRetryAfter <= maxRetryAfter and closeTimeout >= 0");
    }
  }

  public WriterSettings withMaxRowsPerCommit(int rows) {
    return new WriterSettings(rows, maxQueuedRows, maxQueuedWeight, maxLinger, minRetryAfter, maxRetryAfter, closeTimeout);
  }

  /** A commit never holds more rows than the queue can: a queue smaller than the commit size shrinks it too. */
  public WriterSettings withMaxQueuedRows(long rows) {
    int rowsPerCommit = (int) Math.max(1, Math.min(maxRowsPerCommit, rows));
    return new WriterSettings(rowsPerCommit, rows, maxQueuedWeight, maxLinger, minRetryAfter, maxRetryAfter, closeTimeout);
  }

  public WriterSettings withMaxQueuedWeight(long weight) {
    return new WriterSettings(maxRowsPerCommit, maxQueuedRows, weight, maxLinger, minRetryAfter, maxRetryAfter, closeTimeout);
  }

  public WriterSettings withMaxLinger(Duration linger) {
    return new WriterSettings(maxRowsPerCommit, maxQueuedRows, maxQueuedWeight, linger, minRetryAfter, maxRetryAfter, closeTimeout);
  }

  public WriterSettings withCloseTimeout(Duration timeout) {
    return new WriterSettings(maxRowsPerCommit, maxQueuedRows, maxQueuedWeight, maxLinger, minRetryAfter, maxRetryAfter, timeout);
  }
}
