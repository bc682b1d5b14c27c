package dev.assay.jobs;

/** Where a {@link Job} is in its life. Transitions are made only by {@link JobQueue}. */
public enum JobStatus {
  /** Waiting to be claimed once {@code runAfter} has passed: new, retried, released, or requeued after a lost lease. */
  QUEUED,
  /** Claimed by {@code leaseOwner}, who holds it until {@code leaseUntil} unless it renews the lease. */
  RUNNING,
  /** Terminal: the handler returned normally. */
  SUCCEEDED,
  /** Dead-lettered after {@code maxAttempts} tries; kept with {@code lastError} until requeued by hand. */
  DEAD;

  /** True for the states a job leaves only by a manual action (or never). */
  public boolean finished() {
    return this == SUCCEEDED || this == DEAD;
  }
}
