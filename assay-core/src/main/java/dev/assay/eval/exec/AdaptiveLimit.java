package dev.assay.eval.exec;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Calls in flight to one model config, adapted AIMD-style: a 429 halves the limit (floor 1), and it grows by one
 * after every {@code limit / 4} successes (at least one), i.e. by about a quarter per window of answers, up to the
 * cap. 429s that arrive within the cool-down after a decrease belong to calls sent before it and are not
 * counted again, so one burst of 429s halves once, not once per call.
 */
final class AdaptiveLimit {
  private static final long COOL_DOWN_NANOS = 1_000_000_000L;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition freed = lock.newCondition();
  private int cap;
  private int limit;
  private int inFlight;
  private int successes;
  private long lastDecrease = System.nanoTime() - COOL_DOWN_NANOS;

  AdaptiveLimit(int cap) {
    this.cap = Math.max(1, cap);
    this.limit = this.cap;
  }

  void acquire() throws InterruptedException {
    lock.lock();
    try {
      while (inFlight >= limit) {
        freed.await();
      }
      inFlight++;
    } finally {
      lock.unlock();
    }
  }

  void release(Signal signal) {
    lock.lock();
    try {
      inFlight--;
      switch (signal) {
        case SUCCESS -> {
          if (limit < cap && ++successes >= Math.max(1, limit / 4)) {
            limit++;
            successes = 0;
          }
        }
        case RATE_LIMITED -> {
          long now = System.nanoTime();
          if (now - lastDecrease >= COOL_DOWN_NANOS) {
            limit = Math.max(1, limit / 2);
            successes = 0;
            lastDecrease = now;
          }
        }
        case OTHER -> { }
      }
      freed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** A new ceiling (the config's max_concurrency changed); the current limit is clamped to it. */
  void cap(int newCap) {
    lock.lock();
    try {
      if (newCap != cap) {
        cap = Math.max(1, newCap);
        limit = Math.min(Math.max(limit, 1), cap);
        freed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  int limit() {
    lock.lock();
    try {
      return limit;
    } finally {
      lock.unlock();
    }
  }

  enum Signal { SUCCESS, RATE_LIMITED, OTHER }
}
