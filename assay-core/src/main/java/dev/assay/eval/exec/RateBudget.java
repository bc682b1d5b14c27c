package dev.assay.eval.exec;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Requests and tokens per minute for one model config, over a sliding window: a call may start only when the calls
 * and tokens reserved in the last window, plus its own, stay within the limits. Tokens are reserved from an estimate
 * before the call and settled to the provider's reported usage after it. A sliding window is never looser than a
 * provider's token bucket of the same size, and the window is slightly longer than a minute so that network jitter
 * cannot make two windows' worth of calls arrive within one of the provider's minutes.
 */
final class RateBudget {
  static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(61);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Reservation> window = new ArrayDeque<>();
  private volatile Integer requestsPerMinute;
  private volatile Long tokensPerMinute;
  private long tokensInWindow;

  RateBudget(Integer requestsPerMinute, Long tokensPerMinute) {
    this.requestsPerMinute = requestsPerMinute;
    this.tokensPerMinute = tokensPerMinute;
  }

  void limits(Integer rpm, Long tpm) {
    lock.lock();
    try {
      this.requestsPerMinute = rpm;
      this.tokensPerMinute = tpm;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean unlimited() {
    return requestsPerMinute == null && tokensPerMinute == null;
  }

  /** Blocks until the call fits the budget, then reserves it. */
  Reservation reserve(long estimatedTokens) throws InterruptedException {
    if (unlimited()) {
      return null;
    }
    lock.lock();
    try {
      while (true) {
        long now = System.nanoTime();
        expire(now);
        Integer rpm = requestsPerMinute;
        Long tpm = tokensPerMinute;
        // A call larger than the whole token budget still runs, alone in its window.
        long tokens = tpm == null ? estimatedTokens : Math.min(estimatedTokens, tpm);
        boolean requestsOk = rpm == null || window.size() + 1 <= rpm;
        boolean tokensOk = tpm == null || tokensInWindow + tokens <= tpm;
        if (requestsOk && tokensOk) {
          Reservation r = new Reservation(now, tokens);
          window.addLast(r);
          tokensInWindow += tokens;
          return r;
        }
        long wait = window.isEmpty() ? TimeUnit.MILLISECONDS.toNanos(10) : window.peekFirst().at + WINDOW_NANOS - now;
        changed.awaitNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), wait));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Replaces the reservation's estimate by the tokens the call really used. */
  void settle(Reservation r, long actualTokens) {
    if (r == null || actualTokens <= 0) {
      return;
    }
    lock.lock();
    try {
      if (!r.expired) {
        tokensInWindow += actualTokens - r.tokens;
        r.tokens = actualTokens;
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void expire(long now) {
    while (!window.isEmpty() && now - window.peekFirst().at >= WINDOW_NANOS) {
      Reservation r = window.removeFirst();
      r.expired = true;
      tokensInWindow -= r.tokens;
    }
  }

  static final class Reservation {
    final long at;
    long tokens;
    boolean expired;

    Reservation(long at, long tokens) {
      this.at = at;
      this.tokens = tokens;
    }
  }
}
