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

  public ExperimentRuntime(ExperimentStore store, JobQueue jobs, DatasetService datasets, PromptService prompts,
      EvaluatorService evaluators, EvaluationStore evaluations, ProjectService projects, EvalExecutor executor,
      SpanWriter traces, Clock clock) {
    // contract: wt/experiments fills this in
  }

  public ExperimentService service() {
    // contract placeholder until wt/experiments lands: every call fails
    return (ExperimentService) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ExperimentService.class}, (proxy, method, args) -> {
          throw new UnsupportedOperationException("contract: wt/experiments");
        });
  }

  public ExperimentRunner runner() {
    return (id, listener) -> {
      throw new UnsupportedOperationException("contract: wt/experiments");
    };
  }

  /** Handlers by job kind, merged with the other features' into the worker pool. */
  public Map<String, JobHandler> jobHandlers() {
    return Map.of();
  }

  @Override
  public void close() {}
}
