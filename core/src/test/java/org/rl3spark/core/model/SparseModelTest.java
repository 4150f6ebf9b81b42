package org.rl3spark.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.testing.Serialization;

class SparseModelTest {

  @Test
  void rowsMustSumToOne() {
    SparseModel.Builder b = new SparseModel.Builder(2, 1).add(0, 0, 0, 0.5, 0).add(0, 0, 1, 0.4, 0);
    b.add(1, 0, 1, 1.0, 0);
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(s=0, a=0)")
        .hasMessageContaining("not 1");
  }

  @Test
  void aRowWithNoTransitionIsRejected() {
    SparseModel.Builder b = new SparseModel.Builder(2, 2).add(0, 0, 1, 1.0, 0).absorbing(1);
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(s=0, a=1) sum to 0.0");
  }

  @Test
  void duplicateSuccessorsAreMerged() {
    SparseModel m =
        new SparseModel.Builder(2, 1)
            .add(0, 0, 1, 0.25, 3.0)
            .add(0, 0, 0, 0.5, -1.0)
            .add(0, 0, 1, 0.25, 3.0)
            .absorbing(1)
            .build();
    assertThat(m.successorCount(0, 0)).isEqualTo(2);
    assertThat(m.transitionProbability(0, 0, 1)).isEqualTo(0.5);
    assertThat(m.transitionProbability(0, 0, 0)).isEqualTo(0.5);
    // R(0,0) = ½·3 + ½·(−1) = 1.
    assertThat(m.expectedReward(0, 0)).isEqualTo(1.0);
  }

  @Test
  void conflictingRewardsForOneTransitionAreRejected() {
    SparseModel.Builder b = new SparseModel.Builder(2, 1).add(0, 0, 1, 0.5, 3.0);
    assertThatThrownBy(() -> b.add(0, 0, 1, 0.5, 4.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two different rewards")
        .hasMessageContaining("(0, 0, 1)");
  }

  @Test
  void invalidEntriesAreRejected() {
    SparseModel.Builder b = new SparseModel.Builder(2, 1);
    assertThatThrownBy(() -> b.add(0, 0, 1, -0.1, 0)).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> b.add(0, 0, 1, Double.NaN, 0)).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> b.add(0, 0, 1, 0.5, Double.POSITIVE_INFINITY))
        .hasMessageContaining("reward must be finite");
    assertThatThrownBy(() -> b.add(0, 0, 2, 0.5, 0)).hasMessageContaining("outside [0, 2)");
    assertThatThrownBy(() -> new SparseModel.Builder(0, 1)).hasMessageContaining("at least one");
  }

  @Test
  void absorbingReplacesEarlierTransitionsWithARewardFreeSelfLoop() {
    SparseModel m =
        new SparseModel.Builder(2, 2)
            .add(1, 0, 0, 1.0, 7.0)
            .absorbing(1)
            .add(0, 0, 1, 1.0, 1.0)
            .add(0, 1, 0, 1.0, 1.0)
            .build();
    assertThat(m.isAbsorbing(1)).isTrue();
    assertThat(m.isAbsorbing(0)).isFalse();
    for (int a = 0; a < 2; a++) {
      assertThat(m.transitionProbability(1, a, 1)).isEqualTo(1.0);
      assertThat(m.transitionProbability(1, a, 0)).isZero();
      assertThat(m.expectedReward(1, a, 1)).isZero();
    }
  }

  @Test
  void sparseBackupEqualsTheGenericDefinition() {
    Rng rng = Seeds.rng(0L, "test/sparse-model/backup");
    int n = 6;
    int na = 3;
    SparseModel.Builder b = new SparseModel.Builder(n, na);
    double[] row = new double[n];
    for (int s = 0; s < n - 1; s++) {
      for (int a = 0; a < na; a++) {
        rng.nextDirichlet(0.5, row, 0, n);
        for (int t = 0; t < n; t++) {
          b.add(s, a, t, row[t], rng.nextGaussian());
        }
      }
    }
    SparseModel m = b.absorbing(n - 1).build();
    double[] v = new double[n];
    for (int s = 0; s < n; s++) {
      v[s] = 10 * rng.nextGaussian();
    }
    double[] fast = new double[n * na];
    m.backup(0.9, v, fast);
    for (int s = 0; s < n; s++) {
      for (int a = 0; a < na; a++) {
        double expected = 0;
        double r = 0;
        for (int t = 0; t < n; t++) {
          expected += m.transitionProbability(s, a, t) * (m.expectedReward(s, a, t) + 0.9 * v[t]);
          r += m.transitionProbability(s, a, t) * m.expectedReward(s, a, t);
        }
        assertThat(fast[s * na + a]).isCloseTo(expected, within(1e-12));
        assertThat(m.expectedReward(s, a)).isCloseTo(r, within(1e-12));
      }
    }
  }

  @Test
  void sampleSuccessorIndexFollowsTheCumulativeProbabilities() {
    SparseModel m =
        new SparseModel.Builder(3, 1)
            .add(0, 0, 2, 0.25, 0)
            .add(0, 0, 0, 0.75, 0)
            .absorbing(1)
            .absorbing(2)
            .build();
    // Successors in insertion order: [2 (0.25), 0 (0.75)].
    assertThat(m.successor(0, 0, m.sampleSuccessorIndex(0, 0, 0.0))).isEqualTo(2);
    assertThat(m.successor(0, 0, m.sampleSuccessorIndex(0, 0, 0.2499))).isEqualTo(2);
    assertThat(m.successor(0, 0, m.sampleSuccessorIndex(0, 0, 0.25))).isEqualTo(0);
    assertThat(m.successor(0, 0, m.sampleSuccessorIndex(0, 0, 0.9999999))).isEqualTo(0);
    assertThat(m.successorProbability(0, 0, 1)).isEqualTo(0.75);
  }

  @Test
  void serialisedModelIsEqualEntryByEntry() {
    SparseModel m = ValueIterationTest.threeStates();
    SparseModel copy = Serialization.roundTrip(m);
    for (int s = 0; s < 3; s++) {
      for (int a = 0; a < 2; a++) {
        for (int t = 0; t < 3; t++) {
          assertThat(copy.transitionProbability(s, a, t))
              .isEqualTo(m.transitionProbability(s, a, t));
          assertThat(copy.expectedReward(s, a, t)).isEqualTo(m.expectedReward(s, a, t));
        }
      }
    }
  }
}
