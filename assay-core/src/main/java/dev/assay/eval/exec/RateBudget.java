package dev.assay.eval.exec;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Requests and tokens per minute for one model config, over a sliding window. A call may start only when the calls
 * in flight plus the calls finished within the last window, and their tokens, leave room for it. A finished call
 * counts from the moment its answer came back, not from when it was sent: the provider saw it somewhere between the
 * two, so counting from the later instant can never put more calls into one of the provider's minutes than the
 * limit, whatever the network delay. Tokens are reserved from an estimate and settled to the reported usage.
 */
final class RateBudget {
  /** A minute plus a small margin for clock granularity. */
  static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(60_250);

  private final long windowNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<long[]> finished = new ArrayDeque<>(); // {answered at nanos, tokens}, oldest first
  private volatile Integer requestsPerMinute;
  private volatile Long tokensPerMinute;
  private int inFlight;
  private long inFlightTokens;
  private long finishedTokens;

  RateBudget(Integer requestsPerMinute, Long tokensPerMinute, long windowNanos) {
    this.windowNanos = windowNanos;
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

  /** Blocks until the call fits the budget, then reserves it; null when the config has no limits. */
  Reservation reserve(long estimatedTokens) throws InterruptedException {
    if (requestsPerMinute == null && tokensPerMinute == null) {
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
        boolean requestsOk = rpm == null || inFlight + finished.size() + 1 <= rpm;
        boolean tokensOk = tpm == null || inFlightTokens + finishedTokens + tokens <= tpm;
        if (requestsOk && tokensOk) {
          inFlight++;
          inFlightTokens += tokens;
          return new Reservation(tokens);
        }
        long wait = finished.isEmpty() ? TimeUnit.MILLISECONDS.toNanos(100) : finished.peekFirst()[0] + windowNanos - now;
        changed.awaitNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), wait));
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The call ended (answered, refused or abandoned): it now counts from this instant, with the tokens the provider
   * reported ({@code actualTokens > 0}) or else its estimate.
   */
  void finish(Reservation r, long actualTokens) {
    if (r == null) {
      return;
    }
    lock.lock();
    try {
      if (r.done) {
        return;
      }
      r.done = true;
      inFlight--;
      inFlightTokens -= r.tokens;
      long tokens = actualTokens > 0 ? actualTokens : r.tokens;
      finished.addLast(new long[] {System.nanoTime(), tokens});
      finishedTokens += tokens;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void expire(long now) {
    while (!finished.isEmpty() && now - finished.peekFirst()[0] >= windowNanos) {
      finishedTokens -= finished.removeFirst()[1];
    }
  }

  static final class Reservation {
    final long tokens;
    boolean done;

    Reservation(long tokens) {
      this.tokens = tokens;
    }
  }
}
