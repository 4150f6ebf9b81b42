package org.rl3spark.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rl3spark.core.testing.Stats;

/**
 * Statistical tests of the samplers against closed-form moments and probabilities. Thresholds are
 * tolerant (5 standard errors, chi-square at p = 1e-4), so a correct sampler fails with probability
 * below 1e-4 for any seed; the seeds are derived from the test's name, not chosen.
 */
class RngDistributionTest {

  private static final long MASTER = 20240607L;
  private static final double K = 5.0;
  private static final int N = 200_000;

  private static Rng rng(String purpose, long... ids) {
    return Seeds.rng(MASTER, "test/rng-distribution/" + purpose, ids);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 7, 10, 1000})
  void nextIntIsUniformByChiSquare(int bound) {
    Rng rng = rng("nextInt", bound);
    int draws = Math.max(N, 100 * bound);
    long[] counts = new long[bound];
    for (int i = 0; i < draws; i++) {
      counts[rng.nextInt(bound)]++;
    }
    double[] p = new double[bound];
    Arrays.fill(p, 1.0 / bound);
    assertThat(Stats.chiSquare(counts, p)).isLessThan(Stats.chiSquareCritical1e4(bound - 1));
  }

  @Test
  void nextIntIsUnbiasedForALargeBound() {
    // bound = 3·2^29 does not divide 2^32; the naive x mod bound would put 3/4 of the mass below
    // 2^30 instead of 2/3.
    int bound = 3 << 29;
    Rng rng = rng("nextInt-large");
    int below = 0;
    for (int i = 0; i < N; i++) {
      int x = rng.nextInt(bound);
      assertThat(x).isBetween(0, bound - 1);
      below += x < (1 << 30) ? 1 : 0;
    }
    double p = 2.0 / 3.0;
    assertThat((double) below / N).isCloseTo(p, within(K * Math.sqrt(p * (1 - p) / N)));
  }

  @Test
  void nextDoubleIsUniformOnTheUnitInterval() {
    Rng rng = rng("nextDouble");
    long[] bins = new long[20];
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = rng.nextDouble();
      bins[(int) (x[i] * 20)]++;
    }
    double[] p = new double[20];
    Arrays.fill(p, 0.05);
    assertThat(Stats.chiSquare(bins, p)).isLessThan(Stats.chiSquareCritical1e4(19));
    assertThat(Stats.mean(x)).isCloseTo(0.5, within(K * Math.sqrt(1.0 / 12 / N)));
  }

  @Test
  void nextBooleanIsFair() {
    Rng rng = rng("nextBoolean");
    int heads = 0;
    for (int i = 0; i < N; i++) {
      heads += rng.nextBoolean() ? 1 : 0;
    }
    assertThat((double) heads / N).isCloseTo(0.5, within(K * Math.sqrt(0.25 / N)));
  }

  @Test
  void nextGaussianHasMeanZeroAndUnitVariance() {
    Rng rng = rng("nextGaussian");
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = rng.nextGaussian();
    }
    assertThat(Stats.mean(x)).isCloseTo(0.0, within(K / Math.sqrt(N)));
    // Var of the sample variance of N(0,1) is 2/N.
    assertThat(Stats.variance(x)).isCloseTo(1.0, within(K * Math.sqrt(2.0 / N)));
    // Fourth moment 3 (a sampler with the right variance but wrong shape would fail here);
    // Var(x^4) = E x^8 − 9 = 105 − 9 = 96.
    double m4 = 0;
    for (double v : x) {
      m4 += v * v * v * v;
    }
    assertThat(m4 / N).isCloseTo(3.0, within(K * Math.sqrt(96.0 / N)));
  }

  @Test
  void zigguratGaussianHasTheNormalMomentsBinsAndTail() {
    Rng rng = rng("nextGaussianZiggurat");
    int n = 1_000_000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextGaussianZiggurat();
    }
    assertThat(Stats.mean(x)).isCloseTo(0.0, within(K / Math.sqrt(n)));
    assertThat(Stats.variance(x)).isCloseTo(1.0, within(K * Math.sqrt(2.0 / n)));
    // E x³ = 0 with Var(x³) = E x⁶ = 15; E x⁴ = 3 with Var(x⁴) = 105 − 9 = 96.
    double m3 = 0;
    double m4 = 0;
    for (double v : x) {
      m3 += v * v * v;
      m4 += v * v * v * v;
    }
    assertThat(m3 / n).isCloseTo(0.0, within(K * Math.sqrt(15.0 / n)));
    assertThat(m4 / n).isCloseTo(3.0, within(K * Math.sqrt(96.0 / n)));
    // Shape: 40 bins of width 0.2 on [-4, 4] plus the two tails, against Φ.
    int bins = 40;
    long[] counts = new long[bins + 2];
    long beyondR = 0;
    double r = 3.6541528853610088; // the ziggurat's tail start: exercises the tail sampler
    for (double v : x) {
      int b = v < -4 ? 0 : v >= 4 ? bins + 1 : 1 + Math.min(bins - 1, (int) ((v + 4) / 0.2));
      counts[b]++;
      beyondR += Math.abs(v) > r ? 1 : 0;
    }
    double[] p = new double[bins + 2];
    p[0] = normalCdf(-4);
    p[bins + 1] = normalCdf(-4);
    for (int b = 0; b < bins; b++) {
      p[1 + b] = normalCdf(-4 + 0.2 * (b + 1)) - normalCdf(-4 + 0.2 * b);
    }
    assertThat(Stats.chiSquare(counts, p)).isLessThan(Stats.chiSquareCritical1e4(bins + 1));
    double pTail = 2 * normalCdf(-r);
    assertThat((double) beyondR / n).isCloseTo(pTail, within(K * Math.sqrt(pTail / n)));
  }

  @Test
  void zigguratTablesAndStreamsAreReproducible() {
    Rng a = rng("ziggurat-repeat");
    Rng b = rng("ziggurat-repeat");
    for (int i = 0; i < 10_000; i++) {
      assertThat(Double.doubleToRawLongBits(a.nextGaussianZiggurat()))
          .isEqualTo(Double.doubleToRawLongBits(b.nextGaussianZiggurat()));
    }
  }

  /** Φ(z) = erfc(−z/√2)/2, erfc by Numerical Recipes' Chebyshev fit (relative error < 1.2e-7). */
  private static double normalCdf(double z) {
    double t = -z / Math.sqrt(2);
    double a = Math.abs(t);
    double u = 1 / (1 + 0.5 * a);
    double[] c = {
      -1.26551223,
      1.00002368,
      0.37409196,
      0.09678418,
      -0.18628806,
      0.27886807,
      -1.13520398,
      1.48851587,
      -0.82215223,
      0.17087277
    };
    double poly = 0;
    for (int k = c.length - 1; k >= 0; k--) {
      poly = c[k] + u * poly;
    }
    double erfc = u * Math.exp(-a * a + poly);
    return 0.5 * (t >= 0 ? erfc : 2 - erfc);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.25, 1.0, 3.7})
  void nextGammaHasMeanAndVarianceEqualToShape(double shape) {
    Rng rng = rng("nextGamma", Double.doubleToLongBits(shape));
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = rng.nextGamma(shape);
      assertThat(x[i]).isGreaterThanOrEqualTo(0.0);
    }
    // Gamma(k, 1): mean k, variance k, central fourth moment 3k(k+2), so the sample variance has
    // variance (3k(k+2) − k²)/N = (2k² + 6k)/N.
    assertThat(Stats.mean(x)).isCloseTo(shape, within(K * Math.sqrt(shape / N)));
    assertThat(Stats.variance(x))
        .isCloseTo(shape, within(K * Math.sqrt((2 * shape * shape + 6 * shape) / N)));
  }

  @Test
  void logGammaStaysFiniteForTinyShapes() {
    Rng rng = rng("nextLogGamma-tiny");
    for (int i = 0; i < 10_000; i++) {
      double lg = rng.nextLogGamma(1e-3);
      assertThat(lg).isFinite();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2,5", "0.5,0.5", "0.1,3"})
  void nextBetaHasTheBetaMeanAndVariance(String ab) {
    String[] parts = ab.split(",");
    double a = Double.parseDouble(parts[0]);
    double b = Double.parseDouble(parts[1]);
    Rng rng = rng("nextBeta", Double.doubleToLongBits(a), Double.doubleToLongBits(b));
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = rng.nextBeta(a, b);
      assertThat(x[i]).isBetween(0.0, 1.0);
    }
    double mean = a / (a + b);
    double var = a * b / ((a + b) * (a + b) * (a + b + 1));
    assertThat(Stats.mean(x)).isCloseTo(mean, within(K * Math.sqrt(var / N)));
    assertThat(Stats.variance(x)).isCloseTo(var, within(K * Stats.standardErrorOfVariance(x)));
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0, 0.25})
  void nextDirichletHasTheSymmetricDirichletMoments(double alpha) {
    int n = 5;
    int draws = 100_000;
    Rng rng = rng("nextDirichlet", Double.doubleToLongBits(alpha));
    double[][] comp = new double[n][draws];
    double[] out = new double[n + 2];
    for (int i = 0; i < draws; i++) {
      rng.nextDirichlet(alpha, out, 1, n);
      double sum = 0;
      for (int j = 0; j < n; j++) {
        double x = out[1 + j];
        assertThat(x).isBetween(0.0, 1.0);
        comp[j][i] = x;
        sum += x;
      }
      assertThat(sum).isCloseTo(1.0, within(1e-12));
      assertThat(out[0]).as("slot before the offset untouched").isZero();
      assertThat(out[n + 1]).as("slot after the range untouched").isZero();
    }
    // Symmetric Dirichlet(α) over n: mean 1/n, variance (1/n)(1 − 1/n)/(nα + 1).
    double mean = 1.0 / n;
    double var = mean * (1 - mean) / (n * alpha + 1);
    for (int j = 0; j < n; j++) {
      assertThat(Stats.mean(comp[j])).isCloseTo(mean, within(K * Math.sqrt(var / draws)));
      assertThat(Stats.variance(comp[j]))
          .isCloseTo(var, within(K * Stats.standardErrorOfVariance(comp[j])));
    }
  }

  @Test
  void nextCategoricalMatchesItsProbabilitiesAndNeverPicksZeroMass() {
    double[] p = {0.1, 0.0, 0.25, 0.4, 0.25};
    double[] padded = new double[p.length + 3];
    System.arraycopy(p, 0, padded, 2, p.length);
    padded[0] = 0.9; // outside the slice: must be ignored
    Rng rng = rng("nextCategorical");
    long[] counts = new long[p.length];
    for (int i = 0; i < N; i++) {
      counts[Categorical.sample(padded, 2, p.length, rng)]++;
    }
    assertThat(counts[1]).isZero();
    long[] nonZero = {counts[0], counts[2], counts[3], counts[4]};
    double[] pNonZero = {0.1, 0.25, 0.4, 0.25};
    assertThat(Stats.chiSquare(nonZero, pNonZero)).isLessThan(Stats.chiSquareCritical1e4(3));
  }

  @Test
  void categoricalMassMissingFromTheSumGoesToTheLastPositiveIndex() {
    // The slice sums to 0.5 (as if badly rounded): u in [0.5, 1) must land on index 1, the last
    // index with positive mass, never on the trailing zero.
    double[] p = {0.25, 0.25, 0.0};
    Rng rng = rng("nextCategorical-remainder");
    long[] counts = new long[3];
    for (int i = 0; i < N; i++) {
      counts[Categorical.sample(p, 0, 3, rng)]++;
    }
    assertThat(counts[2]).isZero();
    assertThat((double) counts[1] / N).isCloseTo(0.75, within(K * Math.sqrt(0.75 * 0.25 / N)));
  }
}
