package dev.assay.tasks;

/** Where a run is in its life (AX's {@code TaskRunStatus}). */
public enum TaskRunStatus {
  /** Created; its targets are not yet planned into chunks. */
  PENDING,
  /** Planned; chunks are being evaluated (also while paused: see {@link TaskRun#pausedReason()}). */
  RUNNING,
  /** Every chunk finished. */
  COMPLETED,
  /** Stopped by an error that retries could not get past; {@link TaskRun#failureReason()} says which. */
  FAILED,
  /** Cancelled by a caller, or nothing was left to evaluate. */
  CANCELLED;

  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
