package org.rl3spark.core.policy.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.rl3spark.core.policy.fixtures.Agents.feed;
import static org.rl3spark.core.policy.fixtures.Agents.pull;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.fixtures.Agents;
import org.rl3spark.core.policy.fixtures.BernoulliBanditTask;
import org.rl3spark.core.policy.fixtures.TestRandom;

/**
 * Gittins indices of a Bernoulli arm with a Beta(1, 1) prior against the published table and an
 * independent calibration by bisection, and the index policy built on them.
 */
class GittinsIndexTableTest {

  private static final double PUBLISHED_TOLERANCE = 1e-3;

  /**
   * Published Bernoulli Gittins indices (Gittins 1979; reproduced e.g. in Christian and Griffiths,
   * "Algorithms to Live By"), indexed by wins and losses on top of a uniform prior; the table is
   * queried by (successes, pulls) = (wins, wins + losses).
   */
  @Test
  void matchesThePublishedTableAtDiscount09() {
    GittinsIndexTable table = GittinsIndexTable.of(0.9, 10);
    assertThat(table.index(0, 0))
        .as("0 wins, 0 losses")
        .isCloseTo(0.7029, within(PUBLISHED_TOLERANCE));
    assertThat(table.index(1, 2))
        .as("1 win, 1 loss")
        .isCloseTo(0.6346, within(PUBLISHED_TOLERANCE));
    assertThat(table.index(2, 4))
        .as("2 wins, 2 losses")
        .isCloseTo(0.6010, within(PUBLISHED_TOLERANCE));
    assertThat(table.index(9, 10))
        .as("9 wins, 1 loss")
        .isCloseTo(0.8695, within(PUBLISHED_TOLERANCE));
  }

  /** The only γ = 0.99 table of the suite (a few seconds). */
  @Test
  void matchesThePublishedTableAtDiscount099AndTheIndependentCalibration() {
    GittinsIndexTable table = GittinsIndexTable.of(0.99, 4);
    assertThat(table.index(0, 0)).isCloseTo(0.8699, within(PUBLISHED_TOLERANCE));
    for (int[] state : new int[][] {{0, 0}, {1, 2}, {0, 4}, {4, 4}}) {
      assertThat(table.index(state[0], state[1]))
          .as("ν(%d successes in %d pulls)", state[0], state[1])
          .isCloseTo(bisection(state[0], state[1], 0.99, 2500), within(1e-3));
    }
  }

  @Test
  void agreesWithAnIndependentBisectionForEveryStateUpToEightPulls() {
    for (double gamma : new double[] {0.8, 0.9}) {
      GittinsIndexTable table = GittinsIndexTable.of(gamma, 8);
      for (int n = 0; n <= 8; n++) {
        for (int s = 0; s <= n; s++) {
          assertThat(table.index(s, n))
              .as("γ=%s: ν(%d successes in %d pulls)", gamma, s, n)
              .isCloseTo(bisection(s, n, gamma, 400), within(1e-3));
        }
      }
    }
  }

  @Test
  void independentCalibrationReproducesThePublishedValues() {
    // Checks the checker: the test's own recursion gives the published numbers too.
    assertThat(bisection(0, 0, 0.9, 400)).isCloseTo(0.7029, within(1e-4));
    assertThat(bisection(9, 10, 0.9, 400)).isCloseTo(0.8695, within(1e-4));
  }

  @Test
  void isMonotoneAndAboveThePosteriorMean() {
    GittinsIndexTable table = GittinsIndexTable.of(0.9, 30);
    GittinsIndexTable lower = GittinsIndexTable.of(0.8, 30);
    for (int n = 0; n <= 30; n++) {
      for (int s = 0; s <= n; s++) {
        double nu = table.index(s, n);
        double mean = (s + 1.0) / (n + 2.0);
        assertThat(nu).as("ν(%d, %d) above the mean", s, n).isGreaterThan(mean);
        assertThat(nu).isLessThan(1);
        if (s > 0) {
          assertThat(nu).as("more successes, same pulls").isGreaterThan(table.index(s - 1, n));
        }
        if (n > s) {
          assertThat(nu).as("one more failure lowers the index").isLessThan(table.index(s, n - 1));
        }
        assertThat(nu)
            .as("a larger discount values information more")
            .isGreaterThan(lower.index(s, n));
      }
    }
  }

