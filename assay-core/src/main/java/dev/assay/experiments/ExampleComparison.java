package dev.assay.experiments;

/**
 * One example under one evaluator in two experiments (scores are the mean over repetitions).
 *
 * @param baselineOutput the baseline's first repetition's output (for the side-by-side diff)
 */
public record ExampleComparison(String exampleId, String evaluator, Double baselineScore, Double score,
    Change change, String baselineOutput, String output) {}
