package dev.assay.experiments;

/**
 * One example × evaluator result, a JUnit XML testcase. Failed when the evaluation did not pass; an error when it
 * is an error result or the run failed.
 */
public record GateCase(String exampleId, String evaluator, int repetition, Boolean passed, Double score,
    String label, String explanation, String error, Double latencyMs) {}
