package dev.assay.tasks;

import dev.assay.jobs.Job;
import dev.assay.jobs.JobDeferral;
import dev.assay.jobs.JobHandler;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@value TaskJobs#EVALUATE} jobs: a run's chunk (its counts recorded with {@link TaskStore#finishChunk}) or
 * continuous work ({@code run_id} null: sampled here, since the whole trace or session exists now). A job of a
 * paused task waits without calling the model; a job whose evaluation pauses the task records what finished, pauses
 * the task and waits. A chunk that fails on its last attempt ends its run FAILED with the error.
 */
public final class EvaluateTargetsHandler implements JobHandler {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateTargetsHandler.class);

  private final TaskStore store;
  private final TaskTargetEvaluator targets;
  private final TaskSettings settings;
  private final Clock clock;

  public EvaluateTargetsHandler(TaskStore store, TaskTargetEvaluator targets, TaskSettings settings, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.targets = Objects.requireNonNull(targets, "targets");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void handle(Job job) throws Exception {
    TaskJobs.Evaluate payload = TaskPayloads.read(job.payloadJson(), TaskJobs.Evaluate.class);
    if (payload.runId() == null) {
      continuous(payload);
    } else {
      chunk(job, payload);
    }
  }

  private void chunk(Job job, TaskJobs.Evaluate p) throws Exception {
    TaskRun run = store.findRunForWork(p.runId()).orElse(null);
    if (run == null || run.status().terminal()) {
      return; // cancelled, failed or deleted with its task: nothing left to do
    }
    Task task = store.findForWork(p.taskId()).orElse(null);
    if (task == null) {
      return;
    }
    waitIfPaused(task);
    try {
      TaskTargetEvaluator.Outcome outcome = targets.evaluate(task, p.targetIds(), run.id(), p.override());
      pauseIfPaused(task, outcome);
      if (!outcome.problems().isEmpty()) {
        LOG.warn("task {} run {} chunk {}: {}", task.id(), run.id(), p.chunkNo(), String.join("; ", outcome.problems()));
      }
      store.finishChunk(run.id(), p.chunkNo(), outcome.successes(), outcome.errors(), outcome.skipped(), clock.instant());
    } catch (JobDeferral deferral) {
      throw deferral;
    } catch (Exception e) {
      // An interrupt is the pool shutting down and handing the job back, not the chunk failing.
      if (job.attempts() >= job.maxAttempts() && !Thread.currentThread().isInterrupted()) {
        store.endRun(run.id(), TaskRunStatus.FAILED, "chunk " + p.chunkNo() + " failed after " + job.attempts()
            + " attempts: " + message(e), clock.instant());
      }
      throw e;
    }
  }

  private void continuous(TaskJobs.Evaluate p) throws JobDeferral {
    Task task = store.findForWork(p.taskId()).orElse(null);
    if (task == null || !task.continuous()) {
      return; // deleted or switched off since the work was queued
    }
    waitIfPaused(task);
    List<String> sampled = p.targetIds().stream().filter(id -> Sampling.sampled(id, task.samplingRate())).toList();
    if (sampled.isEmpty()) {
      return;
    }
    TaskTargetEvaluator.Outcome outcome = targets.evaluate(task, sampled, null, p.override());
    pauseIfPaused(task, outcome);
    if (!outcome.problems().isEmpty()) {
      LOG.warn("task {}: {}", task.id(), String.join("; ", outcome.problems()));
    }
  }

  private void waitIfPaused(Task task) throws JobDeferral {
    if (task.paused()) {
      throw new JobDeferral("task " + task.id() + " is paused: " + task.pausedReason(), settings.pauseRecheck());
    }
  }

  /** The finished items are stored by now; the job comes back for the rest once the pause is lifted. */
  private void pauseIfPaused(Task task, TaskTargetEvaluator.Outcome outcome) throws JobDeferral {
    if (outcome.paused()) {
      store.pause(task.id(), outcome.pausedReason(), outcome.pausedConfigId(), clock.instant());
      LOG.warn("task {} paused ({} targets left in this job): {}", task.id(), outcome.unprocessed().size(),
          outcome.pausedReason());
      throw new JobDeferral("task " + task.id() + " paused: " + outcome.pausedReason(), settings.pauseRecheck());
    }
  }

  static String message(Throwable e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
  }
}
