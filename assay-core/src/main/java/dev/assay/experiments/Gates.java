package dev.assay.experiments;

import dev.assay.eval.Evaluation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CI gates (pure): {@code fail-under} = mean score ≥ threshold, {@code max-regression} = baseline mean − mean ≤
 * threshold (over the examples both scored), {@code min-pass-rate} = pass rate ≥ threshold. A rule on an evaluator
 * with nothing to measure fails: a gate never passes because the evaluator did not run.
 */
public final class Gates {
  public static final String FAIL_UNDER = "fail-under";
  public static final String MAX_REGRESSION = "max-regression";
  public static final String MIN_PASS_RATE = "min-pass-rate";
  /** Rounding slack: a mean of 0.95 computed as 0.9499999999999 still meets 0.95. */
  private static final double EPS = ExperimentStats.UNCHANGED_EPSILON;

  private Gates() {}

  /** Checks every rule; {@code comparison} may be null when no rule needs a baseline. */
  public static GateResult evaluate(ExperimentSummary summary, Comparison comparison, List<GateCase> cases,
      GateRules rules) {
    List<GateCheck> checks = new ArrayList<>();
    new TreeMap<>(rules.failUnder()).forEach((name, threshold) -> {
      Double mean = evaluator(summary, name) == null ? null : evaluator(summary, name).meanScore();
      boolean ok = mean != null && mean >= threshold - EPS;
      checks.add(new GateCheck(FAIL_UNDER, name, threshold, mean, ok, mean == null
          ? name + ": no scores to check (fail-under " + fmt(threshold) + ")"
          : name + ": mean score " + fmt(mean) + (ok ? " ≥ " : " < ") + fmt(threshold)));
    });
    new TreeMap<>(rules.maxRegression()).forEach((name, threshold) -> {
      EvaluatorComparison c = comparison == null ? null : comparison.evaluators().stream()
          .filter(e -> e.name().equals(name)).findFirst().orElse(null);
      Double drop = c == null || c.delta() == null ? null : -c.delta();
      boolean ok = drop != null && drop <= threshold + EPS;
      String message;
      if (comparison == null) {
        message = name + ": max-regression needs a baseline";
      } else if (drop == null) {
        message = name + ": no examples scored by both this experiment and the baseline";
      } else {
        message = name + ": mean " + fmt(c.mean()) + " vs baseline " + fmt(c.baselineMean()) + " (drop "
            + fmt(drop) + (ok ? " ≤ " : " > ") + fmt(threshold) + ", " + c.regressed() + " of " + c.pairs()
            + " examples regressed)";
      }
      checks.add(new GateCheck(MAX_REGRESSION, name, threshold, drop, ok, message));
    });
    new TreeMap<>(rules.minPassRate()).forEach((name, threshold) -> {
      EvaluatorSummary s = evaluator(summary, name);
      Double rate = s == null ? null : s.passRate();
      boolean ok = rate != null && rate >= threshold - EPS;
      checks.add(new GateCheck(MIN_PASS_RATE, name, threshold, rate, ok, rate == null
          ? name + ": no pass/fail verdicts to check (min-pass-rate " + fmt(threshold) + ")"
          : name + ": pass rate " + fmt(rate) + (ok ? " ≥ " : " < ") + fmt(threshold) + " (" + s.passed() + " of "
              + (s.passed() + s.failed()) + ")"));
    });
    boolean passed = checks.stream().allMatch(GateCheck::passed);
    return new GateResult(summary.experimentId(), comparison == null ? null : comparison.baselineId(), passed,
        checks, cases, summary, comparison);
  }

  /**
   * One case per run × evaluator name, in run order: the evaluation's verdict, or an error case when the run failed
   * or the evaluator has no result on it.
   *
   * @param evaluatorNames the result names the experiment's evaluators write; names found on results are added
   */
  public static List<GateCase> cases(List<RunResult> runs, Collection<String> evaluatorNames) {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(evaluatorNames);
    runs.forEach(r -> r.evaluations().forEach(e -> names.add(e.name())));
    if (names.isEmpty()) {
      names.add("task");
    }
    List<GateCase> out = new ArrayList<>();
    for (RunResult r : runs) {
      ExperimentRun run = r.run();
      Map<String, Evaluation> byName = new TreeMap<>();
      r.evaluations().forEach(e -> byName.putIfAbsent(e.name(), e));
      for (String name : names) {
        Evaluation e = byName.get(name);
        if (run.error() != null) {
          out.add(new GateCase(run.exampleId(), name, run.repetition(), null, null, null, null,
              "the task failed: " + run.error(), run.latencyMs()));
        } else if (e == null) {
          out.add(new GateCase(run.exampleId(), name, run.repetition(), null, null, null, null,
              "not evaluated", run.latencyMs()));
        } else {
          out.add(new GateCase(run.exampleId(), name, run.repetition(), e.passed(), e.score(), e.label(),
              e.explanation(), e.error(), run.latencyMs()));
        }
      }
    }
    return out;
  }

  private static EvaluatorSummary evaluator(ExperimentSummary summary, String name) {
    return summary.evaluators().stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
  }

  private static String fmt(Double v) {
    if (v == null) {
      return "n/a";
    }
    return String.format(java.util.Locale.ROOT, "%.4g", v);
  }
}
