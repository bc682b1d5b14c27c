package dev.assay.experiments;

/**
 * Student's t distribution, for confidence intervals and paired t-tests without a statistics library.
 *
 * <p>The CDF uses the regularized incomplete beta function: for {@code t} with {@code ν} degrees of freedom,
 * {@code P(|T| ≥ |t|) = I_x(ν/2, 1/2)} with {@code x = ν / (ν + t²)} (Abramowitz & Stegun 26.7.1 / 26.5.27).
 * {@code I_x(a, b)} is evaluated by its continued fraction with the modified Lentz method (Numerical Recipes §6.4,
 * {@code betacf}), using the symmetry {@code I_x(a, b) = 1 − I_{1−x}(b, a)} where the fraction converges slowly;
 * {@code ln Γ} by the Lanczos approximation (g = 7, n = 9).
 */
public final class TDistribution {
  private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
      771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7};
  private static final double EPS = 1e-15;
  private static final double TINY = 1e-300;

  private TDistribution() {}

  /** Two-sided p-value of {@code t} with {@code df} degrees of freedom: {@code P(|T| ≥ |t|)}. */
  public static double twoSidedP(double t, double df) {
    if (df <= 0) {
      throw new IllegalArgumentException("degrees of freedom must be positive, got " + df);
    }
    if (Double.isInfinite(t)) {
      return 0;
    }
    if (Double.isNaN(t)) {
      return Double.NaN;
    }
    return regularizedBeta(df / (df + t * t), df / 2, 0.5);
  }

  /** {@code P(T ≤ t)}. */
  public static double cdf(double t, double df) {
    double tail = twoSidedP(t, df) / 2;
    return t >= 0 ? 1 - tail : tail;
  }

  /** The {@code p} quantile ({@code 0 < p < 1}), by bisection on the CDF (monotone, so it always converges). */
  public static double quantile(double p, double df) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in (0, 1), got " + p);
    }
    double lo = -1e3;
    double hi = 1e3;
    for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
      double mid = (lo + hi) / 2;
      if (cdf(mid, df) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /** The regularized incomplete beta function {@code I_x(a, b)}. */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
    double front = Math.exp(lnFront);
    if (x < (a + 1) / (a + b + 2)) {
      return front * continuedFraction(x, a, b) / a;
    }
    return 1 - front * continuedFraction(1 - x, b, a) / b;
  }

  /** Numerical Recipes' {@code betacf}: the continued fraction of {@code I_x(a, b)}, modified Lentz. */
  private static double continuedFraction(double x, double a, double b) {
    double qab = a + b;
    double qap = a + 1;
    double qam = a - 1;
    double c = 1;
    double d = 1 - qab * x / qap;
    d = Math.abs(d) < TINY ? TINY : d;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 10_000; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < TINY ? TINY : d;
      c = 1 + aa / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < TINY ? TINY : d;
      c = 1 + aa / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < EPS) {
        break;
      }
    }
    return h;
  }

  /** {@code ln Γ(x)} for {@code x > 0} (Lanczos). */
  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x); // reflection
    }
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
