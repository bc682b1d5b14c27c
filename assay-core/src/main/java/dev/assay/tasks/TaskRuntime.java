package dev.assay.tasks;

import dev.assay.eval.EvaluationStore;
import dev.assay.eval.EvaluatorService;
import dev.assay.eval.exec.EvalExecutor;
import dev.assay.jobs.JobHandler;
import dev.assay.jobs.JobQueue;
import dev.assay.projects.ProjectService;
import dev.assay.traces.SpanService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything tasks run with on one replica, built once by the server: the service the interfaces call, the job
 * handlers the worker pool registers, and the settler that releases settled traces and sessions.
 */
public final class TaskRuntime implements AutoCloseable {
  private final TaskService service;
  private final TaskTargetEvaluator targets;
  private final RunPlanner planner;
  private final EvaluateTargetsHandler evaluate;
  private final IngestedSpansHandler ingested;
  private final PendingSettler settler;

  public TaskRuntime(TaskStore store, JobQueue jobs, EvaluationStore evaluations, ProjectService projects,
      SpanService spans, EvaluatorService evaluators, EvalExecutor executor, TaskSettings settings, Clock clock) {
    this.service = new TaskService(store, projects, evaluators, settings, clock);
    this.targets = new TaskTargetEvaluator(store, evaluators, evaluations, spans, executor);
    this.planner = new RunPlanner(store, targets, settings, clock);
    this.evaluate = new EvaluateTargetsHandler(store, targets, settings, clock);
    this.ingested = new IngestedSpansHandler(store, targets, jobs, settings, clock);
    this.settler = new PendingSettler(store, settings, clock);
  }

  public TaskService service() {
    return service;
  }

  /** The evaluation core shared by run chunks and continuous work. */
  public TaskTargetEvaluator targets() {
    return targets;
  }

  /** Handlers by job kind ({@link TaskJobs}). */
  public Map<String, JobHandler> jobHandlers() {
    Map<String, JobHandler> handlers = new LinkedHashMap<>();
    handlers.put(TaskJobs.PLAN_RUN, planner);
    handlers.put(TaskJobs.EVALUATE, evaluate);
    handlers.put(TaskJobs.INGESTED, ingested);
    return Map.copyOf(handlers);
  }

  /** Starts the settler (continuous TRACE / TRAJECTORY / SESSION tasks). */
  public void start() {
    settler.start();
  }

  /** Stops the settler; jobs in flight are the worker pool's to finish or release. */
  @Override
  public void close() {
    settler.close();
  }
}
