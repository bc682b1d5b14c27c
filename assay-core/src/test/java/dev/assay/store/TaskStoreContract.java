package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.auth.AccessScope;
import dev.assay.eval.Evaluation;
import dev.assay.eval.SubjectKind;
import dev.assay.jobs.NewJob;
import dev.assay.projects.Project;
import dev.assay.shared.ConflictException;
import dev.assay.shared.Ids;
import dev.assay.shared.NotFoundException;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import dev.assay.spaces.Space;
import dev.assay.tasks.RunChunk;
import dev.assay.tasks.Task;
import dev.assay.tasks.TaskEvaluatorRef;
import dev.assay.tasks.TaskJobs;
import dev.assay.tasks.TaskQuery;
import dev.assay.tasks.TaskRun;
import dev.assay.tasks.TaskRunQuery;
import dev.assay.tasks.TaskRunStatus;
import dev.assay.tasks.TaskStore;
import dev.assay.tasks.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskStore}: tasks (CRUD, scope, conflicts, the evaluators' JSON, pause and resume) and runs (insert with the
 * plan job, plan into chunks with their jobs, finish chunks with exact sums also under concurrent finishers, end).
 * Pending targets are in {@link TaskPendingContract}, target queries in {@link TaskTargetContract}.
 */
public abstract class TaskStoreContract extends TaskContractBase {
  // --- tasks -----------------------------------------------------------------------------------------------

  @Test
  void insert_storesTheTaskAsGiven_andTheEvaluatorsJsonRoundTrips() {
    Task given = draft(project, "correctness", true);

    Task stored = tasks().insert(ALL, given);

    assertEquals(given, stored);
    assertEquals(evaluators(), stored.evaluators());
    assertNull(stored.evaluators().getFirst().evaluatorVersionId());
    assertEquals(given, tasks().find(ALL, given.id()).orElseThrow());
    assertEquals(given, tasks().findForWork(given.id()).orElseThrow());
    assertTrue(tasks().find(ALL, "no-such-task").isEmpty());
  }

  @Test
  void insert_aNameTakenInTheProject_isAConflict_butAnotherProjectMayUseIt() {
    insert("dup");
    assertThrows(ConflictException.class, () -> insert("dup"));
    Project other = store().projects().create(ALL, Space.DEFAULT_ID, "tasks-other-" + UUID.randomUUID(), null);
    assertEquals("dup", tasks().insert(ALL, draft(other, "dup", false)).name());
    assertThrows(NotFoundException.class, () -> tasks().insert(ALL,
        new Task(Ids.newId(clock), Space.DEFAULT_ID, "no-such-project", "x", TaskType.CODE_EVALUATION, SubjectKind.SPAN, null,
            1.0, false, List.of(), null, null, null, null, clock.instant(), clock.instant())));
  }

  @Test
  void list_ordersByNameThenId_pagesByKeyset_andFilters() {
    Project other = store().projects().create(ALL, Space.DEFAULT_ID, "tasks-other-" + UUID.randomUUID(), null);
    insert("b-task");
    insert("a-task");
    insert("c-other");
    tasks().insert(ALL, draft(other, "a-task", false));

    Page<Task> first = tasks().list(ALL, new TaskQuery(null, project.id(), null, null), PageRequest.first(2));
    assertEquals(List.of("a-task", "b-task"), first.items().stream().map(Task::name).toList());
    Page<Task> second = tasks().list(ALL, new TaskQuery(null, project.id(), null, null), new PageRequest(first.nextCursor(), 2));
    assertEquals(List.of("c-other"), second.items().stream().map(Task::name).toList());
    assertFalse(second.hasMore());
    assertEquals(4, tasks().list(ALL, TaskQuery.ALL, PageRequest.first(10)).items().size());
    assertEquals(List.of("a-task", "a-task", "b-task"), tasks().list(ALL, new TaskQuery(Space.DEFAULT_ID, null, "TASK", null),
        PageRequest.first(10)).items().stream().map(Task::name).toList());
    assertEquals(0, tasks().list(ALL, new TaskQuery(null, null, null, TaskType.TEMPLATE_EVALUATION), PageRequest.first(10))
        .items().size());
  }

