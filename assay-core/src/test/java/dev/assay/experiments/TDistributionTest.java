package dev.assay.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Against published t-table values and closed forms (df = 1: Cauchy; df = 2: p = 1 − t/√(2 + t²)). */
class TDistributionTest {

  @Test
  void twoSidedPValuesMatchTables() {
    assertEquals(1.0, TDistribution.twoSidedP(0, 5), 1e-12);
    assertEquals(0.0734, TDistribution.twoSidedP(2.0, 10), 1e-4);
    assertEquals(0.05, TDistribution.twoSidedP(2.228139, 10), 1e-6);
    assertEquals(0.05, TDistribution.twoSidedP(1.959964, 1e7), 1e-5);
    assertEquals(0.01, TDistribution.twoSidedP(2.845340, 20), 1e-6);
    double t = 3.4641016;
    assertEquals(1 - t / Math.sqrt(2 + t * t), TDistribution.twoSidedP(t, 2), 1e-9);
    assertEquals(TDistribution.twoSidedP(2.5, 7), TDistribution.twoSidedP(-2.5, 7), 1e-15);
  }

  @Test
  void cdfMatchesTheCauchyAtOneDegreeOfFreedom() {
    for (double x : new double[] {-3, -1, 0, 0.5, 1, 10}) {
      assertEquals(0.5 + Math.atan(x) / Math.PI, TDistribution.cdf(x, 1), 1e-10, "x = " + x);
    }
  }

  @Test
  void quantilesMatchTables() {
    assertEquals(12.7062, TDistribution.quantile(0.975, 1), 1e-4);
    assertEquals(4.3027, TDistribution.quantile(0.975, 2), 1e-4);
    assertEquals(2.7764, TDistribution.quantile(0.975, 4), 1e-4);
    assertEquals(2.0423, TDistribution.quantile(0.975, 30), 1e-4);
    assertEquals(-2.0423, TDistribution.quantile(0.025, 30), 1e-4);
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> TDistribution.twoSidedP(1, 0));
    assertThrows(IllegalArgumentException.class, () -> TDistribution.quantile(1.0, 3));
  }
}
