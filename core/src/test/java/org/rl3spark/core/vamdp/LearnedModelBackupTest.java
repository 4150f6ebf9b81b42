package org.rl3spark.core.vamdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.testing.TestTasks;

/**
 * The learned model's fast {@link LearnedModel#backup} (smoothing mass summed once per sweep) must
 * equal the definition Σ_s' T(s,a,s')(R(s,a,s') + γ v[s']) that {@link TabularModel}'s default
 * method computes from the entry-wise accessors, on random scripted histories.
 */
class LearnedModelBackupTest {

  /** A view exposing only the entry-wise accessors, so that the interface's default backup runs. */
  private static TabularModel entryWise(LearnedModel m) {
    return new TabularModel() {
      @Override
      public int numStates() {
        return m.numStates();
      }

      @Override
      public int numActions() {
        return m.numActions();
      }

      @Override
      public boolean isAbsorbing(int s) {
        return m.isAbsorbing(s);
      }

      @Override
      public double transitionProbability(int s, int a, int next) {
        return m.transitionProbability(s, a, next);
      }

      @Override
      public double expectedReward(int s, int a, int next) {
        return m.expectedReward(s, a, next);
      }
    };
  }

  @ParameterizedTest(name = "{0} λ={1}")
  @CsvSource({
    "full, 0.1", "full, 0.01", "full, 0.0",
    "incremental, 0.1", "incremental, 0.01", "incremental, 0.0",
    "coarse, 0.1", "coarse, 0.01"
  })
  void fastBackupEqualsTheGenericDefinition(String kind, double laplace) {
    int side = 5;
    int concrete = side * side;
    int na = 3;
    StateClusterer clusterer =
        kind.equals("coarse") ? new StateClusterer(0.25, 2, TestTasks.gridCoordinates(side)) : null;
    LearnedModel m = new LearnedModel(concrete, na, laplace, !kind.equals("full"), clusterer);
    TabularModel reference = entryWise(m);
    Rng rng = Seeds.rng(0L, "test/learned-model/backup/" + kind, Double.doubleToLongBits(laplace));
    int checks = 0;
    for (int t = 1; t <= 400; t++) {
      // Random walk-ish history: mostly a few hot states, some rare ones; 5% terminal.
      int s = rng.nextDouble() < 0.7 ? rng.nextInt(6) : rng.nextInt(concrete);
      int next = rng.nextDouble() < 0.7 ? rng.nextInt(6) : rng.nextInt(concrete);
      m.update(s, rng.nextInt(na), 3 * rng.nextGaussian(), next, rng.nextDouble() < 0.05);
      if (t % 20 != 0) {
        continue;
      }
      int n = m.numStates();
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = 5 * rng.nextGaussian();
      }
      for (double gamma : new double[] {0.95, 1.0}) {
        double[] fast = new double[n * na];
        double[] generic = new double[n * na];
        m.backup(gamma, v, fast);
        reference.backup(gamma, v, generic);
        assertThat(fast).containsExactly(generic, within(1e-12));
        checks++;
      }
      for (int i = 0; i < n; i++) {
        for (int a = 0; a < na; a++) {
          double sum = 0;
          for (int j = 0; j < n; j++) {
            sum += m.transitionProbability(i, a, j);
          }
          assertThat(sum).as("row (%d, %d) sums to 1", i, a).isCloseTo(1.0, within(1e-12));
        }
      }
    }
    assertThat(checks).isEqualTo(40);
    assertThat(m.numStates()).isGreaterThan(6);
  }
}
