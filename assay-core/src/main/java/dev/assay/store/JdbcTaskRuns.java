package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.jobs.NewJob;
import dev.assay.shared.Cursors;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import dev.assay.tasks.RunChunk;
import dev.assay.tasks.TaskRun;
import dev.assay.tasks.TaskRunQuery;
import dev.assay.tasks.TaskRunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Task runs and their chunks ({@code task_runs}, {@code task_run_chunks}). Every change of a run reads it under a
 * lock first: on PostgreSQL {@code SELECT … FOR UPDATE} on the run row, so finishers of one run on any replica take
 * turns, and each one's next statements (READ COMMITTED: a fresh snapshot per statement) see the chunks the earlier
 * one committed; the run's counts are then recomputed from its chunks, never added to, so they stay exact. DuckDB
 * has one process and {@link JdbcJobQueue#inTransaction} serialises the writes.
 */
final class JdbcTaskRuns {
  private final Jdbi jdbi;
  private final JdbcJobQueue jobs;
  private final String lockRun;
  private final String chunkColumns;
  private final String insertChunk;

  JdbcTaskRuns(Jdbi jdbi, Dialect dialect, JdbcJobQueue jobs) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.lockRun = "SELECT " + TaskRows.RUN_COLUMNS + " FROM task_runs WHERE id = :id"
        + (dialect.singleProcess() ? "" : " FOR UPDATE");
    this.chunkColumns = TaskRows.chunkColumns(dialect);
    this.insertChunk = "INSERT INTO task_run_chunks (run_id, chunk_no, target_ids, status, num_successes, num_errors,"
        + " num_skipped, updated_at) VALUES (:run_id, :chunk_no, " + dialect.jsonParam("target_ids") + ", 'PENDING', 0, 0, 0,"
        + " :now)";
  }

  TaskRun insert(TaskRun run, NewJob planJob) {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(planJob, "planJob");
    long created = Times.micros(Objects.requireNonNull(run.createdAt(), "createdAt"));
    jobs.inTransaction((h, q) -> {
      int tasks = h.createUpdate("UPDATE tasks SET last_run_at = :at WHERE id = :task_id")
          .bind("at", created).bind("task_id", run.taskId()).execute();
      if (tasks == 0) {
        throw new NotFoundException("task " + run.taskId() + " not found");
      }
      h.createUpdate("""
              INSERT INTO task_runs (id, task_id, project_id, status, data_start_time, data_end_time, max_spans,
                  override_evaluations, num_targets, chunks_total, chunks_done, num_successes, num_errors, num_skipped,
                  failure_reason, paused_reason, run_started_at, run_finished_at, created_at, updated_at)
              VALUES (:id, :task_id, :project_id, :status, :data_start_time, :data_end_time, :max_spans,
                  :override_evaluations, :num_targets, :chunks_total, :chunks_done, :num_successes, :num_errors,
                  :num_skipped, :failure_reason, :paused_reason, :run_started_at, :run_finished_at, :created_at,
                  :updated_at)""")
          .bind("id", run.id()).bind("task_id", run.taskId()).bind("project_id", run.projectId())
          .bind("status", run.status().name())
          .bind("data_start_time", TaskRows.micros(run.dataStart())).bind("data_end_time", TaskRows.micros(run.dataEnd()))
          .bind("max_spans", run.maxSpans()).bind("override_evaluations", run.overrideEvaluations())
          .bind("num_targets", run.numTargets()).bind("chunks_total", run.chunksTotal()).bind("chunks_done", run.chunksDone())
          .bind("num_successes", run.numSuccesses()).bind("num_errors", run.numErrors()).bind("num_skipped", run.numSkipped())
          .bind("failure_reason", run.failureReason()).bind("paused_reason", run.pausedReason())
          .bind("run_started_at", TaskRows.micros(run.runStartedAt()))
          .bind("run_finished_at", TaskRows.micros(run.runFinishedAt()))
          .bind("created_at", created)
          .bind("updated_at", run.updatedAt() == null ? created : Times.micros(run.updatedAt()))
          .execute();
      return q.enqueue(List.of(planJob));
    });
    return find(AccessScope.unrestricted(), run.id()).orElseThrow();
  }

  Optional<TaskRun> find(AccessScope scope, String runId) {
    if (runId == null) {
      return Optional.empty();
    }
    String sql = "SELECT " + TaskRows.RUN_COLUMNS + " FROM task_runs WHERE id = :id AND "
        + ScopeSql.projectClause(scope, "project_id");
    return jdbi.withHandle(h -> ScopeSql.bind(h.createQuery(sql), scope).bind("id", runId).map(TaskRows::run).findOne());
  }

  Page<TaskRun> list(AccessScope scope, TaskRunQuery query, PageRequest page) {
    Objects.requireNonNull(query, "query");
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 2);
    String sql = "SELECT " + TaskRows.RUN_COLUMNS + " FROM task_runs WHERE task_id = :task_id"
        + " AND task_id IN (SELECT id FROM tasks WHERE " + ScopeSql.projectClause(scope, "project_id") + ")"
        + (query.status() == null ? "" : " AND status = :status")
        + (after == null ? "" : " AND (created_at < :c_created OR (created_at = :c_created AND id < :c_id))")
        + " ORDER BY created_at DESC, id DESC LIMIT :limit";
    List<TaskRun> rows = jdbi.withHandle(h -> {
      Query q = ScopeSql.bind(h.createQuery(sql), scope).bind("task_id", query.taskId()).bind("limit", page.limit() + 1);
      if (query.status() != null) {
        q.bind("status", query.status().name());
      }
      if (after != null) {
        try {
          q.bind("c_created", Long.parseLong(after[0])).bind("c_id", after[1]);
        } catch (NumberFormatException e) {
          throw new InvalidInputException("invalid pagination cursor");
        }
      }
      return q.map(TaskRows::run).list();
    });
    return Pages.of(rows, page.limit(), r -> Cursors.encode(Long.toString(Times.micros(r.createdAt())), r.id()));
  }

  Optional<TaskRun> latest(String taskId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + TaskRows.RUN_COLUMNS + " FROM task_runs WHERE task_id = :t"
            + " ORDER BY created_at DESC, id DESC LIMIT 1")
        .bind("t", taskId).map(TaskRows::run).findOne());
  }

  TaskRun plan(String runId, List<List<String>> chunks, long numTargets, Function<RunChunk, NewJob> jobFor,
      String emptyReason, Instant now) {
    Objects.requireNonNull(jobFor, "jobFor");
    long at = Times.micros(Objects.requireNonNull(now, "now"));
    return jobs.inTransaction((h, q) -> {
      TaskRun run = lock(h, runId);
      if (run.status() != TaskRunStatus.PENDING) {
        return run;
      }
      if (chunks.isEmpty()) {
        h.createUpdate("""
                UPDATE task_runs SET status = :status, failure_reason = :reason, num_targets = :targets, chunks_total = 0,
                    run_started_at = :now, run_finished_at = :now, updated_at = :now
                WHERE id = :id""")
            .bind("id", runId).bind("status", (emptyReason == null ? TaskRunStatus.COMPLETED : TaskRunStatus.CANCELLED).name())
            .bind("reason", emptyReason).bind("targets", numTargets).bind("now", at).execute();
        return lock(h, runId);
      }
      PreparedBatch batch = h.prepareBatch(insertChunk);
      List<NewJob> evaluate = new ArrayList<>(chunks.size());
      for (int i = 0; i < chunks.size(); i++) {
        RunChunk chunk = new RunChunk(runId, i, chunks.get(i), RunChunk.Status.PENDING, 0, 0, 0);
        batch.bind("run_id", runId).bind("chunk_no", i).bind("target_ids", TaskRows.writeIds(chunk.targetIds()))
            .bind("now", at).add();
        evaluate.add(Objects.requireNonNull(jobFor.apply(chunk), "job of chunk " + i));
      }
      batch.execute();
      q.enqueue(evaluate);
      // A run planned while its task is paused shows the pause from the start.
      h.createUpdate("""
              UPDATE task_runs SET status = 'RUNNING', num_targets = :targets, chunks_total = :chunks, run_started_at = :now,
                  updated_at = :now, paused_reason = (SELECT t.paused_reason FROM tasks t WHERE t.id = task_runs.task_id)
              WHERE id = :id""")
          .bind("id", runId).bind("targets", numTargets).bind("chunks", chunks.size()).bind("now", at).execute();
      return lock(h, runId);
    });
  }

  Optional<RunChunk> findChunk(String runId, int chunkNo) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + chunkColumns + " FROM task_run_chunks WHERE run_id = :r AND chunk_no = :n")
        .bind("r", runId).bind("n", chunkNo).map(TaskRows::chunk).findOne());
  }

  TaskRun finishChunk(String runId, int chunkNo, long successes, long errors, long skipped, Instant now) {
    if (successes < 0 || errors < 0 || skipped < 0) {
      throw new InvalidInputException("chunk counts must not be negative");
    }
    long at = Times.micros(Objects.requireNonNull(now, "now"));
    return jobs.inTransaction((h, q) -> {
      lock(h, runId); // first, so finishers of one run take turns (see the class comment)
      int chunks = h.createUpdate("""
              UPDATE task_run_chunks SET status = 'DONE', num_successes = :s, num_errors = :e, num_skipped = :k,
                  updated_at = :now
              WHERE run_id = :id AND chunk_no = :n""")
          .bind("id", runId).bind("n", chunkNo).bind("s", successes).bind("e", errors).bind("k", skipped).bind("now", at)
          .execute();
      if (chunks == 0) {
        throw new NotFoundException("chunk " + chunkNo + " of run " + runId + " not found");
      }
      // A new statement: on PostgreSQL it sees every chunk committed before this transaction got the run's lock.
      h.createUpdate("""
              UPDATE task_runs SET
                  num_successes = (SELECT COALESCE(SUM(c.num_successes), 0) FROM task_run_chunks c WHERE c.run_id = :id),
                  num_errors = (SELECT COALESCE(SUM(c.num_errors), 0) FROM task_run_chunks c WHERE c.run_id = :id),
                  num_skipped = (SELECT COALESCE(SUM(c.num_skipped), 0) FROM task_run_chunks c WHERE c.run_id = :id),
                  chunks_done = (SELECT count(*) FROM task_run_chunks c WHERE c.run_id = :id AND c.status = 'DONE'),
                  updated_at = :now
              WHERE id = :id""")
          .bind("id", runId).bind("now", at).execute();
      h.createUpdate("""
              UPDATE task_runs SET status = 'COMPLETED', run_finished_at = :now, paused_reason = NULL, updated_at = :now
              WHERE id = :id AND status = 'RUNNING'
                AND NOT EXISTS (SELECT 1 FROM task_run_chunks c WHERE c.run_id = :id AND c.status = 'PENDING')""")
          .bind("id", runId).bind("now", at).execute();
      return lock(h, runId);
    });
  }

  TaskRun end(String runId, TaskRunStatus status, String reason, Instant now) {
    if (status != TaskRunStatus.CANCELLED && status != TaskRunStatus.FAILED) {
      throw new IllegalArgumentException("a run is ended CANCELLED or FAILED, not " + status);
    }
    long at = Times.micros(Objects.requireNonNull(now, "now"));
    return jobs.inTransaction((h, q) -> {
      TaskRun run = lock(h, runId);
      if (run.status().terminal()) {
        return run;
      }
      h.createUpdate("""
              UPDATE task_runs SET status = :status, failure_reason = :reason, paused_reason = NULL, run_finished_at = :now,
                  updated_at = :now
              WHERE id = :id""")
          .bind("id", runId).bind("status", status.name()).bind("reason", reason).bind("now", at).execute();
      h.createUpdate("UPDATE task_run_chunks SET status = 'CANCELLED', updated_at = :now WHERE run_id = :id AND status = 'PENDING'")
          .bind("id", runId).bind("now", at).execute();
      return lock(h, runId);
    });
  }

  /** The run, locked on PostgreSQL until the transaction ends. */
  private TaskRun lock(Handle h, String runId) {
    return h.createQuery(lockRun).bind("id", runId).map(TaskRows::run).findOne()
        .orElseThrow(() -> new NotFoundException("task run " + runId + " not found"));
  }
}
