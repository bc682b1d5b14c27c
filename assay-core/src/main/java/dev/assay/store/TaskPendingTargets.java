package dev.assay.store;

import dev.assay.jobs.NewJob;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.Times;
import dev.assay.tasks.PendingTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Traces and sessions of continuous tasks waiting to settle ({@code task_pending_targets}).
 *
 * <p>An upsert keeps the later due time with {@code ON CONFLICT … DO UPDATE … GREATEST}, rows sorted by key so two
 * replicas upserting overlapping sets lock them in one order. (DuckDB runs an update of an indexed column such as
 * {@code due_at} as a delete and an insert, which its primary-key index has reported as a duplicate key in some
 * versions; the contract tests upsert, take and upsert one key again and again to catch that.)
 *
 * <p>Taking due rows is one {@code DELETE … WHERE key IN (SELECT … LIMIT) RETURNING}: on PostgreSQL the subquery
 * says {@code FOR UPDATE SKIP LOCKED}, so replicas settling at once take disjoint rows; DuckDB has one process,
 * serialised by the queue's write lock. The jobs are enqueued in the same transaction.
 */
final class TaskPendingTargets {
  private static final int BATCH = 1000;
  private static final String COLUMNS = "task_id, target_id, project_id, due_at";
  /** Earliest due first, as the rows were taken. */
  private static final Comparator<PendingTarget> ORDER = Comparator.comparing(PendingTarget::dueAt)
      .thenComparing(PendingTarget::taskId).thenComparing(PendingTarget::targetId);


  private final JdbcJobQueue jobs;
  private final String take;

  TaskPendingTargets(Dialect dialect, JdbcJobQueue jobs) {
    this.jobs = jobs;
    this.take = """
        DELETE FROM task_pending_targets WHERE (task_id, target_id) IN (
          SELECT task_id, target_id FROM task_pending_targets WHERE due_at <= :now
          ORDER BY due_at, task_id, target_id LIMIT :max%s)
        RETURNING\s""".formatted(dialect.supportsSkipLocked() ? " FOR UPDATE SKIP LOCKED" : "") + COLUMNS;
  }

  void upsert(List<PendingTarget> targets) {
    Map<List<String>, PendingTarget> latest = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
        .thenComparing(k -> k.get(1)));
    for (PendingTarget t : targets) {
      latest.merge(List.of(t.taskId(), t.targetId()), t, (a, b) -> a.dueAt().isAfter(b.dueAt()) ? a : b);
    }
    if (latest.isEmpty()) {
      return;
    }
    List<PendingTarget> rows = List.copyOf(latest.values());
    for (int from = 0; from < rows.size(); from += BATCH) {
      List<PendingTarget> slice = rows.subList(from, Math.min(rows.size(), from + BATCH));
      jobs.inTransaction((h, q) -> {
        PreparedBatch batch = h.prepareBatch("""
            INSERT INTO task_pending_targets (task_id, target_id, project_id, due_at)
            VALUES (:task_id, :target_id, :project_id, :due_at)
            ON CONFLICT (task_id, target_id) DO UPDATE SET due_at = GREATEST(task_pending_targets.due_at, excluded.due_at)""");
        for (PendingTarget t : slice) {
          batch.bind("task_id", t.taskId()).bind("target_id", t.targetId()).bind("project_id", t.projectId())
              .bind("due_at", Times.micros(t.dueAt())).add();
        }
        return batch.execute();
      });
    }
  }

  List<PendingTarget> takeDue(Instant now, int max, Function<List<PendingTarget>, List<NewJob>> toJobs) {
    Objects.requireNonNull(toJobs, "toJobs");
    if (max < 1) {
      throw new InvalidInputException("max must be at least 1, got " + max);
    }
    long at = Times.micros(Objects.requireNonNull(now, "now"));
    return jobs.inTransaction((h, q) -> {
      List<PendingTarget> taken = take(h, at, max);
      if (!taken.isEmpty()) {
        q.enqueue(Objects.requireNonNull(toJobs.apply(taken), "toJobs returned null"));
      }
      return taken;
    });
  }

  private List<PendingTarget> take(Handle h, long now, int max) {
    List<PendingTarget> taken = new ArrayList<>(h.createQuery(take).bind("now", now).bind("max", max)
        .map(TaskPendingTargets::map).list());
    taken.sort(ORDER); // RETURNING has no order
    return taken;
  }

  private static PendingTarget map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new PendingTarget(rs.getString("task_id"), rs.getString("target_id"), rs.getString("project_id"),
        Times.instant(rs.getLong("due_at")));
  }
}
