package dev.assay.experiments;

import static dev.assay.experiments.StatsFixtures.error;
import static dev.assay.experiments.StatsFixtures.failed;
import static dev.assay.experiments.StatsFixtures.ok;
import static dev.assay.experiments.StatsFixtures.result;
import static dev.assay.experiments.StatsFixtures.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentStatsTest {

  @Test
  void summaryCountsRunsLatencyTokensAndScores() {
    List<RunResult> runs = List.of(
        result(ok("r1", "a", 1, "x", 100), score("r1", "exact", 1.0, true)),
        result(ok("r2", "b", 1, "y", 200), score("r2", "exact", 0.0, false)),
        result(ok("r3", "c", 1, "z", 300), score("r3", "exact", 1.0, true)),
        result(ok("r4", "d", 1, "w", 400), score("r4", "exact", 1.0, true), error("r4", "judge")),
        // A failed run: its (stray) evaluation counts neither as a score nor as a pass or a fail.
        result(failed("r5", "e", 1), score("r5", "exact", 0.0, false)));
    ExperimentSummary s = ExperimentStats.summary("exp", 6, runs);
    assertEquals(6, s.expectedRuns());
    assertEquals(4, s.successfulRuns());
    assertEquals(1, s.failedRuns());
    assertEquals(1, s.missingRuns());
    assertEquals(250.0, s.meanLatencyMs(), 1e-9);
    assertEquals(400.0, s.p95LatencyMs(), 1e-9);
    assertEquals(60, s.totalTokens());
    assertEquals(0.004, s.totalCost(), 1e-12);
    EvaluatorSummary exact = s.evaluators().stream().filter(e -> e.name().equals("exact")).findFirst().orElseThrow();
    assertEquals(4, exact.scored());
    assertEquals(0.75, exact.meanScore(), 1e-12);
    // sd 0.5, n 4: half width = t(0.975, 3) 3.182446 × 0.25
    assertEquals(0.75 - 3.182446 * 0.25, exact.ciLow(), 1e-5);
    assertEquals(0.75 + 3.182446 * 0.25, exact.ciHigh(), 1e-5);
    assertEquals(3, exact.passed());
    assertEquals(1, exact.failed());
    assertEquals(0.75, exact.passRate(), 1e-12);
    EvaluatorSummary judge = s.evaluators().stream().filter(e -> e.name().equals("judge")).findFirst().orElseThrow();
    assertEquals(0, judge.scored());
    assertEquals(1, judge.errors());
    assertNull(judge.meanScore());
    assertNull(judge.passRate());
  }

  @Test
  void compareAveragesRepetitionsAndClassifiesEachExample() {
    List<RunResult> base = List.of(
        result(ok("b1", "a", 1, "old a", 1), score("b1", "q", 0.5, null)),
        result(ok("b2", "b", 1, "old b", 1), score("b2", "q", 0.5, null)),
        result(ok("b3", "c", 1, "old c", 1), score("b3", "q", 0.5, null)),
        result(ok("b4", "d", 1, "old d", 1), score("b4", "q", 0.5, null)));
    List<RunResult> mine = List.of(
        result(ok("m1", "a", 1, "new a", 1), score("m1", "q", 0.6, null)),
        result(ok("m1b", "a", 2, "new a2", 1), score("m1b", "q", 0.6, null)),
        result(ok("m2", "b", 1, "new b", 1), score("m2", "q", 0.8, null)),
        result(ok("m3", "c", 1, "new c", 1), score("m3", "q", 0.2, null), score("m3", "q", 1.0, null)),
        result(failed("m4", "d", 1)));
    Comparison c = ExperimentStats.compare("mine", mine, "base", base);
    assertEquals("base", c.baselineId());
    List<ExampleComparison> q = c.examples();
    assertEquals(Change.IMPROVED, q.get(0).change());
    assertEquals("old a", q.get(0).baselineOutput());
    assertEquals("new a", q.get(0).output());
    assertEquals(Change.IMPROVED, q.get(1).change());
    assertEquals(0.6, q.get(2).score(), 1e-12); // mean of 0.2 and 1.0
    assertEquals(Change.IMPROVED, q.get(2).change());
    assertEquals(Change.MISSING, q.get(3).change());
    EvaluatorComparison e = c.evaluators().getFirst();
    assertEquals(3, e.pairs());
    assertEquals(3, e.improved());
    assertEquals(0.5, e.baselineMean(), 1e-12);
    assertEquals((0.6 + 0.8 + 0.6) / 3, e.mean(), 1e-12);
    assertEquals(e.mean() - 0.5, e.delta(), 1e-12);
    // differences 0.1, 0.3, 0.1: mean 1/6, sd 0.11547, t = 2.5, df 2 → p = 1 − t/√(2 + t²)
    assertEquals(1 - 2.5 / Math.sqrt(2 + 6.25), e.pValue(), 1e-6);
  }

  @Test
  void equalScoresAreUnchangedWithoutAPValue() {
    List<RunResult> a = List.of(result(ok("1", "x", 1, "o", 1), score("1", "q", 1.0, true)),
        result(ok("2", "y", 1, "o", 1), score("2", "q", 0.0, false)));
    List<RunResult> b = List.of(result(ok("3", "x", 1, "o", 1), score("3", "q", 1.0 + 1e-12, true)),
        result(ok("4", "y", 1, "o", 1), score("4", "q", 0.0, false)));
    EvaluatorComparison e = ExperimentStats.compare("a", a, "b", b).evaluators().getFirst();
    assertEquals(2, e.unchanged());
    assertNull(e.pValue());
  }
}
