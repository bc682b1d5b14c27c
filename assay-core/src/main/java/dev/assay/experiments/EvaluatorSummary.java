package dev.assay.experiments;

/**
 * One evaluator's results over an experiment's runs.
 *
 * @param scored results with a score
 * @param errors results that are errors (never counted as pass or fail)
 * @param meanScore mean of the scores, null when none
 * @param ciLow lower end of the 95% confidence interval of the mean (t distribution), null under 2 scores
 * @param passRate passed / (passed + failed), null when no result has a pass/fail verdict
 */
public record EvaluatorSummary(String name, long scored, long errors, Double meanScore, Double ciLow, Double ciHigh,
    long passed, long failed, Double passRate) {}