  @Test
  void aTaskOfAnotherSpace_isInvisible_everywhereTheScopeApplies() {
    Space hidden = store().spaces().create(ALL, "hidden-" + UUID.randomUUID(), null);
    Project secret = store().projects().create(ALL, hidden.id(), "secret-" + UUID.randomUUID(), null);
    Task task = tasks().insert(ALL, draft(secret, "secret", false));
    TaskRun run = insertRun(task);
    AccessScope onlyDefault = AccessScope.spaces(Set.of(Space.DEFAULT_ID));

    assertTrue(tasks().find(onlyDefault, task.id()).isEmpty());
    assertEquals(List.of(), tasks().list(onlyDefault, TaskQuery.ALL, PageRequest.first(10)).items());
    assertThrows(NotFoundException.class, () -> tasks().update(onlyDefault, task));
    assertFalse(tasks().delete(onlyDefault, task.id()));
    assertTrue(tasks().findRun(onlyDefault, run.id()).isEmpty());
    assertEquals(List.of(), tasks().listRuns(onlyDefault, new TaskRunQuery(task.id(), null), PageRequest.first(10)).items());
    assertThrows(NotFoundException.class, () -> tasks().insert(onlyDefault, draft(secret, "sneaky", false)));
    assertEquals(List.of(), tasks().list(AccessScope.spaces(Set.of()), TaskQuery.ALL, PageRequest.first(10)).items());
    // the task is untouched
    assertEquals(task.name(), tasks().find(ALL, task.id()).orElseThrow().name());
    assertTrue(tasks().find(AccessScope.spaces(Set.of(hidden.id())), task.id()).isPresent());
  }

  @Test
  void update_replacesTheMutableFields_keepingPauseAndLastRun() {
    Task task = insert("before");
    insertRun(task);
    tasks().pause(task.id(), "invalid api key", "cfg-1", clock.instant());
    Task paused = tasks().find(ALL, task.id()).orElseThrow();
    clock.advance(Duration.ofMinutes(1));
    Task changed = new Task(task.id(), task.spaceId(), task.projectId(), "after", TaskType.TEMPLATE_EVALUATION,
        SubjectKind.TRACE, null, 0.25, true, List.of(new TaskEvaluatorRef("ev-9", null, null, null)), null, null, null, null,
        task.createdAt(), clock.instant());

    Task updated = tasks().update(ALL, changed);

    assertEquals("after", updated.name());
    assertEquals(TaskType.TEMPLATE_EVALUATION, updated.type());
    assertEquals(SubjectKind.TRACE, updated.scope());
    assertNull(updated.queryFilter());
    assertEquals(0.25, updated.samplingRate());
    assertTrue(updated.continuous());
    assertEquals(List.of(new TaskEvaluatorRef("ev-9", null, null, Map.of())), updated.evaluators());
    assertEquals(clock.instant(), updated.updatedAt());
    assertEquals(task.createdAt(), updated.createdAt());
    assertEquals("invalid api key", updated.pausedReason());
    assertEquals(paused.lastRunAt(), updated.lastRunAt());
    assertNotNull(updated.lastRunAt());
  }

  @Test
  void update_toAnotherTasksName_isAConflict_andAnUnknownTaskIsNotFound() {
    insert("taken");
    Task task = insert("mine");
    Task renamed = new Task(task.id(), task.spaceId(), task.projectId(), "taken", task.type(), task.scope(), null, 1, false,
        task.evaluators(), null, null, null, null, task.createdAt(), clock.instant());
    assertThrows(ConflictException.class, () -> tasks().update(ALL, renamed));
    assertEquals("mine", tasks().find(ALL, task.id()).orElseThrow().name());
    Task ghost = new Task("ghost", task.spaceId(), task.projectId(), "ghost", task.type(), task.scope(), null, 1, false,
        task.evaluators(), null, null, null, null, task.createdAt(), clock.instant());
    assertThrows(NotFoundException.class, () -> tasks().update(ALL, ghost));
  }

