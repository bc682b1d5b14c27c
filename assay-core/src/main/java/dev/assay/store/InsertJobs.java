package dev.assay.store;

import dev.assay.jobs.Job;
import dev.assay.jobs.NewJob;
import dev.assay.shared.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Idempotent enqueue of a batch in the caller's transaction: jobs whose key is already taken are read,
 * the rest inserted in one batch and read back.
 *
 * <p>On PostgreSQL another replica may insert the same key between the check and the insert, so the
 * insert says {@code ON CONFLICT (idempotency_key) DO NOTHING}: it waits for the other transaction on the
 * unique index, does nothing, and the winner's row is read instead. On DuckDB the queue's write lock
 * rules that race out, and the clause is left off because it costs DuckDB several milliseconds a row.
 */
final class InsertJobs {
  private static final int CHUNK = 1000;

  private final String insert;
  private final String columns;

  /** What the insert produced: one job per input in input order, and how many rows are new. */
  record Result(List<Job> jobs, int created) {}

  InsertJobs(Dialect dialect) {
    this.insert = """
        INSERT INTO jobs (id, kind, payload, status, priority, attempts, max_attempts, run_after, idempotency_key, created_at, updated_at)
        VALUES (:id, :kind, %s, 'QUEUED', :priority, 0, :max_attempts, :run_after, :idempotency_key, :now, :now)"""
        .formatted(dialect.jsonParam("payload"))
        + (dialect.singleProcess() ? "" : "\nON CONFLICT (idempotency_key) DO NOTHING");
    this.columns = JobRows.columns(dialect);
  }

  Result run(Handle transaction, List<NewJob> jobs, Clock clock, long now) {
    Map<String, String> newIdByKey = new LinkedHashMap<>();
    jobs.forEach(j -> {
      if (j.idempotencyKey() != null) {
        newIdByKey.putIfAbsent(j.idempotencyKey(), null);
      }
    });
    Map<String, Job> byKey = select(transaction, "idempotency_key", List.copyOf(newIdByKey.keySet()), Job::idempotencyKey);

    List<String> ids = new ArrayList<>(jobs.size());
    List<Integer> fresh = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      String key = jobs.get(i).idempotencyKey();
      String id = Ids.newId(clock);
      ids.add(id);
      if (key == null) {
        fresh.add(i);
      } else if (!byKey.containsKey(key) && newIdByKey.get(key) == null) {
        newIdByKey.put(key, id);
        fresh.add(i);
      }
    }
    // Keyed rows go in key order, so two batches sharing keys lock them in the same order and cannot deadlock.
    fresh.sort(Comparator.comparing(i -> jobs.get(i).idempotencyKey(), Comparator.nullsFirst(Comparator.<String>naturalOrder())));
    insert(transaction, jobs, ids, fresh, now);

    Map<String, Job> inserted = select(transaction, "id", fresh.stream().map(ids::get).toList(), Job::id);
    List<String> lostRaces = newIdByKey.entrySet().stream()
        .filter(e -> e.getValue() != null && !inserted.containsKey(e.getValue()))
        .map(Map.Entry::getKey)
        .toList();
    byKey.putAll(select(transaction, "idempotency_key", lostRaces, Job::idempotencyKey));

    List<Job> out = new ArrayList<>(jobs.size());
    for (int i = 0; i < jobs.size(); i++) {
      String key = jobs.get(i).idempotencyKey();
      String newId = key == null ? ids.get(i) : newIdByKey.get(key);
      Job job = newId != null && inserted.containsKey(newId) ? inserted.get(newId) : byKey.get(key);
      out.add(Objects.requireNonNull(job, "enqueued job not found"));
    }
    return new Result(out, inserted.size());
  }

  private void insert(Handle transaction, List<NewJob> jobs, List<String> ids, List<Integer> rows, long now) {
    if (rows.isEmpty()) {
      return;
    }
    PreparedBatch batch = transaction.prepareBatch(insert);
    for (int i : rows) {
      NewJob job = jobs.get(i);
      batch.bind("id", ids.get(i))
          .bind("kind", job.kind())
          .bind("payload", job.payloadJson())
          .bind("priority", job.priority())
          .bind("max_attempts", job.maxAttempts())
          .bind("run_after", job.runAfter() == null ? now : job.runAfter())
          .bind("idempotency_key", job.idempotencyKey())
          .bind("now", now)
          .add();
    }
    batch.execute();
  }

  private Map<String, Job> select(Handle h, String column, List<String> values, Function<Job, String> keyOf) {
    Map<String, Job> out = new HashMap<>();
    for (int from = 0; from < values.size(); from += CHUNK) {
      h.createQuery("SELECT " + columns + " FROM jobs WHERE " + column + " IN (<values>)")
          .bindList("values", values.subList(from, Math.min(values.size(), from + CHUNK)))
          .map(JobRows::map)
          .forEach(job -> out.put(keyOf.apply(job), job));
    }
    return out;
  }

  @Override
  public String toString() {
    return insert;
  }
}
