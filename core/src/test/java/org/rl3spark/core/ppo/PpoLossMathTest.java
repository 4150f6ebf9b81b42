package org.rl3spark.core.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;

/** The clipped surrogate: value by hand, gradient by central finite differences. */
class PpoLossMathTest {

  @Test
  void valueByHand() {
    // z = (0, ln 2, 0): π = (1/4, 1/2, 1/4); a = 1; π_old(a) = 1/4 → ratio 2.
    double[] z = {0, Math.log(2), 0};
    double h = 1.5 * Math.log(2);
    // A > 0: min(2A, 1.2A) = 1.2A.
    assertThat(PpoLossMath.position(z, 0, 3, 1, 1.0, Math.log(0.25), 0.1, 0.2, 1, null, 0))
        .isCloseTo(-1.2 - 0.1 * h, within(1e-12));
    // A < 0: min(−2, −1.2) = −2 (the unclipped, pessimistic term).
    assertThat(PpoLossMath.position(z, 0, 3, 1, -1.0, Math.log(0.25), 0.0, 0.2, 1, null, 0))
        .isCloseTo(2.0, within(1e-12));
    // weight scales everything
    assertThat(PpoLossMath.position(z, 0, 3, 1, -1.0, Math.log(0.25), 0.0, 0.2, 0.5, null, 0))
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Rng rng = Seeds.rng(1, "ppo-loss-test");
    int n = 5;
    int cases = 0;
    int clippedCases = 0;
    for (int c = 0; c < 400; c++) {
      double[] z = new double[n];
      for (int j = 0; j < n; j++) {
        z[j] = 2 * rng.nextGaussian();
      }
      int a = rng.nextInt(n);
      double adv = rng.nextGaussian();
      double oldLog = PpoLossMath.logProb(z, 0, n, a) + 0.5 * rng.nextGaussian();
      double coef = rng.nextDouble() * 0.2;
      double ratio = Math.exp(PpoLossMath.logProb(z, 0, n, a) - oldLog);
      // Stay away from the kinks of the clipped objective, where the derivative jumps.
      if (Math.abs(ratio - 0.8) < 1e-3 || Math.abs(ratio - 1.2) < 1e-3) {
        continue;
      }
      boolean clipped = adv > 0 ? ratio > 1.2 : ratio < 0.8;
      clippedCases += clipped ? 1 : 0;
      double[] grad = new double[n];
      PpoLossMath.position(z, 0, n, a, adv, oldLog, coef, 0.2, 0.7, grad, 0);
      for (int j = 0; j < n; j++) {
        double eps = 1e-6;
        double[] zp = z.clone();
        double[] zm = z.clone();
        zp[j] += eps;
        zm[j] -= eps;
        double fd =
            (PpoLossMath.position(zp, 0, n, a, adv, oldLog, coef, 0.2, 0.7, null, 0)
                    - PpoLossMath.position(zm, 0, n, a, adv, oldLog, coef, 0.2, 0.7, null, 0))
                / (2 * eps);
        assertThat(grad[j]).as("case %d, logit %d", c, j).isCloseTo(fd, within(1e-6));
      }
      cases++;
    }
    assertThat(cases).isGreaterThan(350);
    assertThat(clippedCases).as("both branches exercised").isBetween(20, cases - 20);
  }
}