  @Test
  void delete_removesTheTaskRunsChunksAndPendingTargets_butNotResults() {
    Task task = insert("doomed");
    TaskRun run = insertRun(task);
    plan(run, List.of(List.of("s1")));
    tasks().upsertPending(List.of(new dev.assay.tasks.PendingTarget(task.id(), "t1", project.id(), clock.instant())));
    store().evaluations().upsert(ALL, List.of(new Evaluation(null, project.id(), Evaluation.TargetKind.SPAN, "s1", "x", null,
        null, null, "good", 1.0, null, null, Evaluation.AnnotatorKind.CODE, Evaluation.Source.TASK, null, run.id(), null, null,
        null)));

    assertTrue(tasks().delete(ALL, task.id()));

    assertTrue(tasks().find(ALL, task.id()).isEmpty());
    assertTrue(tasks().findRunForWork(run.id()).isEmpty());
    assertTrue(tasks().findChunk(run.id(), 0).isEmpty());
    assertEquals(List.of(), tasks().takeDuePending(clock.instant(), 10, t -> List.of()));
    assertEquals(1, store().evaluations().listForTarget(ALL, project.id(), Evaluation.TargetKind.SPAN, "s1").size());
    assertFalse(tasks().delete(ALL, task.id()));
  }

  @Test
  void deletingTheProjectOrItsSpace_deletesItsTasksWithTheirRunsChunksAndPendingTargets() {
    Task task = tasks().insert(ALL, draft(project, "goes-with-project", true));
    TaskRun run = plan(insertRun(task), List.of(List.of("s1")));
    tasks().upsertPending(List.of(new dev.assay.tasks.PendingTarget(task.id(), "t1", project.id(), clock.instant())));
    Space space = store().spaces().create(ALL, "doomed-" + UUID.randomUUID(), null);
    Project inSpace = store().projects().create(ALL, space.id(), "doomed-" + UUID.randomUUID(), null);
    Task other = tasks().insert(ALL, draft(inSpace, "goes-with-space", true));
    TaskRun otherRun = plan(insertRun(other), List.of(List.of("s2")));

    assertTrue(store().projects().delete(ALL, project.id()));
    assertTrue(store().spaces().delete(ALL, space.id()));

    assertTrue(tasks().findForWork(task.id()).isEmpty());
    assertTrue(tasks().findRunForWork(run.id()).isEmpty());
    assertTrue(tasks().findChunk(run.id(), 0).isEmpty());
    assertTrue(tasks().findForWork(other.id()).isEmpty());
    assertTrue(tasks().findChunk(otherRun.id(), 0).isEmpty());
    assertEquals(List.of(), tasks().takeDuePending(clock.instant(), 10, t -> List.of()));
    assertEquals(Set.of(), tasks().projectsWithContinuousTasks());
  }

  @Test
  void continuousTasks_andTheirProjects() {
    Project other = store().projects().create(ALL, Space.DEFAULT_ID, "tasks-other-" + UUID.randomUUID(), null);
    Task live = tasks().insert(ALL, draft(project, "live", true));
    insert("backfill-only");
    tasks().insert(ALL, draft(other, "backfill-only", false));

    assertEquals(List.of(live), tasks().continuousTasks(project.id()));
    assertEquals(List.of(), tasks().continuousTasks(other.id()));
    assertEquals(Set.of(project.id()), tasks().projectsWithContinuousTasks());
  }

