package dev.assay.experiments;

import java.util.Map;

/**
 * A CI gate.
 *
 * @param failUnder evaluator name → the lowest acceptable mean score ({@code --fail-under name=0.9})
 * @param maxRegression evaluator name → the largest acceptable drop of the mean score below the baseline's
 *     ({@code --max-regression name=0.02}); needs a baseline
 * @param minPassRate evaluator name → the lowest acceptable pass rate
 */
public record GateRules(Map<String, Double> failUnder, Map<String, Double> maxRegression,
    Map<String, Double> minPassRate) {
  public GateRules {
    failUnder = failUnder == null ? Map.of() : Map.copyOf(failUnder);
    maxRegression = maxRegression == null ? Map.of() : Map.copyOf(maxRegression);
    minPassRate = minPassRate == null ? Map.of() : Map.copyOf(minPassRate);
  }
}
