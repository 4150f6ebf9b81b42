package org.rl3spark.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.model.SparseModel;
import org.rl3spark.core.model.ValueIteration;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.testing.ModelTask;
import org.rl3spark.core.testing.TestTasks;
import org.rl3spark.core.vamdp.QSource;
import org.rl3spark.core.vamdp.VamdpConfig;

class QEstimateTraceTest {

  /** The MDP family's code defaults: γ 0.95, ε 0.01, sweeps = task horizon, λ 0.1, all states. */
  private static final VamdpConfig CODE =
      new VamdpConfig(0.95, 0.01, 0, 0.1, 10, 10, false, false, QSource.LATEST_VI, 0, 1);

  private static ModelTask task(SparseModel m) {
    return new ModelTask(TestTasks.id("trace", 0), m, 0, 10, TestTasks.oneHot(m.numStates()));
  }

  @Test
  void sameSeedsSameTraceAndTheShapeIsStepsByTable() {
    ModelTask t = TestTasks.randomMdp(new Rng(1), 3, 2, 10, 0);
    double[][] a = QEstimateTrace.run(t.newEnv(), CODE, 10, 50, 10, new Rng(2), new Rng(3));
    double[][] b = QEstimateTrace.run(t.newEnv(), CODE, 10, 50, 10, new Rng(2), new Rng(3));
    double[][] c = QEstimateTrace.run(t.newEnv(), CODE, 10, 50, 10, new Rng(2), new Rng(4));
    assertThat(a.length).isEqualTo(50);
    assertThat(a[0]).hasSize(6);
    assertThat(a).isDeepEqualTo(b);
    assertThat(a[49]).isNotEqualTo(c[49]);
  }

  @Test
  void convergesToTheTrueModelsSolutionWithTheSameSettings() {
    // Deterministic rewards per (s, a); after many steps the learned model is the true model
    // (up to Laplace smoothing, λ n / N(s, a) → 0), so the estimates approach the same solver's
    // Q on the true model.
    double[] t = {0.7, 0.2, 0.1, 0.1, 0.1, 0.8, 0.3, 0.3, 0.4, 0.5, 0.5, 0, 0.2, 0.6, 0.2, 1, 0, 0};
    double[] r = {1, 0.5, -0.2, 2, 1.5, 0};
    SparseModel m = QTablesTest.model(3, 2, t, r);
    double[][] trace =
        QEstimateTrace.run(task(m).newEnv(), CODE, 10, 20_000, 10, new Rng(5), new Rng(6));
    double[] q = new double[6];
    ValueIteration.sweep(m, 0.95, 10, 0.01, q, new double[3]);
    assertThat(trace[19_999]).containsExactly(q, within(0.03));
  }

  @Test
  void restartsAtTheStartStateEveryEpisode() {
    // From s0 every action leads to s1; s1 pays +5 for a0 and −5 for a1 and loops.
    double[] t = {0, 1, 0, 1, 0, 1, 0, 1};
    SparseModel m = QTablesTest.model(2, 2, t, new double[] {0, 0, 5, -5});
    // Episodes of one step never act in s1: its two actions stay unseen and look alike.
    double[][] oneStep =
        QEstimateTrace.run(task(m).newEnv(), CODE, 10, 30, 1, new Rng(7), new Rng(8));
    assertThat(oneStep[29][2]).isEqualTo(oneStep[29][3]);
    // One long episode acts in s1 and learns that a0 is better there.
    double[][] single =
        QEstimateTrace.run(task(m).newEnv(), CODE, 10, 30, 0, new Rng(7), new Rng(8));
    assertThat(single[29][2] - single[29][3]).isGreaterThan(5);
  }
}
