package org.rl3spark.core.policy.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rl3spark.core.policy.fixtures.Agents.feed;
import static org.rl3spark.core.policy.fixtures.Agents.pull;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.RandomPolicy;
import org.rl3spark.core.policy.fixtures.Agents;
import org.rl3spark.core.policy.fixtures.BernoulliBanditTask;
import org.rl3spark.core.policy.fixtures.TestRandom;
import org.rl3spark.core.random.Rng;

/**
 * The bandit baselines on hand-traced sequences ({@code learn} then {@code act}) and, for the
 * randomised ones, choice frequencies against independently computed probabilities.
 */
class BanditAgentsTest {

  /** Chi-square quantiles at p = 1e-5 (upper tail), by degrees of freedom. */
  private static final double[] CHI2_1E5 = {Double.NaN, 19.511, 23.026, 25.902, 28.473, 30.856};

  private static Agent start(Policy policy, int arms, String purpose) {
    double[] p = new double[arms];
    return Agents.start(policy, BernoulliBanditTask.of(0, p), 100, TestRandom.rng(purpose));
  }

  private static int[] counts(Agent agent, int arms, int n) {
    int[] c = new int[arms];
    for (int i = 0; i < n; i++) {
      c[agent.act(pull(7))]++;
    }
    return c;
  }

  private static double chiSquare(int[] counts, double[] probabilities) {
    long n = 0;
    for (int c : counts) {
      n += c;
    }
    double chi2 = 0;
    for (int i = 0; i < counts.length; i++) {
      double e = n * probabilities[i];
      chi2 += (counts[i] - e) * (counts[i] - e) / e;
    }
    return chi2;
  }

  /** |frequency − p| within 4 binomial standard errors. */
  private static void assertFrequency(int hits, int n, double p, String what) {
    double se = Math.sqrt(p * (1 - p) / n);
    assertThat((double) hits / n).as(what + " (p=%s, SE=%s)", p, se).isCloseTo(p, within(4 * se));
  }

  // ---------------------------------------------------------------------------------------------
  // Greedy

  @Test
  void greedyPlaysTheLargestPosteriorMeanWithTiesToTheLowestArm() {
    Agent agent = start(new GreedyBandit(0), 3, "greedy");
    assertThat(agent.act(pull(0))).as("all means 1/2: lowest arm").isEqualTo(0);
    feed(agent, 0, 0, 1); // arm 0: 1/3
    assertThat(agent.act(pull(1))).as("1/3, 1/2, 1/2").isEqualTo(1);
    feed(agent, 1, 1, 0); // arm 1: 2/3
    assertThat(agent.act(pull(2))).as("1/3, 2/3, 1/2").isEqualTo(1);
    feed(agent, 1, 0, 2); // arm 1: 2/5
    assertThat(agent.act(pull(5))).as("1/3, 2/5, 1/2").isEqualTo(2);
    feed(agent, 2, 0, 1); // arm 2: 1/3
    assertThat(agent.act(pull(6))).as("1/3, 2/5, 1/3").isEqualTo(1);
  }

  @Test
  void greedyBreaksExactTiesOfDifferentCountsToTheLowestArm() {
    Agent agent = start(new GreedyBandit(0), 3, "greedy-ties");
    feed(agent, 2, 3, 1); // (3+1)/(4+2) = 2/3
    feed(agent, 1, 1, 0); // (1+1)/(1+2) = 2/3
    assertThat(agent.act(pull(5))).isEqualTo(1);
    feed(agent, 0, 1, 1); // 2/4 = 1/2 < 2/3
    assertThat(agent.act(pull(7))).isEqualTo(1);
  }

  @Test
  void greedyCountsPositiveRewardsAsSuccesses() {
    Agent agent = start(new GreedyBandit(0), 2, "greedy-reward");
    agent.learn(0, 1, 0.5, -1, true); // a positive reward is a success: arm 1 at 2/3
    assertThat(agent.act(pull(1))).isEqualTo(1);
    agent.learn(0, 1, 0.0, -1, true); // 2/4
    agent.learn(0, 1, -1.0, -1, true); // 2/5 < 1/2
    assertThat(agent.act(pull(3))).isEqualTo(0);
  }

  // ---------------------------------------------------------------------------------------------
  // ε-greedy