  @Test
  void rejectsStatesOutsideTheTableAndBadParameters() {
    GittinsIndexTable table = GittinsIndexTable.of(0.9, 5);
    assertThatThrownBy(() -> table.index(0, 6)).hasMessageContaining("table covers 5 pulls");
    assertThatThrownBy(() -> table.index(3, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> table.index(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GittinsIndexTable.of(1.0, 5)).hasMessageContaining("(0, 1)");
    assertThatThrownBy(() -> GittinsIndexTable.of(0.9, 5, 100, 1))
        .hasMessageContaining("grid >= 2");
    assertThat(GittinsIndexTable.of(0.9, 5)).as("cached").isSameAs(table);
  }

  @Test
  void defaultDepthMakesTheTailNegligible() {
    assertThat(GittinsIndexTable.defaultDepth(0.9)).isEqualTo(100);
    assertThat(GittinsIndexTable.defaultDepth(0.99)).isEqualTo(917); // 0.99^917 ≤ 1e-4
    assertThat(Math.pow(0.99, 917)).isLessThanOrEqualTo(1e-4);
    assertThat(Math.pow(0.99, 916)).isGreaterThan(1e-4);
    assertThat(GittinsIndexTable.defaultDepth(0.9999)).isEqualTo(3000);
  }

  @Test
  void policyPlaysTheLargestIndex() {
    GittinsPolicy policy = new GittinsPolicy(GittinsIndexTable.of(0.9, 20));
    assertThat(policy.name()).isEqualTo("gittins(gamma=0.9)");
    Agent agent =
        Agents.start(
            policy, BernoulliBanditTask.of(0, 0, 0, 0), 21, TestRandom.rng("gittins-policy"));
    assertThat(agent.act(pull(0))).as("all at ν(0, 0): lowest arm").isEqualTo(0);
    feed(agent, 0, 1, 1);
    // Arm 0 at ν(1, 2) = 0.6346 with mean 1/2, arms 1, 2 at ν(0, 0) = 0.7029 with mean 1/2: the
    // unexplored arm wins where greedy would stay on arm 0.
    assertThat(agent.act(pull(2))).isEqualTo(1);
    feed(agent, 1, 0, 1); // ν(0, 1) ≈ 0.5001
    assertThat(agent.act(pull(3))).isEqualTo(2);
    feed(agent, 2, 9, 1); // ν(9, 10) = 0.8695
    assertThat(agent.act(pull(13))).isEqualTo(2);
    GittinsIndexTable t = policy.table();
    assertThat(t.index(9, 10)).isGreaterThan(Math.max(t.index(1, 2), t.index(0, 1)));
  }

  @Test
  void policyRefusesABudgetBeyondItsTable() {
    GittinsPolicy policy = new GittinsPolicy(GittinsIndexTable.of(0.9, 9));
    assertThatCode(
            () -> Agents.start(policy, BernoulliBanditTask.of(0, 0, 0), 10, TestRandom.rng("fits")))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                Agents.start(
                    policy, BernoulliBanditTask.of(0, 0, 0), 11, TestRandom.rng("too-long")))
        .hasMessageContaining("covers 9 pulls, budget is 11");
  }

  /**
   * ν(s, n) by bisection on the retirement reward λ: the largest λ at which pulling once more (then
   * stopping optimally) beats retiring at once, with the optimal-stopping recursion V(a, b) =
   * max(λ/(1−γ), μ(1 + γV(a+1, b)) + (1−μ)γV(a, b+1)) over Beta(a, b) posteriors, truncated {@code
   * depth} pulls ahead with the retirement value.
   */
  static double bisection(int s, int n, double gamma, int depth) {
    double lo = 0;
    double hi = 1;
    double[] v = new double[depth + 2];
    for (int iteration = 0; iteration < 40; iteration++) {
      double lambda = (lo + hi) / 2;
      double retire = lambda / (1 - gamma);
      java.util.Arrays.fill(v, retire);
      for (int m = depth - 1; m >= 0; m--) {
        for (int i = 0; i <= m; i++) {
          double a = s + 1 + i;
          double b = n - s + 1 + (m - i);
          double mu = a / (a + b);
          double cont = mu * (1 + gamma * v[i + 1]) + (1 - mu) * gamma * v[i];
          v[i] = m == 0 ? cont : Math.max(retire, cont);
        }
      }
      if (v[0] > retire) {
        lo = lambda;
      } else {
        hi = lambda;
      }
    }
    return (lo + hi) / 2;
  }
}
