package dev.assay.store;

import dev.assay.projects.Project;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The projects {@code getOrCreate} found, by (space, name). Ingest asks for the same few projects on every
 * export; without this each export paid a database round trip (on DuckDB a new connection) before its spans
 * could even be queued, which profiling showed to be the largest cost of an OTLP request.
 *
 * <p>This process's renames and deletes of projects and spaces {@link #clear} it at once. Another replica's
 * are seen after at most {@link #TTL}: until then its spans may still go to the project's old id, the same
 * race a lookup-then-write always has with a concurrent delete, only a few seconds wider.
 */
final class ProjectNameCache {
  static final Duration TTL = Duration.ofSeconds(5);
  /** More distinct project names than this in one TTL is not a pattern worth caching; start over. */
  static final int MAX_ENTRIES = 10_000;

  private record Key(String spaceId, String name) {}

  private record Entry(Project project, long expiresAt) {}

  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  ProjectNameCache() {
    this(System::nanoTime);
  }

  ProjectNameCache(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  Optional<Project> get(String spaceId, String name) {
    Entry entry = entries.get(new Key(spaceId, name));
    if (entry == null || nanoTime.getAsLong() - entry.expiresAt() > 0) {
      return Optional.empty();
    }
    return Optional.of(entry.project());
  }

  void put(Project project) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(new Key(project.spaceId(), project.name()), new Entry(project, nanoTime.getAsLong() + TTL.toNanos()));
  }

  void clear() {
    entries.clear();
  }
}