  @Test
  void pause_keepsTheFirstReason_marksRunningRuns_andResumeClearsBoth() {
    Task task = insert("pausable");
    Task other = insert("untouched");
    TaskRun running = plan(insertRun(task), List.of(List.of("s1")));
    TaskRun pending = insertRun(task);
    Instant at = clock.instant();

    tasks().pause(task.id(), "401 invalid api key", "cfg-1", at);
    tasks().pause(task.id(), "later reason", "cfg-2", at.plusSeconds(5));

    Task paused = tasks().findForWork(task.id()).orElseThrow();
    assertTrue(paused.paused());
    assertEquals("401 invalid api key", paused.pausedReason());
    assertEquals(at, paused.pausedAt());
    assertEquals("cfg-1", paused.pausedConfigId());
    assertEquals("401 invalid api key", tasks().findRunForWork(running.id()).orElseThrow().pausedReason());
    assertNull(tasks().findRunForWork(pending.id()).orElseThrow().pausedReason(), "only RUNNING runs");
    assertEquals(List.of(task.id()), tasks().pausedBy("cfg-1"));
    assertEquals(List.of(), tasks().pausedBy("cfg-2"));
    // a run planned while paused shows the pause
    assertEquals("401 invalid api key", plan(pending, List.of(List.of("s2"))).pausedReason());

    assertEquals(1, tasks().resume(List.of(task.id(), other.id(), "no-such-task")));

    Task resumed = tasks().findForWork(task.id()).orElseThrow();
    assertFalse(resumed.paused());
    assertNull(resumed.pausedAt());
    assertNull(resumed.pausedConfigId());
    assertNull(tasks().findRunForWork(running.id()).orElseThrow().pausedReason());
    assertEquals(List.of(), tasks().pausedBy("cfg-1"));
    assertEquals(0, tasks().resume(List.of(task.id())));
  }

  // --- runs ------------------------------------------------------------------------------------------------

  @Test
  void insertRun_storesAPendingRun_setsLastRunAt_andEnqueuesThePlanJob_wakingTheWorkers() {
    Task task = insert("runs");
    AtomicInteger woken = new AtomicInteger();
    store().jobs().addEnqueueListener(woken::incrementAndGet);
    clock.advance(Duration.ofSeconds(7));
    TaskRun given = newRun(task);

    TaskRun stored = tasks().insertRun(given, planJob(given));

    assertEquals(given, stored);
    assertEquals(given.createdAt(), tasks().findForWork(task.id()).orElseThrow().lastRunAt());
    assertEquals(1, jobs(TaskJobs.PLAN_RUN));
    assertEquals(1, woken.get());
    assertEquals(given, tasks().findRun(ALL, given.id()).orElseThrow());
    assertThrows(NotFoundException.class, () -> tasks().insertRun(
        new TaskRun("orphan", "no-such-task", project.id(), TaskRunStatus.PENDING, null, null, 1, false, null, null, 0, 0, 0, 0,
            null, null, null, null, clock.instant(), clock.instant()), NewJob.of(TaskJobs.PLAN_RUN, "{}")));
    assertEquals(1, jobs(TaskJobs.PLAN_RUN), "nothing of the failed insert is left");
    assertTrue(tasks().findRunForWork("orphan").isEmpty());
  }

  @Test
  void listRuns_newestFirst_withKeysetPages_andAStatusFilter_andLatestRun() {
    Task task = insert("history");
    List<TaskRun> runs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      runs.add(insertRun(task));
      clock.advance(Duration.ofSeconds(1));
    }
    tasks().endRun(runs.get(1).id(), TaskRunStatus.CANCELLED, "by hand", clock.instant());

    Page<TaskRun> first = tasks().listRuns(ALL, new TaskRunQuery(task.id(), null), PageRequest.first(3));
    Page<TaskRun> rest = tasks().listRuns(ALL, new TaskRunQuery(task.id(), null), new PageRequest(first.nextCursor(), 3));

