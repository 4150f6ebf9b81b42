package org.rl3spark.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.policy.fixtures.BernoulliBanditTask;
import org.rl3spark.core.policy.fixtures.TableMdpTask;
import org.rl3spark.core.policy.fixtures.TestRandom;
import org.rl3spark.core.rollout.MetaEpisodeRunner;
import org.rl3spark.core.rollout.Trajectory;
import org.rl3spark.core.task.Task;

/** The exact meta-episode oracle against closed forms, hand values and simulation. */
class MetaOracleTest {

  private static final MetaEpisodeRunner RUNNER = new MetaEpisodeRunner();

  /** V*_h(s) of one episode by backward induction over the explicit arrays, h = 0..horizon. */
  static double[][] optimalEpisodeValues(TableMdpTask task, int horizon) {
    int n = task.states();
    double[][] v = new double[horizon + 1][n];
    for (int h = 1; h <= horizon; h++) {
      for (int s = 0; s < n; s++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < task.actions(); a++) {
          double q = task.meanReward(s, a);
          for (int next = 0; next < n; next++) {
            q += task.transition(s, a, next) * v[h - 1][next];
          }
          best = Math.max(best, q);
        }
        v[h][s] = best;
      }
    }
    return v;
  }

  /** Mean of the oracle's returns over meta-episodes 0..n−1 is within 4 SE of its value. */
  private static void assertOracleAchievesItsValue(Task task, int budget, int n) {
    double expected = MetaOracle.solve(task, budget).expectedReturn();
    Policy oracle = new MetaOracle.OraclePolicy();
    double s = 0;
    double ss = 0;
    for (int e = 0; e < n; e++) {
      double r = RUNNER.play(task, oracle, budget, TestRandom.seed("oracle-sim"), e).totalReturn();
      s += r;
      ss += r * r;
    }
    double mean = s / n;
    double se = Math.sqrt((ss / n - mean * mean) / (n - 1));
    assertThat(mean)
        .as("oracle's mean return over %d meta-episodes (SE %s)", n, se)
        .isCloseTo(expected, within(4 * se + 1e-9));
  }

  @Test
  void banditValueIsTheBudgetTimesTheBestArm() {
    BernoulliBanditTask task = BernoulliBanditTask.of(0, 0.3, 0.72, 0.5);
    for (int budget : new int[] {1, 2, 25, 500}) {
      assertThat(MetaOracle.solve(task, budget).expectedReturn())
          .isCloseTo(budget * 0.72, within(1e-12 * budget));
      assertThat(MetaOracle.solve(task, budget).bestAction(budget, 0, 0)).isEqualTo(1);
    }
    // Parameters outside [0, 1] pay with the clamped probability.
    BernoulliBanditTask ood = BernoulliBanditTask.of(1, -0.2, 0.5, 1.3);
    assertThat(MetaOracle.solve(ood, 40).expectedReturn()).isCloseTo(40, within(1e-12));
  }

  @Test
  void randomMdpValueIsThreeOptimalEpisodes() {
    for (int i = 0; i < 5; i++) {
      TableMdpTask task = TableMdpTask.random(i, 10, 5, 10, TestRandom.rng("oracle-mdp", i));
      double[][] v = optimalEpisodeValues(task, 10);
      assertThat(MetaOracle.solve(task, 30).expectedReturn())
          .as("task %d, H = 30", i)
          .isCloseTo(3 * v[10][0], within(1e-9));
      // A budget that is not a multiple of TH ends with a shorter episode.
      assertThat(MetaOracle.solve(task, 25).expectedReturn())
          .as("task %d, H = 25", i)
          .isCloseTo(2 * v[10][0] + v[5][0], within(1e-9));
      // H < TH: one truncated episode.
      assertThat(MetaOracle.solve(task, 7).expectedReturn()).isCloseTo(v[7][0], within(1e-9));
    }
  }

  @Test
  void randomMdpBestActionIsTheOptimalActionOfTheStepsLeftInTheEpisode() {
    TableMdpTask task = TableMdpTask.random(9, 6, 4, 10, TestRandom.rng("oracle-actions"));
    double[][] v = optimalEpisodeValues(task, 10);
    MetaOracle oracle = MetaOracle.solve(task, 30);
    for (int remaining = 30; remaining >= 1; remaining--) {
      int tau = (30 - remaining) % 10;
      int left = 10 - tau;
      for (int s = 0; s < task.states(); s++) {
        int a = oracle.bestAction(remaining, s, tau);
        double best = Double.NEGATIVE_INFINITY;
        double chosen = 0;
        for (int b = 0; b < task.actions(); b++) {
          double q = task.meanReward(s, b);
          for (int next = 0; next < task.states(); next++) {
            q += task.transition(s, b, next) * v[left - 1][next];
          }
          best = Math.max(best, q);
          if (b == a) {
            chosen = q;
          }
        }
        assertThat(chosen)
            .as("remaining %d, τ %d, state %d", remaining, tau, s)
            .isCloseTo(best, within(1e-9));
      }
    }
  }

  @Test
  void chainValuesIncludeTheRestartsAfterTheGoal() {
    // 0 → 1 → 2 (goal): right pays 1 on entering the goal, stay pays 0.3. With H = 5 the best is
    // two trips to the goal (2 steps each) and one stay: 2.3.
    TableMdpTask two = TableMdpTask.chain(2, 0.3, 10);
    assertThat(MetaOracle.solve(two, 1).expectedReturn()).isCloseTo(0.3, within(1e-12));
    assertThat(MetaOracle.solve(two, 2).expectedReturn()).isCloseTo(1.0, within(1e-12));
    assertThat(MetaOracle.solve(two, 5).expectedReturn()).isCloseTo(2.3, within(1e-12));
    assertThat(MetaOracle.solve(two, 100).expectedReturn()).isCloseTo(50, within(1e-9));
    // With one step left, staying beats moving right from the start.
    assertThat(MetaOracle.solve(two, 5).bestAction(1, 0, 0)).isEqualTo(0);
    assertThat(MetaOracle.solve(two, 5).bestAction(1, 1, 0)).isEqualTo(1);
  }

  @Test
  void chainValuesRespectTheTaskHorizon() {
    // 0 → 1 → 2 → 3 (goal) needs three steps. TH = 2: the goal is out of reach, stay every step.
    assertThat(MetaOracle.solve(TableMdpTask.chain(3, 0.3, 2), 7).expectedReturn())
        .isCloseTo(7 * 0.3, within(1e-12));
    // TH = 3: two full trips (1 each beats 3 stays, 0.9) and a last one-step episode: 2.3.
    MetaOracle oracle = MetaOracle.solve(TableMdpTask.chain(3, 0.3, 3), 7);
    assertThat(oracle.expectedReturn()).isCloseTo(2.3, within(1e-12));
    // At the last step of an episode, from state 1 moving right only gets truncated: stay. From
    // state 2 it enters the goal.
    assertThat(oracle.bestAction(5, 1, 2)).isEqualTo(0);
    assertThat(oracle.bestAction(5, 2, 2)).isEqualTo(1);
    assertThat(oracle.bestAction(5, 0, 0)).isEqualTo(1);
    // Stay 0.4: 3 stays (1.2) beat a trip (1).
    assertThat(MetaOracle.solve(TableMdpTask.chain(3, 0.4, 3), 6).expectedReturn())
        .isCloseTo(2.4, within(1e-12));
  }

  @Test
  void oraclePolicyAchievesTheValueOnADeterministicChain() {
    TableMdpTask chain = TableMdpTask.chain(3, 0.3, 3);
    Trajectory t = RUNNER.play(chain, new MetaOracle.OraclePolicy(), 7, 1, 0);
    assertThat(t.totalReturn()).isCloseTo(2.3, within(1e-6));
    assertThat(t.actions()).containsExactly(1, 1, 1, 1, 1, 1, 0);
    TableMdpTask two = TableMdpTask.chain(2, 0.3, 10);
    assertThat(RUNNER.play(two, new MetaOracle.OraclePolicy(), 5, 1, 0).totalReturn())
        .isCloseTo(2.3, within(1e-6));
  }

  @Test
  void oraclePolicyAchievesTheValueInSimulation() {
    assertOracleAchievesItsValue(
        TableMdpTask.random(3, 10, 5, 10, TestRandom.rng("oracle-sim-mdp")), 30, 1000);
    assertOracleAchievesItsValue(BernoulliBanditTask.of(5, 0.2, 0.65, 0.6, 0.1), 20, 2000);
  }

  @Test
  void oraclePolicyHasACanonicalName() {
    assertThat(new MetaOracle.OraclePolicy().name()).isEqualTo("oracle");
  }
}
