package dev.assay.tasks;

import dev.assay.jobs.NewJob;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases the traces and sessions of continuous tasks once they have settled: every {@link TaskSettings#settlePoll()}
 * it takes the pending targets that are due and enqueues {@link TaskJobs#EVALUATE} jobs for them (no run; targets
 * grouped per task, at most {@link TaskSettings#chunkSize()} a job) in the same transaction
 * ({@link TaskStore#takeDuePending}). One loop per replica; replicas never take the same target (the store skips rows
 * another replica is taking). A failure (say the database is briefly away) is logged and the next poll tries again:
 * the loop only ends with {@link #close}.
 */
public final class PendingSettler implements AutoCloseable {
  /** Pending targets taken per transaction; a larger backlog is drained by further takes in the same poll. */
  static final int MAX_PER_TAKE = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(PendingSettler.class);

  private final TaskStore store;
  private final TaskSettings settings;
  private final Clock clock;
  private Thread loop; // guarded by this
  private boolean failing; // loop thread only

  public PendingSettler(TaskStore store, TaskSettings settings, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Starts the loop; idempotent. */
  public synchronized void start() {
    if (loop == null) {
      loop = Thread.ofVirtual().name("assay-task-settler").start(this::run);
    }
  }

  /**
   * Takes every pending target due now and enqueues its evaluation.
   *
   * @return how many targets were released
   */
  public int settleOnce() {
    int released = 0;
    List<PendingTarget> taken;
    do {
      taken = store.takeDuePending(clock.instant(), MAX_PER_TAKE, this::jobsFor);
      released += taken.size();
    } while (taken.size() >= MAX_PER_TAKE && !Thread.currentThread().isInterrupted());
    return released;
  }

  /** One {@link TaskJobs#EVALUATE} job per task and chunk of its targets, in the order they were taken. */
  List<NewJob> jobsFor(List<PendingTarget> targets) {
    Map<String, List<String>> byTask = new LinkedHashMap<>();
    for (PendingTarget t : targets) {
      byTask.computeIfAbsent(t.taskId(), id -> new ArrayList<>()).add(t.targetId());
    }
    List<NewJob> jobs = new ArrayList<>();
    int chunk = settings.chunkSize();
    byTask.forEach((taskId, ids) -> {
      for (int from = 0; from < ids.size(); from += chunk) {
        List<String> part = ids.subList(from, Math.min(ids.size(), from + chunk));
        jobs.add(TaskPayloads.evaluate(new TaskJobs.Evaluate(taskId, null, null, part, false)));
      }
    });
    return jobs;
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        settleOnce();
        if (failing) {
          failing = false;
          LOG.info("the task settler works again");
        }
      } catch (Exception e) { // RuntimeExceptions of the store; the loop must outlive them
        if (!failing) {
          failing = true;
          LOG.warn("the task settler could not release settled traces and sessions; retrying every {}",
              settings.settlePoll(), e);
        }
      }
      try {
        Thread.sleep(settings.settlePoll());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops the loop and waits briefly for a take in progress (its transaction commits or rolls back whole). */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      t = loop;
      loop = null;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(java.time.Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
