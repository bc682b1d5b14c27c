package dev.assay.experiments;

import java.util.List;

/** An experiment against a baseline on the same dataset: per evaluator overall, and per example. */
public record Comparison(String experimentId, String baselineId, List<EvaluatorComparison> evaluators,
    List<ExampleComparison> examples) {
  public Comparison {
    evaluators = List.copyOf(evaluators);
    examples = List.copyOf(examples);
  }
}
