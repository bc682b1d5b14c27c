package dev.assay.experiments;

import java.util.List;

/** An experiment's totals: runs, latency, tokens, cost, and one summary per evaluator (by name). */
public record ExperimentSummary(String experimentId, long expectedRuns, long successfulRuns, long failedRuns,
    long missingRuns, Double meanLatencyMs, Double p95LatencyMs, long totalTokens, Double totalCost,
    List<EvaluatorSummary> evaluators) {
  public ExperimentSummary {
    evaluators = List.copyOf(evaluators);
  }
}
