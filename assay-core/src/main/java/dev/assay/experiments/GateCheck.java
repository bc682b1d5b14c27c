package dev.assay.experiments;

/**
 * One rule of a gate, checked.
 *
 * @param rule {@code fail-under}, {@code max-regression} or {@code min-pass-rate}
 * @param actual the measured value (mean, drop or pass rate), null when there was nothing to measure (which fails)
 * @param message one line a person reads in CI
 */
public record GateCheck(String rule, String evaluator, double threshold, Double actual, boolean passed,
    String message) {}
