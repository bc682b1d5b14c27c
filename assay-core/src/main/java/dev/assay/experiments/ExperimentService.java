package dev.assay.experiments;

import dev.assay.auth.AccessScope;
import dev.assay.shared.Page;
import dev.assay.shared.PageRequest;
import java.util.List;

/**
 * Experiments: start (stored PENDING with its {@code experiments.run} job in one transaction), read, summarise,
 * compare with a baseline and gate. {@code experimentRef} is an id or a name in {@code spaceRef}; a
 * {@code baselineRef} is an experiment id or name, or a label, meaning the newest experiment on the same dataset
 * carrying it. The methods below are the contract other features call; the experiments feature adds the rest
 * (AX's recorded experiments, list, delete, runs, export, cancel, resume).
 */
public interface ExperimentService {

  /** Validates and stores the experiment PENDING and enqueues its run. */
  Experiment start(AccessScope scope, ExperimentSpec spec);

  /**
   * Validates and stores the experiment PENDING without enqueueing (for {@code assay eval}'s standalone run,
   * which then calls {@link ExperimentRunner#run}).
   */
  Experiment prepare(AccessScope scope, ExperimentSpec spec);

  Experiment get(AccessScope scope, String spaceRef, String experimentRef);

  ExperimentSummary summary(AccessScope scope, String spaceRef, String experimentRef);

  /** Resolves {@code baselineRef} (see above) and compares; the baseline must be on the same dataset. */
  Comparison compare(AccessScope scope, String spaceRef, String experimentRef, String baselineRef);

  /**
   * Checks {@code rules} on the experiment (and the baseline when {@code baselineRef} is not null; a
   * max-regression rule without one is an {@link dev.assay.shared.InvalidInputException}).
   */
  GateResult gate(AccessScope scope, String spaceRef, String experimentRef, String baselineRef, GateRules rules);

  /** Experiments in the space (or of the dataset when {@code datasetRef} is set), newest first. */
  Page<Experiment> list(AccessScope scope, String spaceRef, String datasetRef, String nameContains,
      PageRequest page);

  /** Deletes the experiment, its runs and their evaluations (its trace project stays); false when not visible. */
  boolean delete(AccessScope scope, String spaceRef, String experimentRef);

  /** The runs in (example order, repetition) with their evaluations. */
  Page<RunResult> runs(AccessScope scope, String spaceRef, String experimentRef, PageRequest page);

  /**
   * AX's create-with-runs (and Phoenix's client-driven experiments): stores a COMPLETED experiment (no task) on
   * the dataset's latest version (or in {@code spaceRef} when {@code datasetRef} is null) with these runs.
   *
   * @return the experiment; {@link #runs} lists the run ids in input order
   */
  Recorded record(AccessScope scope, String spaceRef, String datasetRef, String name, List<RecordedRun> runs);

  /** AX's append runs; returns the new run ids in input order. */
  List<String> appendRuns(AccessScope scope, String spaceRef, String experimentRef, List<RecordedRun> runs);

  /** Re-enqueues an unfinished (PENDING, RUNNING, FAILED, CANCELLED) server-run experiment; only missing work is done. */
  Experiment resume(AccessScope scope, String spaceRef, String experimentRef);

  /** Cancels a PENDING or RUNNING experiment (work in flight finishes, nothing new starts). */
  Experiment cancel(AccessScope scope, String spaceRef, String experimentRef);

  /**
   * Sets the experiment's labels. A label names one experiment per dataset: setting it here removes it from the
   * dataset's other experiments.
   */
  Experiment setLabels(AccessScope scope, String spaceRef, String experimentRef, List<String> labels);

  /** A recorded experiment and its new run ids in input order. */
  record Recorded(Experiment experiment, List<String> runIds) {}
}
