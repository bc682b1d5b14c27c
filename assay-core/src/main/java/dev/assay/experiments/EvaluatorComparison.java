package dev.assay.experiments;

/**
 * One evaluator's overall change against the baseline, over the examples both experiments scored.
 *
 * @param delta mean − baselineMean
 * @param pValue two-sided p-value of a paired t-test on the per-example scores; null under 2 pairs or when
 *     every difference is 0
 */
public record EvaluatorComparison(String name, Double baselineMean, Double mean, Double delta, long pairs,
    long improved, long regressed, long unchanged, Double pValue) {}
