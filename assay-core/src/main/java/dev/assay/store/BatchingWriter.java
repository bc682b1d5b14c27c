package dev.assay.store;

import dev.assay.shared.InvalidInputException;
import dev.assay.shared.OverloadedException;
import dev.assay.shared.UnavailableException;
import dev.assay.store.WriteQueue.Submission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one writer thread drains the pending submissions into one transaction (up to
 * {@link WriterSettings#maxRowsPerCommit()} rows), so concurrent callers share a commit and its fsync.
 * The next group forms while the current one commits, so an idle writer commits a lone submission at
 * once and a busy one commits large groups; when the last group was shared by several submitters and
 * fewer are waiting, it lingers up to {@link WriterSettings#maxLinger()} for the others.
 *
 * <p>Contracts:
 * <ul>
 *   <li>{@link #submit} either throws (nothing was accepted) or returns a future that completes
 *       normally only after all of the submission's rows are committed, or exceptionally with the
 *       failure that kept them out. A submission is atomic: all of its rows commit, or none.
 *   <li>Bounded: rows (and weights) accepted and not yet completed never exceed the settings; beyond
 *       that {@code submit} throws {@link OverloadedException} with a retry-after hint.
 *   <li>When a group's transaction fails, each of its submissions is retried alone, once, on a fresh
 *       connection: a poisonous submission fails only its own future, and a transient failure (a broken
 *       connection, a deadlock, a write conflict) fails no one. Each future then reports its own
 *       attempt's failure. A deterministic failure costs two attempts.
 *   <li>Futures are completed on a separate (virtual) thread, so callers' dependent stages never run on
 *       the writer thread. Cancelling a future does not withdraw its rows.
 * </ul>
 *
 * <p>The writer thread is a platform thread: it lives as long as the writer and spends its time in JDBC
 * and native DuckDB calls, which would pin a virtual thread's carrier for the whole commit, taking one
 * of the few carriers the request handlers share. It keeps one connection open while it runs (replaced
 * after any failure), which also keeps the sink's per-connection staging tables warm.
 */
public final class BatchingWriter<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchingWriter.class);

  private final String name;
  private final Jdbi jdbi;
  private final BatchSink<T> sink;
  private final WriterSettings settings;
  private final Clock clock;
  private final WriteQueue<T> queue;
  private final Thread thread;
  private final ExecutorService completer = Executors.newVirtualThreadPerTaskExecutor();

  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong rowsCommitted = new AtomicLong();
  private final AtomicLong submissionsCommitted = new AtomicLong();
  private final AtomicLong submissionsFailed = new AtomicLong();
  private final AtomicLong groupsRetried = new AtomicLong();
  private volatile double drainRowsPerSecond; // moving average: rows per second of commit time
  private Handle handle; // writer thread only

  /**
   * Starts the writer thread.
   *
   * @param name short name for the thread, logs and messages (e.g. {@code spans})
   * @param sink writes one group inside the transaction the writer opens
   * @param clock measures commit durations for the retry-after hint
   */
  public BatchingWriter(String name, Jdbi jdbi, BatchSink<T> sink, WriterSettings settings, Clock clock) {
    this.name = Objects.requireNonNull(name, "name");
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.queue = new WriteQueue<>(name, settings, this::retryAfter);
    this.thread = Thread.ofPlatform().name("assay-writer-" + name).daemon(true).unstarted(this::run);
    thread.start();
  }

  /** Same as {@link #submit(List, long)} with weight 0: the submission counts against the row bound only. */
  public CompletableFuture<Void> submit(List<T> rows) {
    return submit(rows, 0);
  }

  /**
   * Queues rows to be committed together in one transaction, possibly shared with other submissions.
   * An empty list returns a completed future.
   *
   * @param rows the rows, none null; copied, so the caller may reuse the list
   * @param weight the caller's measure of the rows' size (for example approximate bytes), counted
   *     against {@link WriterSettings#maxQueuedWeight()}
   * @throws OverloadedException when accepting would exceed the queue bounds; nothing was accepted
   * @throws UnavailableException when the writer is closing or closed
   * @throws InvalidInputException when the submission alone exceeds the bounds (it could never fit)
   */
  public CompletableFuture<Void> submit(List<T> rows, long weight) {
    Objects.requireNonNull(rows, "rows");
    if (weight < 0) {
      throw new IllegalArgumentException("weight must be >= 0, got " + weight);
    }
    if (rows.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    if (rows.size() > settings.maxQueuedRows() || (settings.maxQueuedWeight() > 0 && weight > settings.maxQueuedWeight())) {
      throw new InvalidInputException("a batch of " + rows.size() + " rows (weight " + weight + ") exceeds the " + name
          + " writer's capacity of " + settings.maxQueuedRows() + " rows (weight " + settings.maxQueuedWeight() + "); split it");
    }
    return queue.offer(List.copyOf(rows), weight).future;
  }

  /** A snapshot of the counters. */
  public WriterStats stats() {
    WriteQueue.State q = queue.state();
    return new WriterStats(q.queuedRows(), q.queuedWeight(), settings.maxQueuedRows(), commits.get(), rowsCommitted.get(),
        submissionsCommitted.get(), submissionsFailed.get(), groupsRetried.get(), q.rejected(), q.accepting());
  }

  /**
   * Stops accepting (later submits throw {@link UnavailableException}), commits everything already
   * accepted and stops the writer thread, waiting at most {@link WriterSettings#closeTimeout()}. What
   * has not started committing by then fails with {@link UnavailableException}. Does not close the
   * database. Idempotent.
   */
  @Override
  public void close() {
    queue.close();
    try {
      if (!thread.join(settings.closeTimeout())) {
        List<Submission<T>> abandoned = queue.drain();
        LOG.error("{} writer: accepted work did not commit within {}; failing {} waiting submissions", name,
            settings.closeTimeout(), abandoned.size());
        complete(abandoned, new UnavailableException("the " + name + " writer shut down before these rows were committed"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("{} writer: interrupted while waiting for accepted work to commit", name);
    }
    completer.shutdown();
    try {
      if (!completer.awaitTermination(1, TimeUnit.SECONDS)) {
        LOG.warn("{} writer: callers' completion stages still running after close", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Submission<T>> group = List.of();
    try {
      while ((group = queue.take()) != null) {
        commitGroup(group);
      }
    } catch (Throwable t) { // an Error (commitGroup handles Exceptions): stop accepting, fail everything rather than hang callers
      LOG.error("{} writer thread died; failing all accepted work", name, t);
      queue.close();
      List<Submission<T>> orphans = new ArrayList<>(group);
      orphans.addAll(queue.drain());
      complete(orphans, t);
    } finally {
      discardHandle();
    }
  }

  private void commitGroup(List<Submission<T>> group) {
    List<T> rows = group.size() == 1 ? group.getFirst().rows : new ArrayList<>();
    if (group.size() > 1) {
      group.forEach(s -> rows.addAll(s.rows));
    }
    try {
      commit(rows);
      complete(group, null);
      return;
    } catch (Exception e) {
      groupsRetried.incrementAndGet();
      LOG.warn("{} writer: a commit of {} rows from {} submission(s) failed ({}); retrying each submission alone, once", name,
          rows.size(), group.size(), Database.rootMessage(e));
    }
    for (Submission<T> s : group) {
      try {
        commit(s.rows);
        complete(List.of(s), null);
      } catch (Exception e) {
        LOG.error("{} writer: a submission of {} rows failed again on its own; failing it", name, s.rows.size(), e);
        complete(List.of(s), e);
      }
    }
  }

  private void commit(List<T> rows) throws Exception {
    Instant start = clock.instant();
    try {
      if (handle == null) {
        handle = jdbi.open();
      }
      handle.useTransaction(tx -> sink.write(tx, rows));
    } catch (Exception e) {
      discardHandle();
      throw e;
    }
    commits.incrementAndGet();
    double seconds = Duration.between(start, clock.instant()).toNanos() / 1e9;
    if (seconds > 0) {
      double rate = rows.size() / seconds;
      double previous = drainRowsPerSecond;
      drainRowsPerSecond = previous == 0 ? rate : previous * 0.8 + rate * 0.2;
    }
  }

  /** Gives back the submissions' capacity and completes their futures off the writer thread. */
  private void complete(List<Submission<T>> submissions, Throwable error) {
    List<Submission<T>> released = queue.release(submissions);
    if (released.isEmpty()) {
      return;
    }
    if (error == null) {
      rowsCommitted.addAndGet(released.stream().mapToLong(s -> s.rows.size()).sum());
      submissionsCommitted.addAndGet(released.size());
    } else {
      submissionsFailed.addAndGet(released.size());
    }
    Runnable completion = () -> released.forEach(s -> {
      if (error == null) {
        s.future.complete(null);
      } else {
        s.future.completeExceptionally(error);
      }
    });
    try {
      completer.execute(completion);
    } catch (RejectedExecutionException e) { // closed after a close() timed out: complete here
      completion.run();
    }
  }

  /** How long until the rows ahead have drained at the recent commit rate, within the settings' bounds. */
  private Duration retryAfter(long rowsAhead) {
    double rate = drainRowsPerSecond;
    Duration hint = rate <= 0 ? settings.minRetryAfter() : Duration.ofMillis((long) Math.ceil(rowsAhead / rate * 1000));
    return hint.compareTo(settings.minRetryAfter()) < 0 ? settings.minRetryAfter()
        : hint.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : hint;
  }

  private void discardHandle() {
    Handle h = handle;
    handle = null;
    if (h != null) {
      try {
        h.close();
      } catch (RuntimeException e) {
        LOG.warn("{} writer: closing a failed connection: {}", name, Database.rootMessage(e));
      }
    }
  }

  @Override
  public String toString() {
    return "BatchingWriter[" + name + "]";
  }
}