  @Test
  void epsilonGreedyExploresUniformlyWithProbabilityEpsilon() {
    int arms = 5;
    double eps = 0.3;
    Agent agent = start(new GreedyBandit(eps), arms, "eps-greedy");
    feed(agent, 2, 3, 0); // arm 2 is greedy (4/5)
    int n = 50_000;
    int[] c = counts(agent, arms, n);
    double[] expected = new double[arms];
    for (int a = 0; a < arms; a++) {
      expected[a] = a == 2 ? 1 - eps + eps / arms : eps / arms;
    }
    assertFrequency(n - c[2], n, eps * (arms - 1) / arms, "off-greedy frequency");
    assertThat(chiSquare(c, expected))
        .as("chi-square of %s", java.util.Arrays.toString(c))
        .isLessThan(CHI2_1E5[arms - 1]);
  }

  @Test
  void epsilonOneIsUniformAndEpsilonZeroNeverExplores() {
    Agent uniform = start(new GreedyBandit(1), 4, "eps-one");
    feed(uniform, 3, 5, 0);
    int[] c = counts(uniform, 4, 40_000);
    assertThat(chiSquare(c, new double[] {0.25, 0.25, 0.25, 0.25})).isLessThan(CHI2_1E5[3]);

    Agent greedy = start(new GreedyBandit(0), 4, "eps-zero");
    feed(greedy, 3, 5, 0);
    assertThat(counts(greedy, 4, 1000)).containsExactly(0, 0, 0, 1000);
  }

  // ---------------------------------------------------------------------------------------------
  // UCB1 (RL² variant)

  @Test
  void ucbIndexMatchesHandComputedValues() {
    // (s+1)/(n+2) + c·sqrt(2 ln t / (n+2)), values from a calculator.
    assertThat(new Ucb1Rl2(0.2).index(1, 2, 5)).isCloseTo(0.6794122577994102, within(1e-14));
    assertThat(new Ucb1Rl2(1).index(6, 10, 11)).isCloseTo(1.2155114823807849, within(1e-14));
    assertThat(new Ucb1Rl2(1).index(0, 1, 11)).isCloseTo(1.5976896314282363, within(1e-14));
    assertThat(new Ucb1Rl2(0.2).index(11, 20, 20)).isCloseTo(0.6498268210062105, within(1e-14));
    assertThat(new Ucb1Rl2(0.2).index(0, 0, 20)).isCloseTo(0.8461636765204571, within(1e-14));
    assertThat(new Ucb1Rl2(0.7).index(3, 7, 30)).isCloseTo(1.053010466976914, within(1e-14));
    assertThat(new Ucb1Rl2(0.5).index(0, 0, 1)).as("ln 1 = 0: no bonus").isEqualTo(0.5);
  }

  @Test
  void ucbPullsArmZeroFirstThenMaximisesTheIndex() {
    Agent agent = start(new Ucb1Rl2(0.5), 3, "ucb-trace");
    assertThat(agent.act(pull(0))).as("t = 0: index undefined, arm 0").isEqualTo(0);
    feed(agent, 0, 1, 0);
    // t = 1: no bonus; 2/3, 1/2, 1/2.
    assertThat(agent.act(pull(1))).isEqualTo(0);
    feed(agent, 0, 0, 1);
    // t = 2: 0.79435, 0.91628, 0.91628 -> lowest of the tie.
    assertThat(agent.act(pull(2))).isEqualTo(1);
    feed(agent, 1, 0, 1);
    // t = 3: 0.87058, 0.76124, 1.02407.
    assertThat(agent.act(pull(3))).isEqualTo(2);
  }

  @Test
  void ucbPullsArmZeroAtTheStartWhateverItsCoefficient() {
    for (double c : new double[] {0, 0.2, 1, 10}) {
      Agent agent = start(new Ucb1Rl2(c), 4, "ucb-first");
      assertThat(agent.act(pull(0))).isEqualTo(0);
    }
  }

