package dev.assay.tasks;

import dev.assay.auth.AccessScope;
import dev.assay.eval.SubjectKind;
import dev.assay.jobs.NewJob;
import dev.assay.query.Filter;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Tasks, their runs and run chunks, continuous tasks' pending targets, and the target queries runs are planned
 * with. Methods taking an {@link AccessScope} see only tasks of projects in spaces it allows (one outside behaves
 * exactly like one that does not exist); the others are for the workers, which act for a stored task. Methods that
 * also enqueue jobs do it in the same transaction as their own writes, so a crash leaves both or neither, and wake
 * this process's job workers after the commit.
 */
public interface TaskStore {

  // --- tasks -----------------------------------------------------------------------------------------------

  /**
   * Stores a new task as given (id, space and times included; the service fills them).
   *
   * @throws dev.assay.shared.ConflictException when the project already has a task of that name
   */
  Task insert(AccessScope scope, Task task);

  Optional<Task> find(AccessScope scope, String id);

  /** Visible tasks matching the query, ordered by name, then id. */
  Page<Task> list(AccessScope scope, TaskQuery query, PageRequest page);

  /**
   * Replaces the mutable fields (name, type, scope, filter, sampling rate, continuous, evaluators, updated_at) of
   * the task with {@code task.id()}; pause state and last_run_at are left alone.
   *
   * @throws dev.assay.shared.NotFoundException when no visible task has that id
   * @throws dev.assay.shared.ConflictException when another task of the project has the new name
   */
  Task update(AccessScope scope, Task task);

  /** Deletes the task, its runs, their chunks and its pending targets (results stay); false when not visible. */
  boolean delete(AccessScope scope, String id);

  /** The task by id for a worker (no scope), or empty when it was deleted. */
  Optional<Task> findForWork(String id);

  /** The continuous tasks of a project, for the ingest path. */
  List<Task> continuousTasks(String projectId);

  /** Projects with at least one continuous task (what the span writer asks before enqueueing online work). */
  Set<String> projectsWithContinuousTasks();

  /**
   * Pauses a task and its RUNNING runs with the reason (a provider's auth, billing or configuration failure) and
   * the model config that failed (null when unknown). A task already paused keeps its first reason.
   */
  void pause(String taskId, String reason, String configId, Instant at);

  /** Clears the pause of these tasks and of their RUNNING runs; returns how many tasks were paused. */
  int resume(Collection<String> taskIds);

  /** Ids of the tasks paused by a failure of this model config. */
  List<String> pausedBy(String configId);

  // --- runs ------------------------------------------------------------------------------------------------

  /**
   * Inserts a PENDING run, sets its task's {@code last_run_at} to the run's creation time and enqueues
   * {@code planJob}, in one transaction.
   */
  TaskRun insertRun(TaskRun run, NewJob planJob);

  /** The run, when its task is visible. */
  Optional<TaskRun> findRun(AccessScope scope, String runId);

  /** The run for a worker (no scope). */
  Optional<TaskRun> findRunForWork(String runId);

  /** Runs of a visible task, newest first (created_at, then id); an invisible task gives an empty page. */
  Page<TaskRun> listRuns(AccessScope scope, TaskRunQuery query, PageRequest page);

  /** The task's most recently created run, for the default start of the next window. */
  Optional<TaskRun> latestRun(String taskId);

  /**
   * Plans a PENDING run in one transaction: stores the chunks (numbered from 0), enqueues {@code jobFor} of each,
   * and moves the run to RUNNING with {@code numTargets}, {@code chunksTotal} and {@code run_started_at}. With no
   * chunks the run ends at once: COMPLETED, or CANCELLED with {@code emptyReason} when that is not null. A run that
   * is no longer PENDING (planned before a crash, or cancelled) is returned unchanged and nothing is written.
   */
  TaskRun planRun(String runId, List<List<String>> chunks, long numTargets, Function<RunChunk, NewJob> jobFor,
      String emptyReason, Instant now);

  Optional<RunChunk> findChunk(String runId, int chunkNo);

  /**
   * Records a chunk's final counts (replacing any recorded before: a chunk that ran twice counts once) and marks
   * it DONE, then recomputes the run's counts and {@code chunks_done} from its chunks; when no chunk is left
   * PENDING and the run is RUNNING it becomes COMPLETED with {@code run_finished_at}. Serialised per run, so
   * concurrent finishers on any replica leave exact sums. A chunk of a terminal run is still recorded (its counts
   * are real work) but the status stays. Returns the run after the update.
   */
  TaskRun finishChunk(String runId, int chunkNo, long successes, long errors, long skipped, Instant now);

  /**
   * Ends a run that is not yet terminal with {@code status} (CANCELLED or FAILED), the reason and
   * {@code run_finished_at}; its PENDING chunks become CANCELLED. A terminal run is returned unchanged.
   */
  TaskRun endRun(String runId, TaskRunStatus status, String reason, Instant now);

  // --- continuous: pending traces and sessions -------------------------------------------------------------

  /** Adds pending targets; one already pending keeps the later of the two due times. */
  void upsertPending(List<PendingTarget> targets);

  /**
   * In one transaction: removes up to {@code max} pending targets due at {@code now} (earliest first; on
   * PostgreSQL rows another replica is taking are skipped) and enqueues the jobs {@code toJobs} makes of them.
   * Returns the targets taken (empty when none were due).
   */
  List<PendingTarget> takeDuePending(Instant now, int max, Function<List<PendingTarget>, List<NewJob>> toJobs);

  // --- targets ---------------------------------------------------------------------------------------------

  /**
   * Ids of the targets the query covers, newest start time first (then id), one page at a time; the cursor is
   * opaque. Used to plan runs.
   */
  Page<String> targetIds(TargetQuery query, PageRequest page);

  /** How many targets the query covers (the live count shown while a task is being set up). */
  long countTargets(TargetQuery query);

  /**
   * Which of {@code targetIds} (span ids for SPAN, trace ids for TRACE / TRAJECTORY, session ids for SESSION)
   * exist in the project and match the filter (null: all that exist). The continuous path's filter test: it reads
   * only the given targets, never the whole table.
   */
  default Set<String> matching(String projectId, SubjectKind scope, Filter filter, Collection<String> targetIds) {
    return matching(projectId, scope, filter, targetIds, null);
  }

  /**
   * As {@link #matching(String, SubjectKind, Filter, Collection)}, reading only spans with {@code ingested_at >=
   * ingestedSince} when that is set (SPAN scope; ignored for the others). The continuous path knows when its spans
   * committed: the bound lets DuckDB skip the older row groups by their zone maps instead of scanning the table.
   */
  Set<String> matching(String projectId, SubjectKind scope, Filter filter, Collection<String> targetIds,
      java.time.Instant ingestedSince);
}
