package dev.assay.experiments;

import static dev.assay.experiments.StatsFixtures.failed;
import static dev.assay.experiments.StatsFixtures.ok;
import static dev.assay.experiments.StatsFixtures.result;
import static dev.assay.experiments.StatsFixtures.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatesTest {
  private final List<RunResult> base = List.of(
      result(ok("b1", "a", 1, "o", 1), score("b1", "q", 1.0, true)),
      result(ok("b2", "b", 1, "o", 1), score("b2", "q", 1.0, true)));
  private final List<RunResult> mine = List.of(
      result(ok("m1", "a", 1, "o", 1), score("m1", "q", 1.0, true)),
      result(ok("m2", "b", 1, "o", 1), score("m2", "q", 0.9, false)),
      result(failed("m3", "c", 1)));

  private GateResult gate(GateRules rules, boolean withBaseline) {
    ExperimentSummary s = ExperimentStats.summary("mine", 3, mine);
    Comparison c = withBaseline ? ExperimentStats.compare("mine", mine, "base", base) : null;
    return Gates.evaluate(s, c, Gates.cases(mine, List.of("q")), rules);
  }

  @Test
  void failUnderComparesTheMeanScore() {
    assertTrue(gate(new GateRules(Map.of("q", 0.95), null, null), false).passed());
    GateResult r = gate(new GateRules(Map.of("q", 0.96), null, null), false);
    assertFalse(r.passed());
    GateCheck check = r.checks().getFirst();
    assertEquals(Gates.FAIL_UNDER, check.rule());
    assertEquals(0.95, check.actual(), 1e-12);
    assertTrue(check.message().contains("0.9500 < 0.9600"), check.message());
  }

  @Test
  void maxRegressionComparesTheDropBelowTheBaseline() {
    assertTrue(gate(new GateRules(null, Map.of("q", 0.05), null), true).passed());
    GateResult r = gate(new GateRules(null, Map.of("q", 0.04), null), true);
    assertFalse(r.passed());
    assertEquals(0.05, r.checks().getFirst().actual(), 1e-12);
    assertEquals("base", r.baselineId());
    assertFalse(gate(new GateRules(null, Map.of("q", 1.0), null), false).passed(), "no baseline fails");
  }

  @Test
  void minPassRateCountsOnlyVerdicts() {
    assertTrue(gate(new GateRules(null, null, Map.of("q", 0.5)), false).passed());
    GateResult r = gate(new GateRules(null, null, Map.of("q", 0.6)), false);
    assertFalse(r.passed());
    assertEquals(0.5, r.checks().getFirst().actual(), 1e-12); // the failed run is neither pass nor fail
  }

  @Test
  void aRuleOnAnEvaluatorWithoutResultsFails() {
    GateResult r = gate(new GateRules(Map.of("missing", 0.0), null, Map.of("missing", 0.0)), false);
    assertFalse(r.passed());
    assertEquals(2, r.checks().size());
    assertNull(r.checks().getFirst().actual());
  }

  @Test
  void noRulesPass() {
    assertTrue(gate(new GateRules(null, null, null), false).passed());
  }

  @Test
  void oneCasePerRunAndEvaluatorWithTaskFailuresAsErrors() {
    List<GateCase> cases = Gates.cases(mine, List.of("q", "judge"));
    assertEquals(6, cases.size());
    assertEquals(Boolean.TRUE, cases.get(0).passed());
    assertEquals("not evaluated", cases.get(1).error());
    assertEquals(Boolean.FALSE, cases.get(2).passed());
    assertEquals("the task failed: HTTP 500", cases.get(4).error());
    assertNull(cases.get(4).passed());
  }
}
