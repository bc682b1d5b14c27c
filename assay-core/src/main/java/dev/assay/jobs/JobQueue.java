package dev.assay.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The durable work queue: one {@code jobs} table shared by every replica. Jobs are claimed under a
 * lease that the claiming worker (the "owner", a string unique per worker process) renews while it
 * runs them; a worker that dies loses its leases and another replica finishes the work. Execution is
 * at-least-once, so handlers are idempotent.
 *
 * <p><b>Attempts.</b> Each claim counts one attempt, including a re-claim after an expired lease, so a
 * job whose worker dies every time is dead-lettered like one whose handler throws every time. An
 * explicit {@link #release} (graceful shutdown) gives the attempt back: {@code attempts} counts real
 * tries.
 *
 * <p><b>Ownership.</b> {@link #renew}, {@link #complete}, {@link #fail} and {@link #release} act only
 * on jobs that are {@code RUNNING} with {@code leaseOwner} equal to the caller's owner. A worker whose
 * lease expired and whose job was reclaimed therefore cannot overwrite the new owner's outcome. A
 * lease that expired but was not yet reclaimed still belongs to its owner.
 *
 * <p>Times come from the implementation's injected clock and are stored as epoch microseconds.
 * Durations must be positive unless stated; {@code null} arguments are rejected with
 * {@link NullPointerException}, other bad arguments with {@link dev.assay.shared.InvalidInputException},
 * before any I/O. Methods are thread-safe and block; call them from virtual threads.
 */
public interface JobQueue {

  /** The most jobs one {@link #claim} may ask for. */
  int MAX_CLAIM = 1000;

  /** Longest {@code lastError} stored, in characters; longer errors are cut. */
  int MAX_ERROR_CHARS = 4000;

  /**
   * Adds a {@code QUEUED} job with {@code attempts = 0}, or — when a job with the same idempotency key
   * exists in any status — returns that job unchanged (its kind and payload win). Safe under
   * concurrency: callers racing with one key all get the same single job. A key stays taken while
   * its job row exists (see {@link #purgeSucceeded}).
   */
  Job enqueue(NewJob job);

  /**
   * {@link #enqueue} for many jobs in one transaction: all are added or none. Returns one job per
   * input, in input order; inputs sharing an idempotency key get the same job. Empty in, empty out.
   */
  List<Job> enqueueAll(List<NewJob> jobs);

  /**
   * Claims up to {@code maxJobs} (1 to {@value #MAX_CLAIM}) due jobs for {@code owner}: {@code QUEUED}
   * with {@code runAfter <= now}, or {@code RUNNING} with {@code leaseUntil < now} (a lost lease).
   * Each claimed job becomes {@code RUNNING} with {@code attempts + 1}, {@code leaseOwner = owner} and
   * {@code leaseUntil = now + leaseDuration}.
   *
   * <p>Every call first settles lost leases: such a job gets {@code lastError} saying whose lease
   * expired and becomes {@code QUEUED} with its old {@code runAfter} (so it is due at once and may be
   * claimed by this very call), or {@code DEAD} when it has no attempts left.
   *
   * <p>Order: highest {@code priority} first, then earliest {@code runAfter}, then {@code id}; the
   * returned list is in that order. Concurrent claimers never receive the same job. Returns an empty
   * list, never null, when nothing is due.
   */
  List<Job> claim(String owner, int maxJobs, Duration leaseDuration);

  /**
   * Like {@link #claim(String, int, Duration)}, but takes only jobs whose kind is in {@code kinds}
   * (lost leases of every kind are still settled). Worker pools claim the kinds they have handlers
   * for, so a replica that does not know a new kind (during a rolling deploy) leaves it to one that
   * does instead of burning its attempts. An empty set claims nothing and touches no row.
   */
  List<Job> claim(String owner, Set<String> kinds, int maxJobs, Duration leaseDuration);

  /**
   * Extends to {@code now + leaseDuration} the leases that {@code owner} still holds among
   * {@code jobIds}; returns those ids (empty when it holds none). A missing id means the lease was lost.
   */
  Set<String> renew(String owner, Collection<String> jobIds, Duration leaseDuration);

  /**
   * Marks the job {@code SUCCEEDED} and drops its lease, if {@code owner} still holds it; returns
   * whether it did. {@code lastError} from earlier attempts is kept.
   */
  boolean complete(String owner, String jobId);

  /**
   * Records a failed attempt, if {@code owner} still holds the job: {@code lastError = error}
   * (truncated to {@value #MAX_ERROR_CHARS} characters) and, when {@code attempts >= maxAttempts},
   * status {@code DEAD}; otherwise {@code QUEUED} with {@code runAfter = now + retryDelay} (zero or
   * positive). Returns the updated job, or empty when the caller no longer holds it.
   */
  Optional<Job> fail(String owner, String jobId, String error, Duration retryDelay);

  /**
   * Hands back jobs {@code owner} holds without a verdict (graceful shutdown): each becomes
   * {@code QUEUED}, keeps its {@code runAfter} (so it is due at once and keeps its place), and gets its
   * attempt back. Returns how many were released; ids it does not hold are ignored.
   */
  int release(String owner, Collection<String> jobIds);

  /**
   * Hands back a job {@code owner} holds without a verdict and without using up the attempt (see
   * {@link JobDeferral}): {@code QUEUED}, {@code runAfter = now + delay}, {@code lastError = reason} (truncated).
   * Returns false when the caller no longer holds it.
   */
  boolean defer(String owner, String jobId, String reason, Duration delay);

  /** The job with this id, or empty. */
  Optional<Job> find(String jobId);

  /** The number of jobs in each status; every status is present, with 0 when there are none. */
  Map<JobStatus, Long> countByStatus();

  /**
   * Requeues a dead-lettered job by hand: {@code QUEUED}, due now, {@code attempts = 0},
   * {@code lastError} kept. Returns the requeued job.
   *
   * @throws dev.assay.shared.NotFoundException when no job has this id
   * @throws dev.assay.shared.ConflictException when the job is not {@code DEAD}
   */
  Job retryDead(String jobId);

  /** Deletes {@code SUCCEEDED} jobs that finished before {@code finishedBefore}, freeing their idempotency keys; returns how many. */
  int purgeSucceeded(Instant finishedBefore);

  /**
   * Calls {@code listener} after this queue object commits jobs that may be due now (an enqueue that
   * created a job, a {@link #retryDead}), so an in-process worker pool wakes at once instead of at its
   * next poll. Other processes are not told; they poll. The listener must be quick and not block.
   */
  void addEnqueueListener(Runnable listener);

  void removeEnqueueListener(Runnable listener);
}
