package dev.assay.store;

import dev.assay.shared.OverloadedException;
import dev.assay.shared.UnavailableException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * The {@link BatchingWriter}'s bounded queue: admits submissions against the row and weight bounds
 * (counting rows until their outcome is decided, so waiting plus in-flight work stays bounded) and
 * hands the writer thread its next group. Thread-safe.
 */
final class WriteQueue<T> {

  /** One caller's rows, committed together or not at all. */
  static final class Submission<T> {
    final List<T> rows;
    final long weight;
    final CompletableFuture<Void> future = new CompletableFuture<>();
    boolean released; // guarded by the queue's lock: capacity given back, outcome decided

    Submission(List<T> rows, long weight) {
      this.rows = rows;
      this.weight = weight;
    }
  }

  private final String name;
  private final WriterSettings settings;
  private final LongFunction<Duration> retryAfter;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition pendingOrClosing = lock.newCondition();
  private final ArrayDeque<Submission<T>> pending = new ArrayDeque<>();
  private long queuedRows;
  private long queuedWeight;
  private long rejected;
  private boolean closing;
  private int lastGroupSubmissions;

  /** @param retryAfter the retry hint for a rejected submit, given the rows queued ahead of it */
  WriteQueue(String name, WriterSettings settings, LongFunction<Duration> retryAfter) {
    this.name = name;
    this.settings = settings;
    this.retryAfter = retryAfter;
  }

  /** Queues the rows (already copied and checked to fit the bounds on their own). */
  Submission<T> offer(List<T> rows, long weight) {
    boolean weighed = settings.maxQueuedWeight() > 0;
    lock.lock();
    try {
      if (closing) {
        throw new UnavailableException("the " + name + " writer is shut down");
      }
      if (queuedRows + rows.size() > settings.maxQueuedRows() || (weighed && queuedWeight + weight > settings.maxQueuedWeight())) {
        rejected++;
        throw new OverloadedException("the " + name + " write queue is full (" + queuedRows + " rows waiting to commit); retry later",
            retryAfter.apply(queuedRows));
      }
      Submission<T> submission = new Submission<>(rows, weight);
      queuedRows += rows.size();
      queuedWeight += weight;
      pending.addLast(submission);
      pendingOrClosing.signal();
      return submission;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until work is pending, then returns the oldest submissions up to the rows-per-commit limit
   * (at least one). When the last group was shared by several submitters and fewer are waiting now,
   * first waits up to {@link WriterSettings#maxLinger()} for as many as last time. Returns null once
   * closing and empty.
   */
  List<Submission<T>> take() {
    lock.lock();
    try {
      while (pending.isEmpty()) {
        if (closing) {
          return null;
        }
        pendingOrClosing.awaitUninterruptibly();
      }
      linger();
      List<Submission<T>> group = new ArrayList<>();
      long rows = 0;
      while (!pending.isEmpty()) {
        int next = pending.peekFirst().rows.size();
        if (!group.isEmpty() && rows + next > settings.maxRowsPerCommit()) {
          break;
        }
        group.add(pending.pollFirst());
        rows += next;
      }
      lastGroupSubmissions = group.size();
      return group;
    } finally {
      lock.unlock();
    }
  }

  private void linger() {
    long deadline = System.nanoTime() + settings.maxLinger().toNanos();
    long left;
    while (pending.size() < lastGroupSubmissions && !closing && (left = deadline - System.nanoTime()) > 0
        && pendingRows() < settings.maxRowsPerCommit()) {
      try {
        pendingOrClosing.awaitNanos(left);
      } catch (InterruptedException e) {
        return; // nothing interrupts the writer on purpose (close() signals); keep the flag clear for JDBC
      }
    }
  }

  private long pendingRows() {
    long rows = 0;
    for (Submission<T> s : pending) {
      rows += s.rows.size();
    }
    return rows;
  }

  /** Gives back the capacity of submissions whose outcome is decided; returns those not released before. */
  List<Submission<T>> release(List<Submission<T>> submissions) {
    lock.lock();
    try {
      List<Submission<T>> released = new ArrayList<>(submissions.size());
      for (Submission<T> s : submissions) {
        if (!s.released) {
          s.released = true;
          queuedRows -= s.rows.size();
          queuedWeight -= s.weight;
          released.add(s);
        }
      }
      return released;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses further offers; {@link #take} returns what is pending, then null. */
  void close() {
    lock.lock();
    try {
      closing = true;
      pendingOrClosing.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Removes and returns every submission not yet taken. */
  List<Submission<T>> drain() {
    lock.lock();
    try {
      List<Submission<T>> drained = new ArrayList<>(pending);
      pending.clear();
      return drained;
    } finally {
      lock.unlock();
    }
  }

  record State(long queuedRows, long queuedWeight, long rejected, boolean accepting) {}

  State state() {
    lock.lock();
    try {
      return new State(queuedRows, queuedWeight, rejected, !closing);
    } finally {
      lock.unlock();
    }
  }
}
