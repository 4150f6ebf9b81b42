package org.rl3spark.core.testing;

/**
 * Test statistics with tolerant thresholds, for statistical tests that fail only on a real
 * discrepancy (docs/style.md item 14): chi-square goodness of fit at p = 1e-4 and k-standard-error
 * checks.
 */
public final class Stats {

  /** Upper 1e-4 quantile of the standard normal. */
  public static final double Z_1E4 = 3.719016485;

  /** Upper 1e-4 quantile of chi-square with one degree of freedom (= 3.890592² ). */
  private static final double CHI2_1_CRITICAL_1E4 = 15.13670523;

  private Stats() {}

  /** Pearson's statistic Σ (O − E)² / E of observed counts against probabilities. */
  public static double chiSquare(long[] observed, double[] probabilities) {
    long total = 0;
    for (long o : observed) {
      total += o;
    }
    double stat = 0;
    for (int i = 0; i < observed.length; i++) {
      double e = total * probabilities[i];
      if (e == 0) {
        if (observed[i] != 0) {
          return Double.POSITIVE_INFINITY;
        }
        continue;
      }
      stat += (observed[i] - e) * (observed[i] - e) / e;
    }
    return stat;
  }

  /**
   * The upper 1e-4 quantile of chi-square with {@code df} degrees of freedom, by the
   * Wilson–Hilferty approximation for df ≥ 2 (within about 1.5%, on the conservative side), and
   * exactly z²(5e-5) = 3.8906² for df = 1.
   */
  public static double chiSquareCritical1e4(int df) {
    if (df < 1) {
      throw new IllegalArgumentException("df must be >= 1, got " + df);
    }
    if (df == 1) {
      return CHI2_1_CRITICAL_1E4;
    }
    double k = df;
    double t = 1 - 2 / (9 * k) + Z_1E4 * Math.sqrt(2 / (9 * k));
    return k * t * t * t;
  }

  /** Sample mean. */
  public static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /** The k-th sample central moment (divisor n). */
  public static double centralMoment(double[] x, int k) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += Math.pow(v - m, k);
    }
    return s / x.length;
  }

  /** Unbiased sample variance. */
  public static double variance(double[] x) {
    return centralMoment(x, 2) * x.length / (x.length - 1);
  }

  /** Standard error of the sample mean, from the sample variance. */
  public static double standardErrorOfMean(double[] x) {
    return Math.sqrt(variance(x) / x.length);
  }

  /**
   * Standard error of the sample variance, sqrt((m4 − m2²) / n), from the sample's own central
   * moments (valid for any distribution with a finite fourth moment).
   */
  public static double standardErrorOfVariance(double[] x) {
    double m2 = centralMoment(x, 2);
    double m4 = centralMoment(x, 4);
    return Math.sqrt((m4 - m2 * m2) / x.length);
  }
}
