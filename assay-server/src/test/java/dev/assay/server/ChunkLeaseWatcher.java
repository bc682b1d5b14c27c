package dev.assay.server;

import dev.assay.store.Database;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches which replica holds the lease of each chunk job of one run, by polling the {@code jobs} table every
 * few milliseconds: the queue clears {@code lease_owner} when a job finishes, so the history has to be seen
 * while it happens. A chunk that takes longer than the poll interval is always seen; a quicker one may be
 * missed, so counts per owner are lower bounds.
 */
final class ChunkLeaseWatcher implements AutoCloseable {
  private final Database db;
  private final String runId;
  private final Map<String, Set<String>> ownersByJob = new ConcurrentHashMap<>();
  private final AtomicReference<Map<String, String>> current = new AtomicReference<>(Map.of());
  private final Thread thread;
  private volatile boolean stop;

  ChunkLeaseWatcher(Database db, String runId) {
    this.db = db;
    this.runId = runId;
    this.thread = Thread.ofPlatform().daemon().name("chunk-lease-watcher").start(this::loop);
  }

  private void loop() {
    while (!stop) {
      Map<String, String> now = new ConcurrentHashMap<>();
      db.jdbi().useHandle(h -> h.createQuery("""
              SELECT id, lease_owner FROM jobs
              WHERE kind = 'tasks.evaluate' AND status = 'RUNNING' AND payload->>'run_id' = :run""")
          .bind("run", runId)
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
          .forEach(e -> now.put(e.getKey(), e.getValue())));
      now.forEach((job, owner) -> ownersByJob.computeIfAbsent(job, k -> ConcurrentHashMap.newKeySet()).add(owner));
      current.set(now);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The chunk jobs seen leased by {@code owner} at any time so far. */
  Set<String> jobsSeenWith(String owner) {
    Set<String> jobs = new java.util.TreeSet<>();
    ownersByJob.forEach((job, owners) -> {
      if (owners.contains(owner)) {
        jobs.add(job);
      }
    });
    return jobs;
  }

  /** Whether the last poll saw {@code owner} holding a chunk job. */
  boolean holdsNow(String owner) {
    return current.get().containsValue(owner);
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(2_000);
  }
}
