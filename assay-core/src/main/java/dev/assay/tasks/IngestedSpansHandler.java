package dev.assay.tasks;

import dev.assay.jobs.Job;
import dev.assay.jobs.JobHandler;
import dev.assay.jobs.JobQueue;
import dev.assay.jobs.NewJob;
import dev.assay.shared.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TaskJobs#INGESTED}: the spans one commit stored in a project with continuous tasks (enqueued in that commit
 * by {@link ContinuousTaskIndex}). For each continuous task of the project:
 * <ul>
 *   <li>SPAN: the sampled span ids are evaluated now ({@link TaskTargetEvaluator} keeps those that exist, match the
 *       task's filter AND each evaluator's, and have no result of the same evaluator version yet). A paused task's
 *       spans go to a {@link TaskJobs#EVALUATE} job instead, which waits for the pause to be lifted;
 *   <li>TRACE / TRAJECTORY: the traces become pending, due once no span arrived for {@link TaskSettings#traceSettle()};
 *   <li>SESSION: the sessions become pending, due after {@link TaskSettings#sessionIdle()}.
 * </ul>
 * Pending traces and sessions are filtered and sampled when the {@link PendingSettler} releases them, when they are
 * whole. The job is idempotent: run again, pending targets only move their due time and evaluated spans are skipped.
 * A task that fails does not keep the others from their work; the job then fails (and is retried) after all ran.
 */
public final class IngestedSpansHandler implements JobHandler {
  private static final Logger LOG = LoggerFactory.getLogger(IngestedSpansHandler.class);

  private final TaskStore store;
  private final TaskTargetEvaluator evaluator;
  private final JobQueue jobs;
  private final TaskSettings settings;
  private final Clock clock;

  public IngestedSpansHandler(TaskStore store, TaskTargetEvaluator evaluator, JobQueue jobs, TaskSettings settings,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void handle(Job job) {
    TaskJobs.Ingested ingested = TaskPayloads.read(job.payloadJson(), TaskJobs.Ingested.class);
    List<Task> tasks = store.continuousTasks(ingested.projectId());
    if (tasks.isEmpty()) {
      return; // the last continuous task was turned off after the spans committed
    }
    Ids ids = Ids.of(ingested.spans());
    Instant now = clock.instant();
    List<PendingTarget> pending = new ArrayList<>();
    List<Task> spanTasks = new ArrayList<>();
    for (Task task : tasks) {
      switch (task.scope()) {
        case SPAN -> spanTasks.add(task);
        case TRACE, TRAJECTORY -> pend(pending, task, ids.traces(), now.plus(settings.traceSettle()));
        case SESSION -> pend(pending, task, ids.sessions(), now.plus(settings.sessionIdle()));
      }
    }
    if (!pending.isEmpty()) {
      store.upsertPending(pending); // first: cheap, and the settle clock of these traces and sessions starts now
    }
    RuntimeException failure = null;
    for (Task task : spanTasks) {
      try {
        evaluateSpans(task, ids.spans(), ingested.ingestedAt() == null ? null : Times.instant(ingested.ingestedAt()));
      } catch (RuntimeException e) {
        LOG.warn("continuous task {}: evaluating {} new spans failed; the job will retry", task.id(), ids.spans().size(), e);
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** {@code ingestedAt}: the spans' commit time, bounding the evaluator's reads (null: unknown, unbounded). */
  private void evaluateSpans(Task task, Set<String> spanIds, Instant ingestedAt) {
    List<String> sampled = spanIds.stream().filter(id -> Sampling.sampled(id, task.samplingRate())).toList();
    if (sampled.isEmpty()) {
      return;
    }
    if (task.paused()) {
      enqueueEvaluation(task, sampled);
      return;
    }
    TaskTargetEvaluator.Outcome outcome = evaluator.evaluate(task, sampled, null, false, ingestedAt);
    if (!outcome.problems().isEmpty()) {
      LOG.warn("continuous task {}: {}", task.id(), String.join("; ", outcome.problems()));
    }
    if (outcome.paused()) {
      store.pause(task.id(), outcome.pausedReason(), outcome.pausedConfigId(), clock.instant());
      enqueueEvaluation(task, outcome.unprocessed());
    }
  }

  /** Hands spans of a paused task to evaluate jobs, which wait (deferring themselves) until the pause is lifted. */
  private void enqueueEvaluation(Task task, List<String> targetIds) {
    List<NewJob> evaluate = new ArrayList<>();
    for (int from = 0; from < targetIds.size(); from += settings.chunkSize()) {
      List<String> part = targetIds.subList(from, Math.min(targetIds.size(), from + settings.chunkSize()));
      evaluate.add(TaskPayloads.evaluate(new TaskJobs.Evaluate(task.id(), null, null, part, false)));
    }
    if (!evaluate.isEmpty()) {
      jobs.enqueueAll(evaluate);
    }
  }

  private static void pend(List<PendingTarget> out, Task task, Set<String> targetIds, Instant due) {
    for (String id : targetIds) {
      out.add(new PendingTarget(task.id(), id, task.projectId(), due));
    }
  }

  /** The distinct span, trace and session ids of the payload ({@code [trace_id, span_id, session_id]} each). */
  record Ids(Set<String> spans, Set<String> traces, Set<String> sessions) {
    static Ids of(List<List<String>> rows) {
      Set<String> spans = new LinkedHashSet<>();
      Set<String> traces = new LinkedHashSet<>();
      Set<String> sessions = new LinkedHashSet<>();
      for (List<String> row : rows) {
        if (row == null || row.size() < 2 || row.get(0) == null || row.get(1) == null) {
          continue; // not written by ContinuousTaskIndex: nothing to act on
        }
        traces.add(row.get(0));
        spans.add(row.get(1));
        if (row.size() > 2 && row.get(2) != null && !row.get(2).isEmpty()) {
          sessions.add(row.get(2));
        }
      }
      return new Ids(spans, traces, sessions);
    }
  }
}
