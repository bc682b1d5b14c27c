package dev.assay.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued jobs with registered {@link JobHandler}s, each on its own virtual thread, at most
 * {@link JobWorkerSettings#concurrency()} at a time. One poller claims due jobs (at once when this
 * process enqueues through the same queue, otherwise every poll interval); one heartbeat renews the
 * leases of running jobs. A failed job is retried with jittered exponential backoff and dead-lettered
 * when its attempts run out. The pool claims only the kinds it has handlers for: a kind it does not
 * know stays queued for a replica that does. Every failure is logged and stored in the job's
 * {@code lastError}.
 *
 * <p>{@link #shutdown} stops claiming, waits for running jobs up to a timeout, then releases the
 * leases of those still running (so another replica takes them at once) and interrupts them.
 *
 * <p>Tests and one-shot runs can skip the threads: {@link #runDueJobsNow()} runs whatever is due in
 * the calling thread, which together with a settable clock makes retries and delays deterministic.
 */
public final class JobWorkerPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobWorkerPool.class);

  private enum State { NEW, RUNNING, STOPPING, STOPPED }

  private final JobQueue queue;
  private final JobWorkerSettings settings;
  private final JobRunner runner;
  /** The kinds this pool has handlers for: the only ones it claims. */
  private final Set<String> kinds;
  private final Map<String, Thread> running = new ConcurrentHashMap<>();
  private final Semaphore wakeUp = new Semaphore(0);
  private final Runnable wakeListener = this::wake;
  /** Counted down once, at shutdown: ends the heartbeat's wait without interrupting a renewal in flight. */
  private final CountDownLatch stopHeartbeat = new CountDownLatch(1);
  private final ReentrantLock idleLock = new ReentrantLock();
  private final Condition idle = idleLock.newCondition();
  private volatile State state = State.NEW;
  /** True when the last claim filled every free slot, so more jobs may be due as soon as one finishes. */
  private volatile boolean moreDue;
  private Thread poller;
  private Thread heartbeat;

  public JobWorkerPool(JobQueue queue, Map<String, JobHandler> handlers, JobWorkerSettings settings, Clock clock) {
    this.queue = Objects.requireNonNull(queue, "queue");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.runner = new JobRunner(queue, Objects.requireNonNull(handlers, "handlers"), settings.owner(), settings.backoff(),
        Objects.requireNonNull(clock, "clock"));
    this.kinds = Set.copyOf(handlers.keySet());
  }

  /** This worker's {@code leaseOwner}. */
  public String owner() {
    return settings.owner();
  }

  /** The number of jobs running on this pool's threads now. */
  public int activeJobs() {
    return running.size();
  }

  /** Starts the poller and the heartbeat; returns this pool. A pool starts once. */
  public synchronized JobWorkerPool start() {
    if (state != State.NEW) {
      throw new IllegalStateException("the job worker pool was already started");
    }
    state = State.RUNNING;
    queue.addEnqueueListener(wakeListener);
    heartbeat = Thread.ofVirtual().name("assay-jobs-heartbeat").start(this::heartbeatLoop);
    poller = Thread.ofVirtual().name("assay-jobs-poller").start(this::pollLoop);
    LOG.info("job worker {} started: {} concurrent jobs, {} lease, polling every {}",
        owner(), settings.concurrency(), settings.leaseDuration(), settings.pollInterval());
    return this;
  }

  /**
   * Claims and runs due jobs one at a time in the calling thread until none is due, and returns how
   * many ran. Jobs a handler makes due again (a retry without delay) run in the same call.
   */
  public int runDueJobsNow() {
    int ran = 0;
    for (List<Job> claimed = claimOne(); !claimed.isEmpty(); claimed = claimOne()) {
      runner.run(claimed.getFirst());
      ran++;
    }
    return ran;
  }

  private List<Job> claimOne() {
    return queue.claim(owner(), kinds, 1, settings.leaseDuration());
  }

  /**
   * Stops claiming, waits up to {@code timeout} for running jobs, then releases the leases of the
   * rest (without counting the attempt) and interrupts them. Returns true when every job finished in
   * time. Idempotent.
   */
  public boolean shutdown(Duration timeout) {
    synchronized (this) {
      if (state == State.NEW) {
        state = State.STOPPED;
      }
      if (state != State.RUNNING) {
        return running.isEmpty();
      }
      state = State.STOPPING;
    }
    queue.removeEnqueueListener(wakeListener);
    wake();
    join(poller);
    awaitIdle(timeout);
    stopHeartbeat.countDown();
    join(heartbeat);
    Map<String, Thread> left = Map.copyOf(running);
    if (!left.isEmpty()) {
      runner.handedBack(left.keySet());
      try {
        int released = queue.release(owner(), left.keySet());
        LOG.warn("job worker {} released {} job(s) still running after {}: {}", owner(), released, timeout, left.keySet());
      } catch (RuntimeException e) {
        LOG.error("job worker {} could not release jobs {}; they run again after their leases expire", owner(), left.keySet(), e);
      }
      left.values().forEach(Thread::interrupt);
    }
    state = State.STOPPED;
    LOG.info("job worker {} stopped", owner());
    return left.isEmpty();
  }

  /** {@link #shutdown} with the configured {@link JobWorkerSettings#shutdownTimeout()}. */
  @Override
  public void close() {
    shutdown(settings.shutdownTimeout());
  }

  private void pollLoop() {
    while (state == State.RUNNING) {
      int free = settings.concurrency() - running.size();
      if (free > 0) {
        try {
          List<Job> claimed = queue.claim(owner(), kinds, free, settings.leaseDuration());
          moreDue = claimed.size() == free;
          claimed.forEach(this::launch);
        } catch (RuntimeException e) {
          moreDue = false;
          LOG.error("job worker {} could not claim jobs; trying again in {}", owner(), settings.pollInterval(), e);
        }
      }
      if (free <= 0 || !moreDue) {
        awaitWakeUp();
      }
    }
  }

  private void launch(Job job) {
    if (running.containsKey(job.id())) {
      // Our own lease had expired (a missed heartbeat) and we claimed the job again: the first run continues.
      LOG.warn("{} was claimed again while this worker still runs it; its lease had expired", job.describe());
      return;
    }
    Thread thread = Thread.ofVirtual().name("assay-job-" + job.kind()).unstarted(() -> execute(job));
    running.put(job.id(), thread);
    thread.start();
  }

  private void execute(Job job) {
    try {
      runner.run(job);
    } finally {
      running.remove(job.id());
      idleLock.lock();
      try {
        idle.signalAll();
      } finally {
        idleLock.unlock();
      }
      if (moreDue) {
        wake();
      }
    }
  }

  private void heartbeatLoop() {
    long intervalNanos = settings.heartbeatInterval().toNanos();
    while (true) {
      try {
        if (stopHeartbeat.await(intervalNanos, TimeUnit.NANOSECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
      Set<String> ids = Set.copyOf(running.keySet());
      if (ids.isEmpty()) {
        continue;
      }
      try {
        Set<String> kept = queue.renew(owner(), ids, settings.leaseDuration());
        for (String id : ids) {
          if (!kept.contains(id) && running.containsKey(id)) {
            LOG.warn("job worker {} lost the lease of job {}; another worker may run it, and this run's outcome will not be recorded",
                owner(), id);
          }
        }
      } catch (RuntimeException e) {
        LOG.error("job worker {} could not renew leases of {}; trying again in {}", owner(), ids, settings.heartbeatInterval(), e);
      }
    }
  }

  private void wake() {
    if (wakeUp.availablePermits() == 0) {
      wakeUp.release();
    }
  }

  private void awaitWakeUp() {
    try {
      if (wakeUp.tryAcquire(settings.pollInterval().toNanos(), TimeUnit.NANOSECONDS)) {
        wakeUp.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state = State.STOPPING;
    }
  }

  private void awaitIdle(Duration timeout) {
    long remaining = timeout.toNanos();
    idleLock.lock();
    try {
      while (!running.isEmpty() && remaining > 0) {
        remaining = idle.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      idleLock.unlock();
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
