package dev.assay.jobs;

/**
 * One row of the durable work queue, as last read from the store. All times are epoch microseconds
 * (UTC) taken from the store's injected clock.
 *
 * @param payloadJson the job's parameters as a JSON object; the database may normalise whitespace and key order
 * @param priority higher runs first among due jobs
 * @param attempts tries started so far: each claim adds one, an explicit release gives it back
 * @param runAfter the job is not claimed before this time
 * @param leaseOwner the worker holding the job while {@code RUNNING}, otherwise null
 * @param leaseUntil when that lease expires if not renewed, otherwise null
 * @param idempotencyKey the caller's de-duplication key, or null
 * @param lastError the most recent failure (handler error or lost lease), kept after a later success; null if none
 * @param finishedAt when the job became {@code SUCCEEDED} or {@code DEAD}, otherwise null
 */
public record Job(
    String id,
    String kind,
    String payloadJson,
    JobStatus status,
    int priority,
    int attempts,
    int maxAttempts,
    long runAfter,
    String leaseOwner,
    Long leaseUntil,
    String idempotencyKey,
    String lastError,
    long createdAt,
    long updatedAt,
    Long finishedAt) {

  /** A short description for logs: kind, id and attempt. */
  public String describe() {
    return kind + " job " + id + " (attempt " + attempts + " of " + maxAttempts + ")";
  }
}
