package dev.assay.jobs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": after failed attempt {@code n} the retry waits a random
 * time between half and all of {@code min(max, initial × 2^(n-1))}, so jobs that failed together do
 * not retry together.
 */
public record Backoff(Duration initial, Duration max) {

  public Backoff {
    if (initial == null || max == null || initial.toMillis() < 1 || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 1 ms <= initial <= max, got " + initial + " and " + max);
    }
  }

  /** The delay before retrying after failed attempt {@code attempt} (1 for the first try). */
  public Duration delay(int attempt) {
    long ceiling = ceilingMillis(attempt);
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
  }

  /** The upper bound of {@link #delay(int)} for that attempt, in milliseconds. */
  public long ceilingMillis(int attempt) {
    long initialMillis = initial.toMillis();
    int doublings = Math.max(1, attempt) - 1;
    if (doublings >= Long.numberOfLeadingZeros(initialMillis) - 1) {
      return max.toMillis();
    }
    return Math.min(initialMillis << doublings, max.toMillis());
  }
}
