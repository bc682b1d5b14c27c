package dev.assay.eval.exec;

import java.util.List;

/**
 * How a run ended.
 *
 * @param succeeded items that got a result
 * @param failed items recorded with an error
 * @param skipped items the loop guard skipped (subjects produced by evaluators)
 * @param pausedReason why the work paused (a provider's auth, billing or configuration failure), null when it did not
 * @param unprocessed items not finished because of the pause (nothing was recorded for them)
 */
public record RunReport(long succeeded, long failed, long skipped, String pausedReason, List<WorkItem> unprocessed) {
  public RunReport {
    unprocessed = unprocessed == null ? List.of() : List.copyOf(unprocessed);
  }

  public boolean paused() {
    return pausedReason != null;
  }
}