  @Test
  void ucbBonusFlipsTheGreedyDecision() {
    // Arm 0: 11 successes in 20 pulls (mean 12/22 = 0.5455); arm 1 never pulled (mean 0.5); t = 20.
    Agent greedy = start(new GreedyBandit(0), 2, "flip-greedy");
    Agent ucb0 = start(new Ucb1Rl2(0), 2, "flip-ucb0");
    Agent ucb = start(new Ucb1Rl2(0.2), 2, "flip-ucb");
    for (Agent agent : new Agent[] {greedy, ucb0, ucb}) {
      feed(agent, 0, 11, 9);
    }
    assertThat(greedy.act(pull(20))).isEqualTo(0);
    assertThat(ucb0.act(pull(20))).as("c = 0 is greedy").isEqualTo(0);
    // 0.64983 vs 0.84616
    assertThat(ucb.act(pull(20))).isEqualTo(1);

    // Arm 0: 6/10, arm 1: 0/1, t = 11: c = 0.2 keeps arm 0 (0.70977 vs 0.58620), c = 1 flips
    // (1.21551 vs 1.59769).
    Agent small = start(new Ucb1Rl2(0.2), 2, "flip-small");
    Agent large = start(new Ucb1Rl2(1), 2, "flip-large");
    for (Agent agent : new Agent[] {small, large}) {
      feed(agent, 0, 6, 4);
      feed(agent, 1, 0, 1);
    }
    assertThat(small.act(pull(11))).isEqualTo(0);
    assertThat(large.act(pull(11))).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Thompson sampling and the RL² "optimistic" variant

  /** Beta(a, b) density for integer a, b ≥ 1. */
  static double betaDensity(double x, int a, int b) {
    double logB = logFactorial(a - 1) + logFactorial(b - 1) - logFactorial(a + b - 1);
    return Math.pow(x, a - 1) * Math.pow(1 - x, b - 1) / Math.exp(logB);
  }

  /** Beta(a, b) CDF for integer a, b: P(Binomial(a+b−1, x) ≥ a). */
  static double betaCdf(double x, int a, int b) {
    int n = a + b - 1;
    double acc = 0;
    for (int j = a; j <= n; j++) {
      acc +=
          Math.exp(logFactorial(n) - logFactorial(j) - logFactorial(n - j))
              * Math.pow(x, j)
              * Math.pow(1 - x, n - j);
    }
    return acc;
  }

  private static double logFactorial(int n) {
    double acc = 0;
    for (int i = 2; i <= n; i++) {
      acc += Math.log(i);
    }
    return acc;
  }

  /** Composite Simpson rule of f on [lo, hi] with an even number of intervals. */
  static double simpson(java.util.function.DoubleUnaryOperator f, double lo, double hi, int n) {
    double h = (hi - lo) / n;
    double acc = f.applyAsDouble(lo) + f.applyAsDouble(hi);
    for (int i = 1; i < n; i++) {
      acc += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(lo + i * h);
    }
    return acc * h / 3;
  }

  /** P(X1 > X2) for X1 ~ Beta(a1, b1), X2 ~ Beta(a2, b2), by numerical integration. */
  static double probabilityGreater(int a1, int b1, int a2, int b2) {
    return simpson(x -> betaDensity(x, a1, b1) * betaCdf(x, a2, b2), 0, 1, 4000);
  }

  @Test
  void integrationHelperReproducesClosedForms() {
    // P(Beta(2,1) > Beta(1,2)) = 1 − 2·B(2,3) = 5/6; P(U > Beta(3,2)) = E[1 − X] = 2/5.
    assertThat(probabilityGreater(2, 1, 1, 2)).isCloseTo(5.0 / 6, within(1e-9));
    assertThat(probabilityGreater(1, 1, 3, 2)).isCloseTo(0.4, within(1e-9));
    assertThat(probabilityGreater(3, 3, 3, 3)).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void thompsonChoiceFrequencyMatchesTheProbabilityThatItsDrawIsLarger() {
    Agent agent = start(new ThompsonSampling(), 2, "thompson");
    feed(agent, 0, 2, 2); // Beta(3, 3)
    feed(agent, 1, 3, 1); // Beta(4, 2)
    double p0 = probabilityGreater(3, 3, 4, 2); // 0.26190...
    assertThat(p0).isCloseTo(11.0 / 42, within(1e-9));
    int n = 40_000;
    int[] c = counts(agent, 2, n);
    assertFrequency(c[0], n, p0, "Thompson picks arm 0");
  }

  @Test
  void thompsonWithoutDataIsUniform() {
    Agent agent = start(new ThompsonSampling(), 4, "thompson-prior");
    int[] c = counts(agent, 4, 40_000);
    assertThat(chiSquare(c, new double[] {0.25, 0.25, 0.25, 0.25})).isLessThan(CHI2_1E5[3]);
  }

  @Test
  void optimisticThompsonWithOneSampleIsThompsonSampling() {
    // Same generator state: OTS(1) draws exactly the same Beta variates and picks the same argmax.
    Rng seed = TestRandom.rng("ots-vs-ts");
    Agent ts =
        Agents.start(new ThompsonSampling(), BernoulliBanditTask.of(0, 0, 0, 0), 100, seed.copy());
    Agent ots =
        Agents.start(
            new OptimisticThompsonRl2(1), BernoulliBanditTask.of(0, 0, 0, 0), 100, seed.copy());
    int[] arms = {0, 1, 2, 2, 1, 0, 2, 2, 2, 1};
    for (int t = 0; t < 500; t++) {
      assertThat(ots.act(pull(t))).as("pull %d", t).isEqualTo(ts.act(pull(t)));
      int arm = arms[t % arms.length];
      boolean success = (t * 7) % 5 < 2 + arm;
      ts.learn(0, arm, success ? 1 : 0, -1, true);
      ots.learn(0, arm, success ? 1 : 0, -1, true);
    }
    // And in distribution, against the same integral as Thompson.
    Agent fresh = start(new OptimisticThompsonRl2(1), 2, "ots1-distribution");
    feed(fresh, 0, 2, 2);
    feed(fresh, 1, 3, 1);
    int n = 40_000;
    assertFrequency(counts(fresh, 2, n)[0], n, 11.0 / 42, "OTS(1) picks arm 0");
  }

  /**
   * P(OTS with n joint samples picks arm 0) when arm 0 is Beta(2, 1) and arm 1 is Beta(1, 2).
   *
   * <p>With U = X0 and W = 1 − X1 (both Beta(2, 1)), the joint log-density is log(UW) + const, so
   * the kept sample has the largest Z = UW; arm 0 wins iff U + W &gt; 1. Z has CDF F(z) = z² − 2z²
   * ln z and density −4z ln z; given Z = z, ln U is uniform on [ln z, 0], so P(U + z/U ≤ 1 | z) =
   * ln(r2/r1)/(−ln z) for z ≤ 1/4 with r1,2 = (1 ∓ sqrt(1 − 4z))/2, and 0 otherwise. The best of n
   * samples has density n F^(n−1) f.
   */
  static double otsProbabilityArmZero(int n) {
    java.util.function.DoubleUnaryOperator integrand =
        z -> {
          if (z <= 0 || z >= 1) {
            return 0;
          }
          double win = 1;
          if (z < 0.25) {
            double d = Math.sqrt(1 - 4 * z);
            win = 1 - Math.log((1 + d) / (1 - d)) / -Math.log(z);
          }
          double cdf = z * z - 2 * z * z * Math.log(z);
          return win * n * Math.pow(cdf, n - 1) * (-4 * z * Math.log(z));
        };
    return simpson(integrand, 0, 0.25, 40_000) + simpson(integrand, 0.25, 1, 40_000);
  }

  @Test
  void optimisticThompsonSeeksThePosteriorModeAsComputedInClosedForm() {
    assertThat(otsProbabilityArmZero(1))
        .as("one sample is Thompson: 5/6")
        .isCloseTo(5.0 / 6, within(1e-6));
    int n = 40_000;
    for (int samples : new int[] {1, 2, 3}) {
      Agent agent = start(new OptimisticThompsonRl2(samples), 2, "ots-mode-" + samples);
      feed(agent, 0, 1, 0); // Beta(2, 1)
      feed(agent, 1, 0, 1); // Beta(1, 2)
      assertFrequency(
          counts(agent, 2, n)[0],
          n,
          otsProbabilityArmZero(samples),
          "OTS(" + samples + ") picks arm 0");
    }
    assertThat(otsProbabilityArmZero(2)).isCloseTo(0.967585034, within(1e-6));
  }

  // ---------------------------------------------------------------------------------------------
  // Random

  @Test
  void randomIsUniformWhateverItLearned() {
    Agent agent = start(new RandomPolicy(), 5, "random");
    feed(agent, 4, 10, 0);
    int[] c = counts(agent, 5, 50_000);
    assertThat(chiSquare(c, new double[] {0.2, 0.2, 0.2, 0.2, 0.2})).isLessThan(CHI2_1E5[4]);
  }
}
