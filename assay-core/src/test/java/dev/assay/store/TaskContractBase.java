package dev.assay.store;


import dev.assay.auth.AccessScope;
import dev.assay.eval.SubjectKind;
import dev.assay.jobs.NewJob;
import dev.assay.projects.Project;
import dev.assay.shared.Ids;
import dev.assay.spaces.Space;
import dev.assay.tasks.RunChunk;
import dev.assay.tasks.Task;
import dev.assay.tasks.TaskEvaluatorRef;
import dev.assay.tasks.TaskJobs;
import dev.assay.tasks.TaskRun;
import dev.assay.tasks.TaskRunStatus;
import dev.assay.tasks.TaskStore;
import dev.assay.tasks.TaskType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/** Shared data and helpers of the task store contracts (no tests of their own). */
abstract class TaskContractBase extends StoreContract {
  static final AccessScope ALL = AccessScope.unrestricted();

  Project project;

  TaskStore tasks() {
    return store().tasks();
  }

  @BeforeEach
  void createProject() {
    project = store().projects().create(ALL, Space.DEFAULT_ID, "tasks-" + UUID.randomUUID(), null);
  }

  static List<TaskEvaluatorRef> evaluators() {
    return List.of(new TaskEvaluatorRef("ev-1", null, null, Map.of()),
        new TaskEvaluatorRef("ev-2", "ev-2-v3", "attributes.kind = 'chat'", Map.of("output", "output.value", "input", "x")));
  }

  Task draft(Project in, String name, boolean continuous) {
    Instant now = clock.instant();
    return new Task(Ids.newId(clock), in.spaceId(), in.id(), name, TaskType.CODE_EVALUATION, SubjectKind.SPAN,
        "status_code = 'OK'", 0.5, continuous, evaluators(), null, null, null, null, now, now);
  }

  Task insert(String name) {
    return tasks().insert(ALL, draft(project, name, false));
  }

  TaskRun newRun(Task task) {
    Instant now = clock.instant();
    return new TaskRun(Ids.newId(clock), task.id(), task.projectId(), TaskRunStatus.PENDING, now.minusSeconds(3600), now, 100,
        false, null, null, 0, 0, 0, 0, null, null, null, null, now, now);
  }

  TaskRun insertRun(Task task) {
    TaskRun run = newRun(task);
    return tasks().insertRun(run, planJob(run));
  }

  static NewJob planJob(TaskRun run) {
    return NewJob.of(TaskJobs.PLAN_RUN, "{\"run_id\":\"" + run.id() + "\"}").withIdempotencyKey("tasks.plan-run:" + run.id());
  }

  static NewJob chunkJob(RunChunk c) {
    return NewJob.of(TaskJobs.EVALUATE, "{\"run_id\":\"" + c.runId() + "\",\"chunk_no\":" + c.chunkNo() + "}")
        .withIdempotencyKey("tasks.evaluate:" + c.runId() + ":" + c.chunkNo());
  }

  long jobs(String kind) {
    return database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM jobs WHERE kind = :k").bind("k", kind)
        .mapTo(Long.class).one());
  }

  TaskRun plan(TaskRun run, List<List<String>> chunks) {
    long targets = chunks.stream().mapToLong(List::size).sum();
    return tasks().planRun(run.id(), chunks, targets, TaskContractBase::chunkJob, null, clock.instant());
  }
}
