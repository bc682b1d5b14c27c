package dev.assay.jobs;

/**
 * Runs the jobs of one kind; registered with a {@link JobWorkerPool} under that kind.
 *
 * <p>Execution is at-least-once: a worker that dies or loses its lease after doing the work lets
 * another run it again, so a handler must be idempotent (upsert by a natural key, deliver with a
 * stable delivery id). Handlers run on virtual threads and may block.
 */
@FunctionalInterface
public interface JobHandler {

  /**
   * Does the job. Returning normally marks it {@link JobStatus#SUCCEEDED}; throwing records the
   * error and retries it with backoff until its attempts run out, then dead-letters it. An interrupt
   * means the pool is shutting down and has handed the job back to the queue: stop early.
   */
  void handle(Job job) throws Exception;
}
