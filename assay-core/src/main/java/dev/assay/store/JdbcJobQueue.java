package dev.assay.store;

import dev.assay.jobs.Job;
import dev.assay.jobs.JobQueue;
import dev.assay.jobs.JobStatus;
import dev.assay.jobs.NewJob;
import dev.assay.shared.ConflictException;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link JobQueue} over the {@code jobs} table; see {@link ClaimJobs} for how claims are coordinated. */
final class JdbcJobQueue implements JobQueue {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcJobQueue.class);
  private static final int MAX_OWNER_LENGTH = 200;
  private static final int ID_CHUNK = 500;
  /**
   * DuckDB has no row locks: it detects write-write conflicts between concurrent transactions and
   * fails one of them ("Conflict on update"), and it has no SKIP LOCKED to claim around rows others
   * hold. Its one owning process therefore serialises every write to {@code jobs} with one lock per
   * database (several stores may share a {@link Database}). Reads need no lock: they see a snapshot.
   */
  private static final Map<Jdbi, ReentrantLock> SINGLE_PROCESS_LOCKS = Collections.synchronizedMap(new WeakHashMap<>());

  private final Jdbi jdbi;
  private final Clock clock;
  private final ReentrantLock writeLock;
  private final ClaimJobs claimJobs;
  private final InsertJobs insertJobs;
  private final String columns;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  JdbcJobQueue(Jdbi jdbi, Dialect dialect, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.writeLock = dialect.singleProcess() ? SINGLE_PROCESS_LOCKS.computeIfAbsent(jdbi, j -> new ReentrantLock()) : null;
    this.claimJobs = new ClaimJobs(dialect);
    this.insertJobs = new InsertJobs(dialect);
    this.columns = JobRows.columns(dialect);
  }

  @Override
  public Job enqueue(NewJob job) {
    return enqueueAll(List.of(job)).getFirst();
  }

  @Override
  public List<Job> enqueueAll(List<NewJob> jobs) {
    List<NewJob> valid = List.copyOf(jobs);
    if (valid.isEmpty()) {
      return List.of();
    }
    InsertJobs.Result result = write(h -> h.inTransaction(tx -> insertJobs.run(tx, valid, clock, now())));
    if (result.created() > 0) {
      notifyListeners();
    }
    return result.jobs();
  }

  @Override
  public List<Job> claim(String owner, int maxJobs, Duration leaseDuration) {
    return claim(owner, null, maxJobs, leaseDuration, "any kind");
  }

  @Override
  public List<Job> claim(String owner, Set<String> kinds, int maxJobs, Duration leaseDuration) {
    if (kinds == null) {
      throw new InvalidInputException("kinds must not be null; claim(owner, maxJobs, lease) takes any kind");
    }
    return kinds.isEmpty() ? List.of() : claim(owner, List.copyOf(kinds), maxJobs, leaseDuration, "kinds");
  }

  private List<Job> claim(String owner, List<String> kinds, int maxJobs, Duration leaseDuration, String what) {
    requireOwner(owner);
    if (maxJobs < 1 || maxJobs > MAX_CLAIM) {
      throw new InvalidInputException("maxJobs must be between 1 and " + MAX_CLAIM + ", got " + maxJobs);
    }
    long lease = positiveMicros("leaseDuration", leaseDuration);
    return write(h -> h.inTransaction(tx -> {
      long now = now();
      return claimJobs.run(tx, owner, kinds, maxJobs, now, now + lease);
    }));
  }

  @Override
  public Set<String> renew(String owner, Collection<String> jobIds, Duration leaseDuration) {
    requireOwner(owner);
    long lease = positiveMicros("leaseDuration", leaseDuration);
    List<String> ids = distinct(jobIds);
    Set<String> renewed = new LinkedHashSet<>();
    for (List<String> chunk : chunks(ids)) {
      long now = now();
      renewed.addAll(write(h -> h.createQuery("""
              UPDATE jobs SET lease_until = :lease_until, updated_at = :now
              WHERE id IN (<ids>) AND status = 'RUNNING' AND lease_owner = :owner
              RETURNING id""")
          .bindList("ids", chunk).bind("owner", owner).bind("lease_until", now + lease).bind("now", now)
          .mapTo(String.class).list()));
    }
    return renewed;
  }

  @Override
  public boolean complete(String owner, String jobId) {
    requireOwner(owner);
    Objects.requireNonNull(jobId, "jobId");
    long now = now();
    return write(h -> h.createUpdate("""
            UPDATE jobs SET status = 'SUCCEEDED', lease_owner = NULL, lease_until = NULL, finished_at = :now, updated_at = :now
            WHERE id = :id AND status = 'RUNNING' AND lease_owner = :owner""")
        .bind("id", jobId).bind("owner", owner).bind("now", now)
        .execute()) > 0;
  }

  @Override
  public Optional<Job> fail(String owner, String jobId, String error, Duration retryDelay) {
    requireOwner(owner);
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(error, "error");
    if (retryDelay == null || retryDelay.isNegative()) {
      throw new InvalidInputException("retryDelay must be zero or positive, got " + retryDelay);
    }
    String stored = error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
    long now = now();
    return write(h -> h.createQuery("""
            UPDATE jobs SET
                status = CASE WHEN attempts >= max_attempts THEN 'DEAD' ELSE 'QUEUED' END,
                run_after = CASE WHEN attempts >= max_attempts THEN run_after ELSE :retry_at END,
                finished_at = CASE WHEN attempts >= max_attempts THEN :now ELSE NULL END,
                last_error = :error, lease_owner = NULL, lease_until = NULL, updated_at = :now
            WHERE id = :id AND status = 'RUNNING' AND lease_owner = :owner
            RETURNING\s""" + columns)
        .bind("id", jobId).bind("owner", owner).bind("error", stored).bind("now", now)
        .bind("retry_at", now + TimeUnit.MICROSECONDS.convert(retryDelay))
        .map(JobRows::map).findOne());
  }

  @Override
  public int release(String owner, Collection<String> jobIds) {
    requireOwner(owner);
    int released = 0;
    for (List<String> chunk : chunks(distinct(jobIds))) {
      long now = now();
      released += write(h -> h.createUpdate("""
              UPDATE jobs SET status = 'QUEUED', attempts = GREATEST(attempts - 1, 0), lease_owner = NULL, lease_until = NULL,
                  updated_at = :now
              WHERE id IN (<ids>) AND status = 'RUNNING' AND lease_owner = :owner""")
          .bindList("ids", chunk).bind("owner", owner).bind("now", now)
          .execute());
    }
    return released;
  }

  @Override
  public boolean defer(String owner, String jobId, String reason, Duration delay) {
    requireOwner(owner);
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(reason, "reason");
    if (delay == null || delay.isNegative()) {
      throw new InvalidInputException("delay must be zero or positive");
    }
    long now = now();
    return write(h -> h.createUpdate("""
            UPDATE jobs SET status = 'QUEUED', attempts = GREATEST(attempts - 1, 0), lease_owner = NULL, lease_until = NULL,
                run_after = :run_after, last_error = :error, updated_at = :now
            WHERE id = :id AND status = 'RUNNING' AND lease_owner = :owner""")
        .bind("id", jobId).bind("owner", owner).bind("now", now)
        .bind("run_after", now + TimeUnit.MICROSECONDS.convert(delay))
        .bind("error", reason.length() > MAX_ERROR_CHARS ? reason.substring(0, MAX_ERROR_CHARS) : reason)
        .execute()) == 1;
  }

  @Override
  public Optional<Job> find(String jobId) {
    if (jobId == null) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery("SELECT " + columns + " FROM jobs WHERE id = :id")
        .bind("id", jobId).map(JobRows::map).findOne());
  }

  @Override
  public Map<JobStatus, Long> countByStatus() {
    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    for (JobStatus status : JobStatus.values()) {
      counts.put(status, 0L);
    }
    jdbi.useHandle(h -> h.createQuery("SELECT status, count(*) AS n FROM jobs GROUP BY status")
        .map((rs, ctx) -> Map.entry(JobStatus.valueOf(rs.getString("status")), rs.getLong("n")))
        .forEach(e -> counts.put(e.getKey(), e.getValue())));
    return counts;
  }

  @Override
  public Job retryDead(String jobId) {
    Objects.requireNonNull(jobId, "jobId");
    long now = now();
    Optional<Job> requeued = write(h -> h.createQuery("""
            UPDATE jobs SET status = 'QUEUED', attempts = 0, run_after = :now, finished_at = NULL, updated_at = :now
            WHERE id = :id AND status = 'DEAD'
            RETURNING\s""" + columns)
        .bind("id", jobId).bind("now", now).map(JobRows::map).findOne());
    if (requeued.isEmpty()) {
      Job job = find(jobId).orElseThrow(() -> new NotFoundException("job " + jobId + " not found"));
      throw new ConflictException("job " + jobId + " is " + job.status() + ", not DEAD; only dead jobs can be retried");
    }
    notifyListeners();
    return requeued.get();
  }

  @Override
  public int purgeSucceeded(Instant finishedBefore) {
    long before = Times.micros(Objects.requireNonNull(finishedBefore, "finishedBefore"));
    return write(h -> h.createUpdate("DELETE FROM jobs WHERE status = 'SUCCEEDED' AND finished_at < :before")
        .bind("before", before).execute());
  }

  @Override
  public void addEnqueueListener(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public void removeEnqueueListener(Runnable listener) {
    listeners.remove(listener);
  }

  /** What a transaction of another store may do with the queue: enqueue jobs in that same transaction. */
  interface TransactionJobs {
    /** Enqueues {@code jobs} (idempotently, as {@link #enqueueAll}) in the surrounding transaction. */
    List<Job> enqueue(List<NewJob> jobs);
  }

  /**
   * Runs {@code work} in one transaction that may also enqueue jobs, for stores whose writes and jobs must commit
   * together (tasks). On DuckDB it holds this database's write lock, which also serialises those stores' own writes
   * (DuckDB fails one of two transactions writing a row instead of queueing them). After the commit the enqueue
   * listeners hear of new jobs, so this process's workers wake at once.
   */
  <T> T inTransaction(BiFunction<Handle, TransactionJobs, T> work) {
    int[] created = {0};
    T result = write(h -> h.inTransaction(tx -> work.apply(tx, jobs -> {
      if (jobs.isEmpty()) {
        return List.of();
      }
      InsertJobs.Result r = insertJobs.run(tx, List.copyOf(jobs), clock, now());
      created[0] += r.created();
      return r.jobs();
    })));
    if (created[0] > 0) {
      notifyListeners();
    }
    return result;
  }

  /** Wakes this process's workers; also after a commit elsewhere that inserted jobs (the span writer's outbox). */
  void notifyListeners() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.error("an enqueue listener failed; the job is stored and will be found by the next poll", e);
      }
    }
  }

  private <T> T write(HandleCallback<T, RuntimeException> work) {
    if (writeLock == null) {
      return jdbi.withHandle(work);
    }
    writeLock.lock();
    try {
      return jdbi.withHandle(work);
    } finally {
      writeLock.unlock();
    }
  }

  private long now() {
    return Times.nowMicros(clock);
  }

  private static void requireOwner(String owner) {
    Objects.requireNonNull(owner, "owner");
    if (owner.isBlank() || owner.length() > MAX_OWNER_LENGTH) {
      throw new InvalidInputException("owner must be 1 to " + MAX_OWNER_LENGTH + " characters and not blank");
    }
  }

  private static long positiveMicros(String what, Duration duration) {
    long micros = duration == null ? 0 : TimeUnit.MICROSECONDS.convert(duration);
    if (micros <= 0) {
      throw new InvalidInputException(what + " must be positive, got " + duration);
    }
    return micros;
  }

  private static List<String> distinct(Collection<String> ids) {
    Objects.requireNonNull(ids, "jobIds");
    return List.copyOf(new LinkedHashSet<>(ids));
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> out = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += ID_CHUNK) {
      out.add(ids.subList(from, Math.min(ids.size(), from + ID_CHUNK)));
    }
    return out;
  }
}
