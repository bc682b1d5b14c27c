package dev.assay.testing;

import dev.assay.testing.FakeModelServer.Arrival;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake model server's log of requests per subject key, and what tests read from it: whether a client retried a
 * 429 before its {@code Retry-After} had passed, counted from when the 429 was answered.
 */
final class ArrivalLog {
  private final Map<String, List<Arrival>> byKey = new ConcurrentHashMap<>();
  private final long startNanos;

  ArrivalLog(long startNanos) {
    this.startNanos = startNanos;
  }

  void record(String key, long receivedNanos, int status, Duration retryAfter) {
    List<Arrival> list = byKey.computeIfAbsent(key, k -> new ArrayList<>());
    synchronized (list) {
      list.add(new Arrival(receivedNanos, System.nanoTime(), status, retryAfter));
    }
  }

  void clear() {
    byKey.clear();
  }

  Map<String, List<Arrival>> snapshot() {
    return Map.copyOf(byKey);
  }

  /** One line per early retry: the subject key, the gap and the arrivals of that key (ms since start, status). */
  List<String> retryAfterViolations() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<Arrival>> entry : byKey.entrySet()) {
      List<Arrival> sorted;
      synchronized (entry.getValue()) {
        sorted = new ArrayList<>(entry.getValue());
      }
      sorted.sort((a, b) -> Long.compare(a.nanos(), b.nanos()));
      for (int i = 1; i < sorted.size(); i++) {
        Arrival before = sorted.get(i - 1);
        long gap = sorted.get(i).nanos() - before.answeredNanos();
        if (before.retryAfter() != null && gap < before.retryAfter().toNanos()) {
          out.add(entry.getKey() + ": gap " + gap / 1_000_000 + " ms; " + sorted.stream()
              .map(a -> (a.nanos() - startNanos) / 1_000_000 + "-" + (a.answeredNanos() - startNanos) / 1_000_000 + "ms/"
                  + a.status()).toList());
        }
      }
    }
    return out;
  }

  /** Retries observed after a 429 (consecutive arrivals of one key whose first got a Retry-After). */
  long retriesAfter429() {
    long n = 0;
    for (List<Arrival> list : byKey.values()) {
      synchronized (list) {
        for (int i = 0; i + 1 < list.size(); i++) {
          if (list.get(i).retryAfter() != null) {
            n++;
          }
        }
      }
    }
    return n;
  }
}
