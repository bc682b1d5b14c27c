package dev.assay.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one claimed job with its handler and records the outcome in the queue; logs every failure. */
final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobWorkerPool.class);
  private static final int MAX_CAUSES = 5;

  private final JobQueue queue;
  private final Map<String, JobHandler> handlers;
  private final String owner;
  private final Backoff backoff;
  private final Clock clock;
  /** Jobs released by a shutdown while running: their lost ownership is expected, not a warning. */
  private final Set<String> handedBack = ConcurrentHashMap.newKeySet();

  JobRunner(JobQueue queue, Map<String, JobHandler> handlers, String owner, Backoff backoff, Clock clock) {
    this.queue = queue;
    this.handlers = Map.copyOf(handlers);
    this.owner = owner;
    this.backoff = backoff;
    this.clock = clock;
  }

  /** Notes jobs the pool released at shutdown while they still run. */
  void handedBack(Collection<String> jobIds) {
    handedBack.addAll(jobIds);
  }

  /** Runs the job and records success or failure; throws only a {@link VirtualMachineError} from the handler. */
  void run(Job job) {
    JobHandler handler = handlers.get(job.kind());
    if (handler == null) { // the pool claims only its handlers' kinds; recorded, not thrown, so no lease dangles
      recordFailure(job, "no handler for job kind '" + job.kind() + "' on worker " + owner
          + "; it handles " + new TreeSet<>(handlers.keySet()), null);
      return;
    }
    long started = clock.millis();
    Throwable failure = null;
    try {
      handler.handle(job);
    } catch (Throwable t) {
      failure = t;
    }
    // An interrupt (shutdown) must not break the write that records the outcome: on a virtual thread it
    // would close the socket of the JDBC call. Clear it while recording, then restore it.
    boolean interrupted = Thread.interrupted();
    try {
      if (failure == null) {
        recordSuccess(job, clock.millis() - started);
      } else if (failure instanceof JobDeferral deferral) {
        recordDeferral(job, deferral);
      } else {
        recordFailure(job, describe(failure), failure);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure instanceof VirtualMachineError fatal) {
      throw fatal;
    }
  }

  private void recordSuccess(Job job, long millis) {
    try {
      if (queue.complete(owner, job.id())) {
        LOG.debug("{} succeeded in {} ms", job.describe(), millis);
      } else if (handedBack.remove(job.id())) {
        LOG.info("{} finished in {} ms after it was handed back at shutdown; it will run again", job.describe(), millis);
      } else {
        LOG.warn("{} finished in {} ms, but this worker no longer holds its lease (released at shutdown, or expired and "
            + "reclaimed); the outcome is left to the current holder", job.describe(), millis);
      }
    } catch (RuntimeException e) {
      LOG.error("{} succeeded, but recording that failed; it will run again after its lease expires", job.describe(), e);
    }
  }

  private void recordDeferral(Job job, JobDeferral deferral) {
    try {
      if (queue.defer(owner, job.id(), deferral.getMessage(), deferral.delay())) {
        LOG.debug("{} deferred for {} ms: {}", job.describe(), deferral.delay().toMillis(), deferral.getMessage());
      } else {
        handedBack.remove(job.id());
        LOG.info("{} wanted to wait ({}), but this worker no longer holds its lease", job.describe(), deferral.getMessage());
      }
    } catch (RuntimeException e) {
      LOG.error("{} deferred ({}), and recording that failed; it will run again after its lease expires",
          job.describe(), deferral.getMessage(), e);
    }
  }

  private void recordFailure(Job job, String error, Throwable cause) {
    Duration delay = backoff.delay(job.attempts());
    try {
      Optional<Job> after = queue.fail(owner, job.id(), error, delay);
      if (after.isEmpty() && handedBack.remove(job.id())) {
        LOG.info("{} stopped after it was handed back at shutdown: {}", job.describe(), error);
      } else if (after.isEmpty()) {
        LOG.warn("{} failed, but this worker no longer holds its lease, so the failure is not recorded: {}", job.describe(), error, cause);
      } else if (after.get().status() == JobStatus.DEAD) {
        LOG.error("{} failed and is dead-lettered: {}", job.describe(), error, cause);
      } else {
        LOG.warn("{} failed; retrying in {} ms: {}", job.describe(), delay.toMillis(), error, cause);
      }
    } catch (RuntimeException e) {
      if (cause != null) {
        e.addSuppressed(cause);
      }
      LOG.error("{} failed ({}), and recording the failure failed too; it will run again after its lease expires",
          job.describe(), error, e);
    }
  }

  /** The error as stored in {@code last_error}: the exception, where it was thrown, and its causes. */
  static String describe(Throwable t) {
    StringBuilder text = new StringBuilder(t.toString());
    StackTraceElement[] trace = t.getStackTrace();
    if (trace.length > 0) {
      text.append(" (at ").append(trace[0]).append(')');
    }
    Throwable cause = t.getCause();
    for (int i = 0; cause != null && cause != t && i < MAX_CAUSES; i++, cause = cause.getCause()) {
      text.append("; caused by ").append(cause);
    }
    return text.toString();
  }
}
