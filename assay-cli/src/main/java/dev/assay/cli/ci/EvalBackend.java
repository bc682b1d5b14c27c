package dev.assay.cli.ci;

import dev.assay.datasets.ExampleDraft;
import dev.assay.experiments.ExperimentEvaluator;
import dev.assay.experiments.ExperimentRunner;
import dev.assay.experiments.ExperimentSpec;
import dev.assay.experiments.ExperimentTask;
import dev.assay.experiments.GateResult;
import dev.assay.experiments.GateRules;
import java.util.List;

/**
 * Where {@code assay eval} runs: in-process over a temporary store ({@link LocalBackend}) or on a server through
 * its API ({@link RemoteBackend}). {@link EvalRun} drives either the same way.
 */
interface EvalBackend extends AutoCloseable {

  /** Creates a dataset holding {@code examples}; returns its id. */
  String createDataset(String name, String description, List<ExampleDraft> examples);

  /** The id of a stored dataset (by name or id). */
  String storedDataset(String ref);

  /** The evaluators to score each run with, created from assay.yaml (or looked up by name). */
  List<ExperimentEvaluator> evaluators(EvalConfig config);

  /** The task under test of one variant (a prompt version on a model config, created as needed). */
  ExperimentTask task(EvalConfig config, EvalConfig.Variant variant);

  /** Creates the experiment and runs it to the end, reporting progress; returns its id. */
  String run(ExperimentSpec spec, ExperimentRunner.Listener listener);

  GateResult gate(String experimentId, String baselineRef, GateRules rules);

  @Override
  void close();
}