    List<String> ids = new ArrayList<>(first.items().stream().map(TaskRun::id).toList());
    ids.addAll(rest.items().stream().map(TaskRun::id).toList());
    assertEquals(runs.reversed().stream().map(TaskRun::id).toList(), ids);
    assertFalse(rest.hasMore());
    assertEquals(List.of(runs.get(1).id()), tasks().listRuns(ALL, new TaskRunQuery(task.id(), TaskRunStatus.CANCELLED),
        PageRequest.first(10)).items().stream().map(TaskRun::id).toList());
    assertEquals(runs.getLast().id(), tasks().latestRun(task.id()).orElseThrow().id());
    assertTrue(tasks().latestRun("no-such-task").isEmpty());
  }

  @Test
  void planRun_storesChunksAndTheirJobs_andRunsTheRun_once() {
    Task task = insert("plan");
    TaskRun run = insertRun(task);
    clock.advance(Duration.ofSeconds(2));

    TaskRun planned = plan(run, List.of(List.of("s1", "s2"), List.of("s3")));

    assertEquals(TaskRunStatus.RUNNING, planned.status());
    assertEquals(3L, planned.numTargets());
    assertEquals(2, planned.chunksTotal());
    assertEquals(0, planned.chunksDone());
    assertEquals(clock.instant(), planned.runStartedAt());
    assertEquals(new RunChunk(run.id(), 0, List.of("s1", "s2"), RunChunk.Status.PENDING, 0, 0, 0),
        tasks().findChunk(run.id(), 0).orElseThrow());
    assertEquals(List.of("s3"), tasks().findChunk(run.id(), 1).orElseThrow().targetIds());
    assertEquals(2, jobs(TaskJobs.EVALUATE));

    TaskRun again = plan(run, List.of(List.of("x1"), List.of("x2"), List.of("x3")));
    assertEquals(planned, again, "a run no longer PENDING is returned unchanged");
    assertEquals(2, jobs(TaskJobs.EVALUATE));
    assertTrue(tasks().findChunk(run.id(), 2).isEmpty());
  }

  @Test
  void planRun_withNoChunks_endsTheRun_completedOrCancelledWithTheReason() {
    Task task = insert("empty");
    TaskRun completed = tasks().planRun(insertRun(task).id(), List.of(), 0, TaskContractBase::chunkJob, null, clock.instant());
    assertEquals(TaskRunStatus.COMPLETED, completed.status());
    assertEquals(0, completed.chunksTotal());
    assertEquals(clock.instant(), completed.runFinishedAt());

    String reason = "all 3 matching targets already have results; trigger with override_evaluations";
    TaskRun cancelled = tasks().planRun(insertRun(task).id(), List.of(), 0, TaskContractBase::chunkJob, reason, clock.instant());
    assertEquals(TaskRunStatus.CANCELLED, cancelled.status());
    assertEquals(reason, cancelled.failureReason());
    assertEquals(0, jobs(TaskJobs.EVALUATE));
  }

  @Test
  void planRun_thatFailsWhileMakingJobs_leavesNothing() {
    TaskRun run = insertRun(insert("atomic"));
    assertThrows(IllegalStateException.class, () -> tasks().planRun(run.id(), List.of(List.of("a"), List.of("b")), 2, c -> {
      if (c.chunkNo() == 1) {
        throw new IllegalStateException("boom");
      }
      return chunkJob(c);
    }, null, clock.instant()));

    assertEquals(TaskRunStatus.PENDING, tasks().findRunForWork(run.id()).orElseThrow().status());
    assertTrue(tasks().findChunk(run.id(), 0).isEmpty());
    assertEquals(0, jobs(TaskJobs.EVALUATE));
  }

  @Test
  void finishChunk_setsCountsNotAddsThem_andCompletesTheRunWithTheLastChunk() {
    TaskRun run = plan(insertRun(insert("finish")), List.of(List.of("a", "b"), List.of("c")));

    TaskRun afterFirst = tasks().finishChunk(run.id(), 0, 3, 1, 0, clock.instant());
    assertEquals(TaskRunStatus.RUNNING, afterFirst.status());
    assertEquals(1, afterFirst.chunksDone());
    assertEquals(3, afterFirst.numSuccesses());
    // the same chunk again (a retry after a crash) replaces its counts
    TaskRun retried = tasks().finishChunk(run.id(), 0, 2, 2, 0, clock.instant());
    assertEquals(2, retried.numSuccesses());
    assertEquals(2, retried.numErrors());
    assertEquals(1, retried.chunksDone());
    assertNull(retried.runFinishedAt());

    clock.advance(Duration.ofSeconds(3));
    TaskRun done = tasks().finishChunk(run.id(), 1, 1, 0, 1, clock.instant());

    assertEquals(TaskRunStatus.COMPLETED, done.status());
    assertEquals(2, done.chunksDone());
    assertEquals(3, done.numSuccesses());
    assertEquals(2, done.numErrors());
    assertEquals(1, done.numSkipped());
    assertEquals(clock.instant(), done.runFinishedAt());
    assertEquals(new RunChunk(run.id(), 1, List.of("c"), RunChunk.Status.DONE, 1, 0, 1), tasks().findChunk(run.id(), 1).orElseThrow());
    assertThrows(NotFoundException.class, () -> tasks().finishChunk(run.id(), 7, 1, 0, 0, clock.instant()));
    assertThrows(NotFoundException.class, () -> tasks().finishChunk("no-such-run", 0, 1, 0, 0, clock.instant()));
  }

  @Test
  void endRun_cancelsPendingChunks_aLateChunkStillCounts_andATerminalRunStays() {
    TaskRun run = plan(insertRun(insert("cancel")), List.of(List.of("a"), List.of("b"), List.of("c")));
    tasks().finishChunk(run.id(), 0, 1, 0, 0, clock.instant());
    clock.advance(Duration.ofSeconds(1));

    TaskRun cancelled = tasks().endRun(run.id(), TaskRunStatus.CANCELLED, "cancelled by a user", clock.instant());

    assertEquals(TaskRunStatus.CANCELLED, cancelled.status());
    assertEquals("cancelled by a user", cancelled.failureReason());
    assertEquals(clock.instant(), cancelled.runFinishedAt());
    assertEquals(RunChunk.Status.DONE, tasks().findChunk(run.id(), 0).orElseThrow().status());
    assertEquals(RunChunk.Status.CANCELLED, tasks().findChunk(run.id(), 1).orElseThrow().status());

    TaskRun late = tasks().finishChunk(run.id(), 1, 5, 0, 0, clock.instant().plusSeconds(1));
    assertEquals(TaskRunStatus.CANCELLED, late.status());
    assertEquals(6, late.numSuccesses());
    assertEquals(cancelled.runFinishedAt(), late.runFinishedAt());

    assertEquals(late, tasks().endRun(run.id(), TaskRunStatus.FAILED, "too late", clock.instant().plusSeconds(9)));
    assertThrows(IllegalArgumentException.class,
        () -> tasks().endRun(run.id(), TaskRunStatus.COMPLETED, "no", clock.instant()));
    TaskRun failed = tasks().endRun(plan(insertRun(insert("fail")), List.of(List.of("x"))).id(), TaskRunStatus.FAILED,
        "evaluator crashed", clock.instant());
    assertEquals(TaskRunStatus.FAILED, failed.status());
    assertEquals("evaluator crashed", failed.failureReason());
  }

  @Test
  void concurrentFinishers_onTwoStores_leaveExactSums() throws Exception {
    int chunks = 40;
    List<List<String>> slices = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      slices.add(List.of("t" + i));
    }
    TaskRun run = plan(insertRun(insert("race")), slices);
    // Two stores over one database: two replicas as far as the store can tell (no shared Java state but the database).
    List<TaskStore> replicas = List.of(tasks(), new JdbcStore(database(), clock).tasks());

    Concurrently.run(8, worker -> {
      for (int i = worker; i < chunks; i += 8) {
        replicas.get(worker % 2).finishChunk(run.id(), i, i, 1, 2, clock.instant());
      }
    });

    TaskRun done = tasks().findRunForWork(run.id()).orElseThrow();
    assertEquals(TaskRunStatus.COMPLETED, done.status());
    assertEquals(chunks, done.chunksDone());
    assertEquals((long) chunks * (chunks - 1) / 2, done.numSuccesses());
    assertEquals(chunks, done.numErrors());
    assertEquals(2L * chunks, done.numSkipped());
  }
}
