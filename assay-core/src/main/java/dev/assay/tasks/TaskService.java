package dev.assay.tasks;

import dev.assay.auth.AccessScope;
import dev.assay.eval.EvaluatorService;
import dev.assay.eval.SubjectKind;
import dev.assay.projects.ProjectService;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Tasks and runs for every interface (API, CLI through the API, UI). Validates before it writes: a bad request
 * changes nothing.
 */
public final class TaskService {
  /** {@link #count} hashes at most this many ids to count the sample exactly. */
  public static final int EXACT_SAMPLE_LIMIT = 100_000;

  private final TaskStore store;
  private final ProjectService projects;
  private final EvaluatorService evaluators;
  private final TaskSettings settings;
  private final Clock clock;

  public TaskService(TaskStore store, ProjectService projects, EvaluatorService evaluators, TaskSettings settings,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.projects = Objects.requireNonNull(projects, "projects");
    this.evaluators = Objects.requireNonNull(evaluators, "evaluators");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates a task. Every evaluator must exist in the project's space, a pinned version must belong to its
   * evaluator, no evaluator may appear twice, every evaluator must have the task's scope (422 otherwise), filters
   * must parse, the sampling rate must be in [0, 1].
   *
   * @throws dev.assay.shared.InvalidInputException for a malformed request
   * @throws dev.assay.shared.UnprocessableException when evaluators do not fit (version of another evaluator,
   *     mixed scopes)
   * @throws dev.assay.shared.NotFoundException when the project or an evaluator is not visible
   * @throws dev.assay.shared.ConflictException when the project has a task of that name
   */
  public Task create(AccessScope scope, TaskDraft draft) {
    throw new UnsupportedOperationException("issue 6: TaskService.create");
  }

  /** @param projectRef project id or name, null for all */
  public Page<Task> list(AccessScope scope, String spaceRef, String projectRef, String nameContains, TaskType type,
      PageRequest page) {
    throw new UnsupportedOperationException("issue 6: TaskService.list");
  }

  /** @throws dev.assay.shared.NotFoundException when not visible */
  public Task get(AccessScope scope, String taskId) {
    throw new UnsupportedOperationException("issue 6: TaskService.get");
  }

  /** Applies a partial update with the checks of {@link #create}; an empty patch is a 400. */
  public Task update(AccessScope scope, String taskId, TaskPatch patch) {
    throw new UnsupportedOperationException("issue 6: TaskService.update");
  }

  public void delete(AccessScope scope, String taskId) {
    throw new UnsupportedOperationException("issue 6: TaskService.delete");
  }

  /**
   * Starts a backfill run (AX's trigger): checks the window (start before end, at most 30 days), creates the run
   * PENDING and enqueues its planning, in one transaction.
   */
  public TaskRun trigger(AccessScope scope, String taskId, TriggerRequest request) {
    throw new UnsupportedOperationException("issue 6: TaskService.trigger");
  }

  public Page<TaskRun> listRuns(AccessScope scope, String taskId, TaskRunStatus status, PageRequest page) {
    throw new UnsupportedOperationException("issue 6: TaskService.listRuns");
  }

  public TaskRun getRun(AccessScope scope, String runId) {
    throw new UnsupportedOperationException("issue 6: TaskService.getRun");
  }

  /** Cancels a run that is not terminal; a terminal run is a 409. */
  public TaskRun cancelRun(AccessScope scope, String runId) {
    throw new UnsupportedOperationException("issue 6: TaskService.cancelRun");
  }

  /** Lifts a task's pause by hand (its parked work resumes within {@link TaskSettings#pauseRecheck()}). */
  public Task resume(AccessScope scope, String taskId) {
    throw new UnsupportedOperationException("issue 6: TaskService.resume");
  }

  /** Lifts the pause of every task paused by this model config's failure: called after the config changed. */
  public int resumePausedBy(String modelConfigId) {
    throw new UnsupportedOperationException("issue 6: TaskService.resumePausedBy");
  }

  /** The live count for a task being set up: targets of the project in the window matching the filter, and the sample. */
  public TargetCount count(AccessScope scope, String projectRef, SubjectKind targetScope, String filter,
      double samplingRate, Instant start, Instant end) {
    throw new UnsupportedOperationException("issue 6: TaskService.count");
  }
}
