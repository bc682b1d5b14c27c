package dev.assay.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects items from many threads and writes them in batches: when {@code size} are pending, or when the oldest
 * pending one has waited {@code maxAgeMillis} (checked as items arrive), and at {@link #flush}. One transaction per
 * batch instead of one per run or result; a crash loses at most the pending batch, which a resume redoes. The write
 * happens outside the lock, so work keeps running while a batch commits.
 */
final class Batcher<T> {
  private final int size;
  private final long maxAgeNanos;
  private final Consumer<List<T>> write;
  private List<T> pending = new ArrayList<>();
  private long firstAt;

  Batcher(int size, long maxAgeMillis, Consumer<List<T>> write) {
    this.size = Math.max(1, size);
    this.maxAgeNanos = maxAgeMillis * 1_000_000L;
    this.write = write;
  }

  void add(T item) {
    List<T> full = null;
    synchronized (this) {
      if (pending.isEmpty()) {
        firstAt = System.nanoTime();
      }
      pending.add(item);
      if (pending.size() >= size || System.nanoTime() - firstAt >= maxAgeNanos) {
        full = pending;
        pending = new ArrayList<>();
      }
    }
    if (full != null) {
      write.accept(full);
    }
  }

  /** Writes what is pending. */
  void flush() {
    List<T> rest;
    synchronized (this) {
      rest = pending;
      pending = new ArrayList<>();
    }
    if (!rest.isEmpty()) {
      write.accept(rest);
    }
  }
}
