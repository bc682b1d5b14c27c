package dev.assay.store;

import dev.assay.auth.AccessScope;
import dev.assay.eval.SubjectKind;
import dev.assay.jobs.NewJob;
import dev.assay.query.Filter;
import dev.assay.shared.AssayException;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Cursors;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.shared.Times;
import dev.assay.tasks.PendingTarget;
import dev.assay.tasks.RunChunk;
import dev.assay.tasks.TargetQuery;
import dev.assay.tasks.Task;
import dev.assay.tasks.TaskQuery;
import dev.assay.tasks.TaskRun;
import dev.assay.tasks.TaskRunQuery;
import dev.assay.tasks.TaskRunStatus;
import dev.assay.tasks.TaskStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link TaskStore} over V006. This class holds the {@code tasks} rows and their pause state; runs and chunks are in
 * {@link JdbcTaskRuns}, pending traces and sessions in {@link TaskPendingTargets}, target queries in
 * {@link TaskTargetQueries}. A task is visible when its project lies in a space the scope allows (checked in SQL
 * through {@code projects.space_id}). Every write runs through {@link JdbcJobQueue#inTransaction}, which on DuckDB
 * serialises it with the queue's writes (DuckDB fails one of two transactions that write one row).
 */
final class JdbcTaskStore implements TaskStore {
  private static final int ID_CHUNK = 1000;

  private final Jdbi jdbi;
  private final Clock clock;
  private final JdbcJobQueue jobs;
  private final String columns;
  private final String forUpdate;
  private final String insert;
  private final String update;
  private final JdbcTaskRuns runs;
  private final TaskPendingTargets pending;
  private final TaskTargetQueries targets;

  JdbcTaskStore(Jdbi jdbi, Dialect dialect, Clock clock, JdbcJobQueue jobs) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.jobs = jobs;
    this.columns = TaskRows.taskColumns(dialect);
    this.forUpdate = dialect.singleProcess() ? "" : " FOR UPDATE";
    this.insert = """
        INSERT INTO tasks (id, space_id, project_id, name, type, scope, query_filter, sampling_rate, is_continuous,
            evaluators, paused_reason, paused_at, paused_config_id, last_run_at, created_at, updated_at)
        VALUES (:id, :space_id, :project_id, :name, :type, :scope, :query_filter, :sampling_rate, :is_continuous, %s,
            :paused_reason, :paused_at, :paused_config_id, :last_run_at, :created_at, :updated_at)"""
        .formatted(dialect.jsonParam("evaluators"));
    this.update = """
        UPDATE tasks SET name = :name, type = :type, scope = :scope, query_filter = :query_filter,
            sampling_rate = :sampling_rate, is_continuous = :is_continuous, evaluators = %s, updated_at = :updated_at
        WHERE id = :id AND %%s""".formatted(dialect.jsonParam("evaluators"));
    this.runs = new JdbcTaskRuns(jdbi, dialect, jobs);
    this.pending = new TaskPendingTargets(dialect, jobs);
    this.targets = new TaskTargetQueries(jdbi, dialect);
  }

  // --- tasks -----------------------------------------------------------------------------------------------

  @Override
  public Task insert(AccessScope scope, Task task) {
    Objects.requireNonNull(task, "task");
    try {
      jobs.inTransaction((h, q) -> {
        // Stored only when the project exists, is visible and lies in the task's space.
        boolean visible = ScopeSql.bind(h.createQuery("SELECT count(*) FROM projects WHERE id = :p AND space_id = :s AND "
                + ScopeSql.projectClause(scope, "id")), scope)
            .bind("p", task.projectId()).bind("s", task.spaceId()).mapTo(Long.class).one() > 0;
        if (!visible) {
          throw new NotFoundException("project " + task.projectId() + " not found");
        }
        return h.createUpdate(insert)
            .bind("id", task.id()).bind("space_id", task.spaceId()).bind("project_id", task.projectId())
            .bind("paused_reason", task.pausedReason()).bind("paused_at", TaskRows.micros(task.pausedAt()))
            .bind("paused_config_id", task.pausedConfigId()).bind("last_run_at", TaskRows.micros(task.lastRunAt()))
            .bind("created_at", TaskRows.micros(task.createdAt()))
            .bindMap(mutable(task))
            .execute();
      });
    } catch (AssayException e) {
      throw e;
    } catch (RuntimeException e) {
      throw conflictOr(e, task);
    }
    return findForWork(task.id()).orElseThrow();
  }

  @Override
  public Optional<Task> find(AccessScope scope, String id) {
    return id == null ? Optional.empty() : jdbi.withHandle(h -> find(h, scope, id));
  }

  private Optional<Task> find(Handle h, AccessScope scope, String id) {
    String sql = "SELECT " + columns + " FROM tasks WHERE id = :id AND " + ScopeSql.projectClause(scope, "project_id");
    return ScopeSql.bind(h.createQuery(sql), scope).bind("id", id).map(TaskRows::task).findOne();
  }

  @Override
  public Page<Task> list(AccessScope scope, TaskQuery query, PageRequest page) {
    TaskQuery f = query == null ? TaskQuery.ALL : query;
    String[] after = page.cursor() == null ? null : Cursors.decode(page.cursor(), 2);
    String sql = "SELECT " + columns + " FROM tasks WHERE " + ScopeSql.projectClause(scope, "project_id")
        + (f.spaceId() == null ? "" : " AND space_id = :space_id")
        + (f.projectId() == null ? "" : " AND project_id = :project_id")
        + (f.nameContains() == null ? "" : " AND strpos(lower(name), lower(:name_contains)) > 0")
        + (f.type() == null ? "" : " AND type = :type")
        + (after == null ? "" : " AND (name > :after_name OR (name = :after_name AND id > :after_id))")
        + " ORDER BY name, id LIMIT :limit";
    List<Task> rows = jdbi.withHandle(h -> {
      Query q = ScopeSql.bind(h.createQuery(sql), scope).bind("limit", page.limit() + 1);
      if (f.spaceId() != null) {
        q.bind("space_id", f.spaceId());
      }
      if (f.projectId() != null) {
        q.bind("project_id", f.projectId());
      }
      if (f.nameContains() != null) {
        q.bind("name_contains", f.nameContains());
      }
      if (f.type() != null) {
        q.bind("type", f.type().name());
      }
      if (after != null) {
        q.bind("after_name", after[0]).bind("after_id", after[1]);
      }
      return q.map(TaskRows::task).list();
    });
    return Pages.of(rows, page.limit(), t -> Cursors.encode(t.name(), t.id()));
  }

  @Override
  public Task update(AccessScope scope, Task task) {
    Objects.requireNonNull(task, "task");
    int updated;
    try {
      updated = jobs.inTransaction((h, q) -> ScopeSql.bind(h.createUpdate(update.formatted(
              ScopeSql.projectClause(scope, "project_id"))), scope)
          .bind("id", task.id()).bindMap(mutable(task)).execute());
    } catch (AssayException e) {
      throw e;
    } catch (RuntimeException e) {
      throw conflictOr(e, task);
    }
    if (updated == 0) {
      throw new NotFoundException("task " + task.id() + " not found");
    }
    return findForWork(task.id()).orElseThrow(() -> new NotFoundException("task " + task.id() + " not found"));
  }

  private static Map<String, Object> mutable(Task task) {
    Map<String, Object> binds = new HashMap<>();
    binds.put("name", task.name());
    binds.put("type", task.type().name());
    binds.put("scope", task.scope().name());
    binds.put("query_filter", task.queryFilter());
    binds.put("sampling_rate", task.samplingRate());
    binds.put("is_continuous", task.continuous());
    binds.put("evaluators", TaskRows.writeEvaluators(task.evaluators()));
    binds.put("updated_at", TaskRows.micros(task.updatedAt()));
    return binds;
  }

  /** A failed write becomes a conflict when another task of the project holds the name (the unique key). */
  private RuntimeException conflictOr(RuntimeException e, Task task) {
    Optional<String> holder = jdbi.withHandle(h -> h.createQuery("SELECT id FROM tasks WHERE project_id = :p AND name = :n")
        .bind("p", task.projectId()).bind("n", task.name()).mapTo(String.class).findOne());
    if (holder.isPresent() && !holder.get().equals(task.id())) {
      return new ConflictException("a task named '" + task.name() + "' already exists in this project");
    }
    return e;
  }

  @Override
  public boolean delete(AccessScope scope, String id) {
    if (id == null) {
      return false;
    }
    return jobs.inTransaction((h, q) -> {
      if (find(h, scope, id).isEmpty()) {
        return false;
      }
      // Locks in the order every other write takes them (task, then its runs, then their chunks), so a delete
      // racing a pause or a finishing chunk on PostgreSQL waits instead of deadlocking.
      h.createQuery("SELECT id FROM tasks WHERE id = :id" + forUpdate).bind("id", id).mapTo(String.class).list();
      h.createQuery("SELECT id FROM task_runs WHERE task_id = :id" + forUpdate).bind("id", id).mapTo(String.class).list();
      h.createUpdate("DELETE FROM task_run_chunks WHERE run_id IN (SELECT id FROM task_runs WHERE task_id = :id)")
          .bind("id", id).execute();
      h.createUpdate("DELETE FROM task_runs WHERE task_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM task_pending_targets WHERE task_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM tasks WHERE id = :id").bind("id", id).execute() > 0;
    });
  }

  @Override
  public Optional<Task> findForWork(String id) {
    return find(AccessScope.unrestricted(), id);
  }

  @Override
  public List<Task> continuousTasks(String projectId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + columns + " FROM tasks WHERE project_id = :p AND is_continuous"
            + " ORDER BY name, id")
        .bind("p", projectId).map(TaskRows::task).list());
  }

  @Override
  public Set<String> projectsWithContinuousTasks() {
    return Set.copyOf(jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT project_id FROM tasks WHERE is_continuous")
        .mapTo(String.class).list()));
  }

  @Override
  public void pause(String taskId, String reason, String configId, Instant at) {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(reason, "reason");
    long now = Times.micros(Objects.requireNonNull(at, "at"));
    jobs.inTransaction((h, q) -> {
      // The first reason wins: a task already paused keeps it, and its RUNNING runs get the task's reason.
      h.createUpdate("""
              UPDATE tasks SET paused_reason = :reason, paused_at = :now, paused_config_id = :config
              WHERE id = :id AND paused_reason IS NULL""")
          .bind("id", taskId).bind("reason", reason).bind("now", now).bind("config", configId).execute();
      return h.createUpdate("""
              UPDATE task_runs SET paused_reason = (SELECT t.paused_reason FROM tasks t WHERE t.id = :id), updated_at = :now
              WHERE task_id = :id AND status = 'RUNNING' AND paused_reason IS NULL""")
          .bind("id", taskId).bind("now", now).execute();
    });
  }

  @Override
  public int resume(Collection<String> taskIds) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(taskIds));
    long now = Times.nowMicros(clock);
    int resumed = 0;
    for (int from = 0; from < ids.size(); from += ID_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ID_CHUNK));
      resumed += jobs.inTransaction((h, q) -> {
        // The task first, then its runs: the order pause and delete lock them in.
        int tasks = h.createUpdate("UPDATE tasks SET paused_reason = NULL, paused_at = NULL, paused_config_id = NULL"
                + " WHERE id IN (<ids>) AND paused_reason IS NOT NULL")
            .bindList("ids", chunk).execute();
        h.createUpdate("UPDATE task_runs SET paused_reason = NULL, updated_at = :now"
                + " WHERE task_id IN (<ids>) AND paused_reason IS NOT NULL")
            .bindList("ids", chunk).bind("now", now).execute();
        return tasks;
      });
    }
    return resumed;
  }

  @Override
  public List<String> pausedBy(String configId) {
    if (configId == null) {
      return List.of();
    }
    return jdbi.withHandle(h -> h.createQuery("SELECT id FROM tasks WHERE paused_config_id = :c AND paused_reason IS NOT NULL"
            + " ORDER BY id")
        .bind("c", configId).mapTo(String.class).list());
  }

  // --- runs ------------------------------------------------------------------------------------------------

  @Override
  public TaskRun insertRun(TaskRun run, NewJob planJob) {
    return runs.insert(run, planJob);
  }

  @Override
  public Optional<TaskRun> findRun(AccessScope scope, String runId) {
    return runs.find(scope, runId);
  }

  @Override
  public Optional<TaskRun> findRunForWork(String runId) {
    return runs.find(AccessScope.unrestricted(), runId);
  }

  @Override
  public Page<TaskRun> listRuns(AccessScope scope, TaskRunQuery query, PageRequest page) {
    return runs.list(scope, query, page);
  }

  @Override
  public Optional<TaskRun> latestRun(String taskId) {
    return runs.latest(taskId);
  }

  @Override
  public TaskRun planRun(String runId, List<List<String>> chunks, long numTargets, Function<RunChunk, NewJob> jobFor,
      String emptyReason, Instant now) {
    return runs.plan(runId, chunks, numTargets, jobFor, emptyReason, now);
  }

  @Override
  public Optional<RunChunk> findChunk(String runId, int chunkNo) {
    return runs.findChunk(runId, chunkNo);
  }

  @Override
  public TaskRun finishChunk(String runId, int chunkNo, long successes, long errors, long skipped, Instant now) {
    return runs.finishChunk(runId, chunkNo, successes, errors, skipped, now);
  }

  @Override
  public TaskRun endRun(String runId, TaskRunStatus status, String reason, Instant now) {
    return runs.end(runId, status, reason, now);
  }

  // --- continuous ------------------------------------------------------------------------------------------

  @Override
  public void upsertPending(List<PendingTarget> targets) {
    pending.upsert(targets);
  }

  @Override
  public List<PendingTarget> takeDuePending(Instant now, int max, Function<List<PendingTarget>, List<NewJob>> toJobs) {
    return pending.takeDue(now, max, toJobs);
  }

  // --- targets ---------------------------------------------------------------------------------------------

  @Override
  public Page<String> targetIds(TargetQuery query, PageRequest page) {
    return targets.ids(query, page);
  }

  @Override
  public long countTargets(TargetQuery query) {
    return targets.count(query);
  }

  @Override
  public Set<String> matching(String projectId, SubjectKind scope, Filter filter, Collection<String> targetIds,
      java.time.Instant ingestedSince) {
    return targets.matching(projectId, scope, filter, targetIds, ingestedSince);
  }
}
