package dev.assay.tasks;

import dev.assay.auth.AccessScope;
import dev.assay.eval.EvaluatorService;
import dev.assay.eval.SubjectKind;
import dev.assay.projects.ProjectService;
import dev.assay.projects.Project;
import dev.assay.query.FilterParser;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Ids;
import dev.assay.shared.InvalidInputException;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Tasks and runs for every interface (API, CLI through the API, UI). Validates before it writes: a bad request
 * changes nothing.
 */
public final class TaskService {
  /** {@link #count} hashes at most this many ids to count the sample exactly. */
  public static final int EXACT_SAMPLE_LIMIT = 100_000;
  /** The longest data window one run covers (AX's limit). */
  public static final Duration MAX_WINDOW = Duration.ofDays(30);

  private final TaskStore store;
  private final ProjectService projects;
  private final EvaluatorService evaluators;
  private final TaskSettings settings;
  private final Clock clock;
  private final List<Runnable> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  public TaskService(TaskStore store, ProjectService projects, EvaluatorService evaluators, TaskSettings settings,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.projects = Objects.requireNonNull(projects, "projects");
    this.evaluators = Objects.requireNonNull(evaluators, "evaluators");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Runs {@code listener} after every task this service creates, updates or deletes (the span writer's
   * {@link ContinuousTaskIndex#refresh}, so this replica sees a new continuous task at once).
   */
  public void onTasksChanged(Runnable listener) {
    changeListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private <T> T changed(T result) {
    for (Runnable listener : changeListeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(TaskService.class).warn("a task change listener failed", e);
      }
    }
    return result;
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
    if (draft == null) {
      throw new InvalidInputException("a task needs name, project_id and evaluators");
    }
    String name = TaskChecks.name(draft.name());
    double rate = TaskChecks.samplingRate(draft.samplingRate());
    String filter = TaskChecks.filter(draft.queryFilter(), "query_filter");
    if (draft.projectRef() == null || draft.projectRef().isBlank()) {
      throw new InvalidInputException("project_id is required");
    }
    Project project = projects.get(scope, draft.projectRef().strip(), null);
    TaskChecks.CheckedEvaluators checked = TaskChecks.evaluators(evaluators, scope, project, draft.evaluators(),
        draft.scope());
    Instant now = clock.instant();
    Task task = new Task(Ids.newId(clock), project.spaceId(), project.id(), name,
        draft.type() != null ? draft.type() : checked.type(), checked.scope(), filter, rate,
        Boolean.TRUE.equals(draft.continuous()), checked.refs(), null, null, null, null, now, now);
    return changed(store.insert(scope, task));
  }

  /** @param projectRef project id or name, null for all */
  public Page<Task> list(AccessScope scope, String spaceRef, String projectRef, String nameContains, TaskType type,
      PageRequest page) {
    String spaceId = spaceRef == null || spaceRef.isBlank() ? null : projects.space(scope, spaceRef.strip()).id();
    String projectId = projectRef == null || projectRef.isBlank() ? null
        : projects.get(scope, projectRef.strip(), spaceRef).id();
    String contains = nameContains == null || nameContains.isBlank() ? null : nameContains.strip();
    return store.list(scope, new TaskQuery(spaceId, projectId, contains, type), page);
  }

  /** @throws dev.assay.shared.NotFoundException when not visible */
  public Task get(AccessScope scope, String taskId) {
    if (taskId == null || taskId.isBlank()) {
      throw new NotFoundException("task '' not found");
    }
    return store.find(scope, taskId.strip()).orElseThrow(() -> new NotFoundException("task '" + taskId + "' not found"));
  }

  /**
   * Applies a partial update with the checks of {@link #create}; an empty patch is a 400. New evaluators may change
   * the task's scope (it follows their granularity). Any update lifts a pause: the user has acted on the task.
   */
  public Task update(AccessScope scope, String taskId, TaskPatch patch) {
    if (patch == null || patch.isEmpty()) {
      throw new InvalidInputException("nothing to update: give at least one of name, sampling_rate, is_continuous,"
          + " query_filter and evaluators");
    }
    String name = patch.name() == null ? null : TaskChecks.name(patch.name());
    Double rate = patch.samplingRate() == null ? null : TaskChecks.samplingRate(patch.samplingRate());
    String filter = patch.queryFilter() == null ? null : TaskChecks.filter(patch.queryFilter(), "query_filter");
    Task current = get(scope, taskId);
    TaskChecks.CheckedEvaluators checked = patch.evaluators() == null ? null
        : TaskChecks.evaluators(evaluators, scope, projects.get(scope, current.projectId(), null), patch.evaluators(),
            null);
    String nextFilter = patch.clearQueryFilter() ? null : patch.queryFilter() != null ? filter : current.queryFilter();
    Task next = new Task(current.id(), current.spaceId(), current.projectId(), name != null ? name : current.name(),
        current.type(), checked != null ? checked.scope() : current.scope(), nextFilter,
        rate != null ? rate : current.samplingRate(),
        patch.continuous() != null ? patch.continuous() : current.continuous(),
        checked != null ? checked.refs() : current.evaluators(), current.pausedReason(), current.pausedAt(),
        current.pausedConfigId(), current.lastRunAt(), current.createdAt(), clock.instant());
    Task updated = changed(store.update(scope, next));
    if (updated.paused()) {
      store.resume(List.of(updated.id()));
      return get(scope, updated.id());
    }
    return updated;
  }

  public void delete(AccessScope scope, String taskId) {
    Task task = get(scope, taskId);
    if (!changed(store.delete(scope, task.id()))) {
      throw new NotFoundException("task '" + taskId + "' not found");
    }
  }

  /**
   * Starts a backfill run (AX's trigger): checks the window (start before end, at most 30 days), creates the run
   * PENDING and enqueues its planning, in one transaction.
   */
  public TaskRun trigger(AccessScope scope, String taskId, TriggerRequest request) {
    TriggerRequest r = request == null ? new TriggerRequest(null, null, null, null) : request;
    long maxSpans = r.maxSpans() == null ? TriggerRequest.DEFAULT_MAX_SPANS : r.maxSpans();
    if (maxSpans < 1 || maxSpans > TriggerRequest.MAX_MAX_SPANS) {
      throw new InvalidInputException("max_spans must be between 1 and " + TriggerRequest.MAX_MAX_SPANS + ", got "
          + maxSpans);
    }
    Task task = get(scope, taskId);
    Instant now = clock.instant();
    Instant end = r.dataEnd() != null ? r.dataEnd() : now;
    Instant start = r.dataStart() != null ? r.dataStart()
        : store.latestRun(task.id()).map(TaskRun::dataEnd).orElseThrow(() -> new InvalidInputException(
            "data_start_time is required for the task's first run (later runs start where the last one ended)"));
    if (!start.isBefore(end)) {
      throw new InvalidInputException("data_start_time (" + start + ") must be before data_end_time (" + end + ")");
    }
    if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
      throw new InvalidInputException("the data window may span at most " + MAX_WINDOW.toDays() + " days; "
          + start + " to " + end + " is longer: trigger several runs");
    }
    String runId = Ids.newId(clock);
    TaskRun run = new TaskRun(runId, task.id(), task.projectId(), TaskRunStatus.PENDING, start, end, maxSpans,
        Boolean.TRUE.equals(r.overrideEvaluations()), null, null, 0, 0, 0, 0, null, null, null, null, now, now);
    return store.insertRun(run, TaskPayloads.planRun(runId));
  }

  public Page<TaskRun> listRuns(AccessScope scope, String taskId, TaskRunStatus status, PageRequest page) {
    Task task = get(scope, taskId);
    return store.listRuns(scope, new TaskRunQuery(task.id(), status), page);
  }

  public TaskRun getRun(AccessScope scope, String runId) {
    if (runId == null || runId.isBlank()) {
      throw new NotFoundException("task run '' not found");
    }
    return store.findRun(scope, runId.strip())
        .orElseThrow(() -> new NotFoundException("task run '" + runId + "' not found"));
  }

  /** Cancels a run that is not terminal; a terminal run is a 409. */
  public TaskRun cancelRun(AccessScope scope, String runId) {
    TaskRun run = getRun(scope, runId);
    if (run.status().terminal()) {
      throw new ConflictException("task run '" + runId + "' is already " + run.status() + "; only PENDING or RUNNING"
          + " runs can be cancelled");
    }
    TaskRun ended = store.endRun(run.id(), TaskRunStatus.CANCELLED, null, clock.instant());
    if (ended.status() != TaskRunStatus.CANCELLED) {
      throw new ConflictException("task run '" + runId + "' ended " + ended.status() + " before it could be cancelled");
    }
    return ended;
  }

  /** Lifts a task's pause by hand (its parked work resumes within {@link TaskSettings#pauseRecheck()}). */
  public Task resume(AccessScope scope, String taskId) {
    Task task = get(scope, taskId);
    if (!task.paused()) {
      return task;
    }
    store.resume(List.of(task.id()));
    return get(scope, task.id());
  }

  /** Lifts the pause of every task paused by this model config's failure: called after the config changed. */
  public int resumePausedBy(String modelConfigId) {
    if (modelConfigId == null) {
      return 0;
    }
    List<String> paused = store.pausedBy(modelConfigId);
    return paused.isEmpty() ? 0 : store.resume(paused);
  }

  /** The live count for a task being set up: targets of the project in the window matching the filter, and the sample. */
  public TargetCount count(AccessScope scope, String projectRef, SubjectKind targetScope, String filter,
      double samplingRate, Instant start, Instant end) {
    SubjectKind kind = targetScope == null ? SubjectKind.SPAN : TaskChecks.targetScope(targetScope);
    double rate = TaskChecks.samplingRate(samplingRate);
    String text = TaskChecks.filter(filter, "query_filter");
    if (start != null && end != null && !start.isBefore(end)) {
      throw new InvalidInputException("data_start_time (" + start + ") must be before data_end_time (" + end + ")");
    }
    if (projectRef == null || projectRef.isBlank()) {
      throw new InvalidInputException("project_id is required");
    }
    Project project = projects.get(scope, projectRef.strip(), null);
    TargetQuery query = new TargetQuery(project.id(), kind, FilterParser.parseOptional(text), start, end);
    long matching = store.countTargets(query);
    if (rate >= 1.0 || rate <= 0.0 || matching == 0) {
      return new TargetCount(matching, rate <= 0.0 ? 0 : matching, true);
    }
    if (matching > EXACT_SAMPLE_LIMIT) {
      return new TargetCount(matching, Math.round(matching * rate), false);
    }
    long sampled = 0;
    long seen = 0;
    String cursor = null;
    do {
      Page<String> page = store.targetIds(query, new PageRequest(cursor, PageRequest.MAX_LIMIT));
      for (String id : page.items()) {
        seen++;
        if (Sampling.sampled(id, rate)) {
          sampled++;
        }
      }
      cursor = page.nextCursor();
    } while (cursor != null && seen < EXACT_SAMPLE_LIMIT);
    return new TargetCount(matching, sampled, cursor == null);
  }
}
