package dev.assay.experiments;

/**
 * Does an experiment's missing work: runs the task for every (example, repetition) without a stored run, then
 * every evaluator on every successful run without a stored result, then marks it COMPLETED. Running it again
 * after a crash does only what is still missing, so the {@code experiments.run} job is idempotent.
 */
public interface ExperimentRunner {

  /** Progress, called from any thread. */
  interface Listener {
    void progress(long runsDone, long runsTotal, long evaluationsDone, long evaluationsTotal);

    Listener NONE = (a, b, c, d) -> {};
  }

  /** Runs the experiment's missing work now, blocking; returns its summary. */
  ExperimentSummary run(String experimentId, Listener listener);
}
