package dev.assay.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake model server's requests-per-minute and tokens-per-minute limits over a sliding window, as providers
 * enforce them, and the usage it admitted per minute since start.
 */
final class FakeRateLimits {
  private record Admitted(long nanos, long tokens) {}

  private final long startNanos;
  private final ArrayDeque<Admitted> window = new ArrayDeque<>();
  private final Map<Long, long[]> perMinute = new ConcurrentHashMap<>();
  private final AtomicLong rejections = new AtomicLong();
  private volatile Integer rpm;
  private volatile Long tpm;
  private volatile long windowNanos = TimeUnit.SECONDS.toNanos(60);

  FakeRateLimits(long startNanos) {
    this.startNanos = startNanos;
  }

  void set(Integer requestsPerMinute, Long tokensPerMinute) {
    this.rpm = requestsPerMinute;
    this.tpm = tokensPerMinute;
  }

  void window(Duration d) {
    this.windowNanos = d.toNanos();
  }

  /** Admits a request into the sliding window, or says how long until it would fit (and counts the rejection). */
  synchronized Duration admit(long tokens) {
    long now = System.nanoTime();
    long minute = windowNanos;
    Integer r = rpm;
    Long t = tpm;
    if (r != null || t != null) {
      while (!window.isEmpty() && now - window.peekFirst().nanos() >= minute) {
        window.removeFirst();
      }
      long used = window.stream().mapToLong(Admitted::tokens).sum();
      if (r != null && window.size() + 1 > r || t != null && used + tokens > t) {
        rejections.incrementAndGet();
        long until = window.isEmpty() ? 0 : window.peekFirst().nanos() + minute - now;
        return Duration.ofNanos(Math.max(until, TimeUnit.MILLISECONDS.toNanos(1)));
      }
      window.addLast(new Admitted(now, tokens));
    }
    long[] usage = perMinute.computeIfAbsent((now - startNanos) / TimeUnit.SECONDS.toNanos(60), m -> new long[2]);
    usage[0]++;
    usage[1] += tokens;
    return null;
  }

  long rejections() {
    return rejections.get();
  }

  Map<Long, long[]> perMinuteUsage() {
    return Map.copyOf(perMinute);
  }

  void resetCounters() {
    rejections.set(0);
    perMinute.clear();
  }
}
