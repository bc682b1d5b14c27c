package dev.assay.experiments;

import dev.assay.datasets.DatasetService;
import dev.assay.eval.EvaluationStore;
import dev.assay.eval.EvaluatorService;
import dev.assay.eval.exec.EvalExecutor;
import dev.assay.jobs.JobHandler;
import dev.assay.jobs.JobQueue;
import dev.assay.projects.ProjectService;
import dev.assay.prompts.PromptService;
import dev.assay.traces.SpanWriter;
import java.time.Clock;
import java.util.Map;

/**
 * The experiments feature assembled: service, runner and the {@code experiments.run} job handler. The server
 * builds one; {@code assay eval} builds one over a temporary embedded store.
 */
public final class ExperimentRuntime implements AutoCloseable {
  /** The job kind that runs an experiment (payload {@code {"experiment_id": …}}). */
  public static final String RUN_JOB = ExperimentManager.RUN_JOB;

  private final ExperimentManager service;
  private final ExperimentEngine runner;
  private final ExperimentJobHandler handler;

  public ExperimentRuntime(ExperimentStore store, JobQueue jobs, DatasetService datasets, PromptService prompts,
      EvaluatorService evaluators, EvaluationStore evaluations, ProjectService projects, EvalExecutor executor,
      SpanWriter traces, Clock clock) {
    ExperimentValidator validator = new ExperimentValidator(datasets, prompts, evaluators, executor);
    this.service = new ExperimentManager(store, datasets, evaluations, projects, validator,
        executor.configs().sealedValues(), clock);
    this.runner = new ExperimentEngine(store, datasets, prompts, evaluations, validator, executor, traces, clock);
    this.handler = new ExperimentJobHandler(runner, store, clock);
  }

  public ExperimentService service() {
    return service;
  }

  public ExperimentRunner runner() {
    return runner;
  }

  /** Handlers by job kind, merged with the other features' into the worker pool. */
  public Map<String, JobHandler> jobHandlers() {
    return Map.of(RUN_JOB, handler);
  }

  @Override
  public void close() {}
}
