package dev.assay.cli.ci;

import dev.assay.cli.ci.EvalRun.Outcome;
import dev.assay.experiments.EvaluatorComparison;
import dev.assay.experiments.EvaluatorSummary;
import dev.assay.experiments.GateCheck;
import dev.assay.experiments.GateResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The table {@code assay eval} prints: per experiment its evaluators' scores, then the gate's checks. */
final class EvalTable {
  private EvalTable() {}

  static void print(PrintWriter out, List<Outcome> outcomes, boolean passed) {
    for (Outcome o : outcomes) {
      GateResult r = o.result();
      out.println();
      out.println(o.name() + (o.baseline() ? "  (baseline)" : r.passed() ? "  PASSED" : "  FAILED")
          + String.format(Locale.ROOT, "  [%s, %.1f s]", o.experimentId(), o.time().toMillis() / 1000.0));
      if (r.summary() != null) {
        out.printf(Locale.ROOT, "  runs: %d ok, %d failed%s%n", r.summary().successfulRuns(),
            r.summary().failedRuns(), r.summary().missingRuns() > 0 ? ", " + r.summary().missingRuns() + " missing"
                : "");
        Map<String, EvaluatorComparison> deltas = r.comparison() == null ? Map.of()
            : r.comparison().evaluators().stream().collect(Collectors.toMap(EvaluatorComparison::name, e -> e,
                (a, b) -> a));
        out.printf(Locale.ROOT, "  %-24s %7s  %-17s %9s %7s%s%n", "EVALUATOR", "MEAN", "95% CI", "PASS RATE",
            "ERRORS", deltas.isEmpty() ? "" : "  Δ BASELINE  +/-");
        for (EvaluatorSummary e : r.summary().evaluators()) {
          String ci = e.ciLow() == null ? "-" : String.format(Locale.ROOT, "[%.3f, %.3f]", e.ciLow(), e.ciHigh());
          EvaluatorComparison d = deltas.get(e.name());
          String delta = d == null || d.delta() == null ? ""
              : String.format(Locale.ROOT, "  %+10.3f  %d/%d", d.delta(), d.improved(), d.regressed());
          out.printf(Locale.ROOT, "  %-24s %7s  %-17s %9s %7d%s%n", e.name(), num(e.meanScore()), ci,
              e.passRate() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", e.passRate() * 100), e.errors(),
              delta);
        }
      }
      for (GateCheck c : r.checks()) {
        String message = c.message().startsWith(c.evaluator() + ":") ? c.message() : c.evaluator() + ": " + c.message();
        out.println("  " + (c.passed() ? "ok   " : "FAIL ") + c.rule() + " " + message);
      }
    }
    out.println();
    out.println(passed ? "Gate passed." : "Gate FAILED.");
  }

  private static String num(Double d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.3f", d);
  }
}
