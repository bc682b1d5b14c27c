package dev.assay.tasks;

import dev.assay.jobs.Job;
import dev.assay.jobs.JobHandler;
import dev.assay.query.FilterParser;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs {@value TaskJobs#PLAN_RUN} jobs: lists a PENDING run's targets newest first, keeps the sampled ones, leaves
 * out (without override) those every evaluator already evaluated at its resolved version, stops at
 * {@code max_spans}, and plans the rest as chunks of {@link TaskSettings#chunkSize()} with one
 * {@value TaskJobs#EVALUATE} job each ({@link TaskStore#planRun}: one transaction). A run planned before a crash is
 * not planned again.
 */
public final class RunPlanner implements JobHandler {
  /** Target ids read per page while planning. */
  static final int PAGE = PageRequest.MAX_LIMIT;

  private final TaskStore store;
  private final TaskTargetEvaluator targets;
  private final TaskSettings settings;
  private final Clock clock;

  public RunPlanner(TaskStore store, TaskTargetEvaluator targets, TaskSettings settings, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.targets = Objects.requireNonNull(targets, "targets");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void handle(Job job) throws Exception {
    TaskJobs.PlanRun payload = TaskPayloads.read(job.payloadJson(), TaskJobs.PlanRun.class);
    TaskRun run = store.findRunForWork(payload.runId()).orElse(null);
    if (run == null || run.status() != TaskRunStatus.PENDING) {
      return;
    }
    Task task = store.findForWork(run.taskId()).orElse(null);
    if (task == null) {
      return;
    }
    try {
      plan(task, run);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      if (job.attempts() >= job.maxAttempts() && !Thread.currentThread().isInterrupted()) {
        store.endRun(run.id(), TaskRunStatus.FAILED, "planning failed after " + job.attempts() + " attempts: "
            + EvaluateTargetsHandler.message(e), clock.instant());
      }
      throw e;
    }
  }

  private void plan(Task task, TaskRun run) throws InterruptedException {
    TaskTargetEvaluator.Resolution resolution = targets.resolve(task);
    if (!resolution.problems().isEmpty()) {
      store.endRun(run.id(), TaskRunStatus.FAILED, String.join("; ", resolution.problems()), clock.instant());
      return;
    }
    TargetQuery query = new TargetQuery(task.projectId(), task.scope(), FilterParser.parseOptional(task.queryFilter()),
        run.dataStart(), run.dataEnd());
    List<String> planned = new ArrayList<>();
    long alreadyDone = 0;
    String cursor = null;
    do {
      if (Thread.interrupted()) {
        throw new InterruptedException("shutting down while planning run " + run.id());
      }
      Page<String> page = store.targetIds(query, new PageRequest(cursor, PAGE));
      List<String> sampled = page.items().stream().filter(id -> Sampling.sampled(id, task.samplingRate())).toList();
      if (!run.overrideEvaluations()) {
        Set<String> done = targets.evaluatedByAll(task, resolution.attached(), sampled);
        alreadyDone += done.size();
        sampled = sampled.stream().filter(id -> !done.contains(id)).toList();
      }
      for (String id : sampled) {
        if (planned.size() >= run.maxSpans()) {
          break;
        }
        planned.add(id);
      }
      cursor = page.nextCursor();
    } while (cursor != null && planned.size() < run.maxSpans());

    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < planned.size(); i += settings.chunkSize()) {
      chunks.add(List.copyOf(planned.subList(i, Math.min(planned.size(), i + settings.chunkSize()))));
    }
    String emptyReason = planned.isEmpty() && alreadyDone > 0
        ? "all " + alreadyDone + " matching targets already have results from these evaluator versions; trigger"
            + " with override_evaluations to evaluate them again"
        : null;
    store.planRun(run.id(), chunks, planned.size(), chunk -> TaskPayloads.evaluate(new TaskJobs.Evaluate(task.id(),
        run.id(), chunk.chunkNo(), chunk.targetIds(), run.overrideEvaluations())), emptyReason, clock.instant());
  }
}
