package org.rl3spark.envs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/**
 * Statistical assertions with tolerant thresholds (docs/style.md item 14).
 *
 * <p>Every check fails only when the observed statistic is more than {@link #SIGMAS} standard
 * errors from its expectation (or, for chi-square tests, when the Wilson–Hilferty z-score of the
 * statistic exceeds {@link #SIGMAS}): a false alarm has probability below 1e-6 per check, so no
 * seed needs to be "lucky", and any seed derived from the test's name passes.
 */
public final class Stats {

  /** Tolerance, in standard errors (or z-score units for chi-square statistics). */
  public static final double SIGMAS = 5.0;

  /** Cells whose expected count is below this are pooled before a chi-square test. */
  private static final double MIN_EXPECTED = 5.0;

  private Stats() {}

  /** A seed derived from a test's name, so that no seed is hand-picked. */
  public static long seedOf(String testName) {
    return org.rl3spark.core.random.Seeds.hash(testName);
  }

  /**
   * Asserts that {@code observed} counts fit the distribution {@code p}: cells of probability 0
   * must be empty, and the chi-square statistic of the remaining cells (small ones pooled) must not
   * be extreme.
   */
  public static void assertFits(long[] observed, double[] p, String what) {
    assertThat(observed).as(what + ": cell count").hasSameSizeAs(p);
    long n = 0;
    for (long o : observed) {
      n += o;
    }
    assertThat(n).as(what + ": number of samples").isPositive();
    for (int i = 0; i < p.length; i++) {
      if (p[i] == 0 && observed[i] != 0) {
        fail(what + ": " + observed[i] + " samples in cell " + i + " of probability 0");
      }
    }
    double z = chiSquareZ(observed, p);
    assertThat(z)
        .as(
            what + ": chi-square z-score of counts %s against %s",
            java.util.Arrays.toString(observed),
            java.util.Arrays.toString(p))
        .isLessThan(SIGMAS);
  }

  /**
   * The Wilson–Hilferty z-score of the chi-square statistic of {@code observed} against {@code p},
   * after pooling cells with expected count below 5; 0 if fewer than two cells remain.
   */
  public static double chiSquareZ(long[] observed, double[] p) {
    long n = 0;
    for (long o : observed) {
      n += o;
    }
    List<double[]> cells = new ArrayList<>(); // {expected, observed}
    double poolE = 0;
    double poolO = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] == 0) {
        continue;
      }
      double e = n * p[i];
      if (e < MIN_EXPECTED) {
        poolE += e;
        poolO += observed[i];
      } else {
        cells.add(new double[] {e, observed[i]});
      }
    }
    if (poolE > 0) {
      if (poolE >= MIN_EXPECTED || cells.isEmpty()) {
        cells.add(new double[] {poolE, poolO});
      } else {
        double[] smallest = cells.get(0);
        for (double[] c : cells) {
          if (c[0] < smallest[0]) {
            smallest = c;
          }
        }
        smallest[0] += poolE;
        smallest[1] += poolO;
      }
    }
    int df = cells.size() - 1;
    if (df < 1) {
      return 0;
    }
    double chi2 = 0;
    for (double[] c : cells) {
      double d = c[1] - c[0];
      chi2 += d * d / c[0];
    }
    double k = 2.0 / (9.0 * df);
    return (Math.cbrt(chi2 / df) - (1 - k)) / Math.sqrt(k);
  }

  /** Asserts |actual − expected| ≤ SIGMAS · standardError. */
  public static void assertWithinSigmas(
      double actual, double expected, double standardError, String what) {
    assertThat(Math.abs(actual - expected))
        .as(what + ": %s vs expected %s (standard error %s)", actual, expected, standardError)
        .isLessThanOrEqualTo(SIGMAS * standardError);
  }

  /** Mean of the values. */
  public static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /** Unbiased sample variance of the values. */
  public static double variance(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / (x.length - 1);
  }
}
