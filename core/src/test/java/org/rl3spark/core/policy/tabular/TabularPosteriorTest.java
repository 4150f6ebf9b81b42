package org.rl3spark.core.policy.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.policy.fixtures.TestRandom;
import org.rl3spark.core.random.Rng;

/** The Normal–Dirichlet posterior of the TabulaRL agents: updates, MAP model and draws. */
class TabularPosteriorTest {

  @Test
  void priorIsTheStatedOne() {
    TabularPosterior post = new TabularPosterior(3, 2, 0.5, 1.5, 2.0, 4.0);
    for (int row = 0; row < 6; row++) {
      assertThat(post.rewardMean[row]).isEqualTo(1.5);
      assertThat(post.rewardPrecision[row]).isEqualTo(2.0);
      assertThat(post.concentrationSum[row]).isEqualTo(1.5);
      for (int j = 0; j < 3; j++) {
        assertThat(post.concentration[row * 3 + j]).isEqualTo(0.5);
      }
    }
  }

  @Test
  void normalUpdateWithKnownPrecisionMatchesTheClosedForm() {
    double mu0 = 0.5;
    double tau0 = 2;
    double tau = 3;
    TabularPosterior post = new TabularPosterior(2, 2, 1, mu0, tau0, tau);
    double[] rewards = {1, -2, 4};
    for (double r : rewards) {
      post.update(0, 1, r, 1);
    }
    // (μ0τ0 + τΣr)/(τ0 + nτ) = (1 + 9)/11, precision 11.
    assertThat(post.rewardMean[1]).isCloseTo(10.0 / 11, within(1e-14));
    assertThat(post.rewardPrecision[1]).isEqualTo(11.0);
    // Other rows untouched.
    assertThat(post.rewardMean[0]).isEqualTo(mu0);
    assertThat(post.rewardPrecision[3]).isEqualTo(tau0);
  }

  @Test
  void normalUpdateMatchesTheClosedFormOnALongRandomSequence() {
    Rng rng = TestRandom.rng("posterior-long");
    double mu0 = -0.3;
    double tau0 = 0.7;
    double tau = 1.9;
    TabularPosterior post = new TabularPosterior(1, 1, 1, mu0, tau0, tau);
    double sum = 0;
    for (int n = 1; n <= 200; n++) {
      double r = 3 * rng.nextGaussian() + 1;
      sum += r;
      post.update(0, 0, r, 0);
      assertThat(post.rewardMean[0])
          .isCloseTo((mu0 * tau0 + tau * sum) / (tau0 + n * tau), within(1e-12));
      assertThat(post.rewardPrecision[0]).isCloseTo(tau0 + n * tau, within(1e-9));
    }
  }

  @Test
  void dirichletCountsSkipTheLastTransitionOfAnEpisode() {
    TabularPosterior post = new TabularPosterior(2, 1, 1, 0, 1, 1);
    post.update(0, 0, 1.0, 1);
    post.update(0, 0, 1.0, 1);
    post.update(0, 0, 1.0, 0);
    post.update(0, 0, 5.0, -1); // ends the episode: reward counted, successor not
    assertThat(new double[] {post.concentration[0], post.concentration[1]}).containsExactly(2, 3);
    assertThat(post.concentrationSum[0]).isEqualTo(5);
    assertThat(post.rewardPrecision[0]).as("all four rewards count").isEqualTo(5);
    assertThat(post.rewardMean[0]).isCloseTo(8.0 / 5, within(1e-14));
  }

  @Test
  void mapModelIsThePosteriorMeanAndTheNormalisedCounts() {
    TabularPosterior post = new TabularPosterior(2, 2, 0.5, 0, 1, 1);
    post.update(1, 0, 2.0, 1);
    post.update(1, 0, 0.0, 1);
    post.update(1, 0, 1.0, 0);
    double[] r = new double[4];
    double[] p = new double[8];
    post.map(r, p);
    assertThat(r).containsExactly(0, 0, 3.0 / 4, 0);
    // Row (1, 0): counts [0.5 + 1, 0.5 + 2] / 4.
    assertThat(new double[] {p[4], p[5]}).containsExactly(0.375, 0.625);
    // Unvisited rows are uniform.
    assertThat(new double[] {p[0], p[1], p[2], p[3], p[6], p[7]})
        .containsExactly(0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
  }

  @Test
  void posteriorDrawsHaveThePosteriorMoments() {
    TabularPosterior post = new TabularPosterior(3, 1, 1, 0, 1, 1);
    // Row 0: rewards 1, 2, 3, 0, 0, 0, 0 -> N(6/8, 1/8); successors 0, 0, 2, 2, 2, 2, 2 ->
    // Dirichlet(3, 1, 6).
    post.update(0, 0, 1, 0);
    post.update(0, 0, 2, 0);
    post.update(0, 0, 3, 2);
    for (int i = 0; i < 4; i++) {
      post.update(0, 0, 0, 2);
    }
    double mean = post.rewardMean[0];
    double var = 1 / post.rewardPrecision[0];
    assertThat(mean).isCloseTo(6.0 / 8, within(1e-14));
    assertThat(var).isEqualTo(1.0 / 8);
    double[] alpha = {3, 1, 6};
    Rng rng = TestRandom.rng("posterior-draws");
    int n = 20_000;
    double[] r = new double[3];
    double[] p = new double[9];
    double sr = 0;
    double srr = 0;
    double[] sp = new double[3];
    double[] spp = new double[3];
    for (int i = 0; i < n; i++) {
      post.sample(rng, r, p);
      sr += r[0];
      srr += r[0] * r[0];
      assertThat(p[0] + p[1] + p[2]).isCloseTo(1, within(1e-12));
      for (int j = 0; j < 3; j++) {
        sp[j] += p[j];
        spp[j] += p[j] * p[j];
      }
    }
    double m = sr / n;
    double v = srr / n - m * m;
    assertThat(m).isCloseTo(mean, within(4 * Math.sqrt(var / n)));
    // SE of a normal sample variance: σ²·sqrt(2/(n−1)).
    assertThat(v).isCloseTo(var, within(4 * var * Math.sqrt(2.0 / (n - 1))));
    for (int j = 0; j < 3; j++) {
      double a0 = 10;
      double pm = alpha[j] / a0;
      double pv = alpha[j] * (a0 - alpha[j]) / (a0 * a0 * (a0 + 1));
      double sm = sp[j] / n;
      double sv = spp[j] / n - sm * sm;
      assertThat(sm).as("E p_%d", j).isCloseTo(pm, within(4 * Math.sqrt(pv / n)));
      assertThat(sv).as("Var p_%d", j).isCloseTo(pv, within(0.1 * pv));
    }
  }
}
