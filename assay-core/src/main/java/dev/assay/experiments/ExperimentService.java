package dev.assay.experiments;

import dev.assay.auth.AccessScope;

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
}
