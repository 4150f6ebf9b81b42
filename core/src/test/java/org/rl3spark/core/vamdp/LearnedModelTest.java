package org.rl3spark.core.vamdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The learned model against hand-computed values of reference §3.5 on scripted transitions. */
class LearnedModelTest {

  private static final double TOL = 1e-12;

  private static double[] row(LearnedModel m, int s, int a) {
    double[] t = new double[m.numStates()];
    for (int next = 0; next < t.length; next++) {
      t[next] = m.transitionProbability(s, a, next);
    }
    return t;
  }

  @Test
  void nonIncrementalModelKnowsAllStatesAndIsUniformBeforeAnyData() {
    LearnedModel m = new LearnedModel(3, 2, 0.1, false, null);
    assertThat(m.numStates()).isEqualTo(3);
    assertThat(m.isIncremental()).isFalse();
    for (int s = 0; s < 3; s++) {
      assertThat(m.idOf(s)).isEqualTo(s);
      for (int a = 0; a < 2; a++) {
        assertThat(row(m, s, a))
            .containsExactly(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, within(TOL));
        for (int next = 0; next < 3; next++) {
          assertThat(m.expectedReward(s, a, next)).isZero();
        }
      }
    }
  }

  @Test
  void laplaceSmoothedFrequenciesAndTupleRewardMeans() {
    LearnedModel m = new LearnedModel(3, 2, 0.1, false, null);
    m.update(0, 0, 1.0, 1, false);
    m.update(0, 0, 3.0, 1, false);
    m.update(0, 0, 2.0, 2, false);
    // N(0,0) = 3, N(0,0,·) = (0, 2, 1); denominator 3 + 0.1·3 = 3.3.
    assertThat(m.visits(0, 0)).isEqualTo(3);
    assertThat(row(m, 0, 0))
        .containsExactly(new double[] {0.1 / 3.3, 2.1 / 3.3, 1.1 / 3.3}, within(TOL));
    // Rewards: running mean per (s, a, s'): (1 + 3)/2 = 2 for s' = 1, 2 for s' = 2, 0 unseen.
    assertThat(m.expectedReward(0, 0, 1)).isCloseTo(2.0, within(TOL));
    assertThat(m.expectedReward(0, 0, 2)).isCloseTo(2.0, within(TOL));
    assertThat(m.expectedReward(0, 0, 0)).isZero();
    // R(0,0) = (2.1·2 + 1.1·2 + 0.1·0)/3.3 = 6.4/3.3.
    assertThat(m.expectedReward(0, 0)).isCloseTo(6.4 / 3.3, within(TOL));
    // The other action of state 0 is still unseen: uniform, reward 0.
    assertThat(m.visits(0, 1)).isZero();
    assertThat(row(m, 0, 1)).containsExactly(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, within(TOL));
    // A third reward on (0,0,1): mean of 1, 3, 5 = 3.
    m.update(0, 0, 5.0, 1, false);
    assertThat(m.expectedReward(0, 0, 1)).isCloseTo(3.0, within(TOL));
    assertThat(row(m, 0, 0))
        .containsExactly(new double[] {0.1 / 4.3, 3.1 / 4.3, 1.1 / 4.3}, within(TOL));
  }

  @Test
  void successorOfATerminalTransitionBecomesAnAbsorbingSelfLoopWithZeroReward() {
    LearnedModel m = new LearnedModel(3, 2, 0.1, false, null);
    m.update(1, 1, -1.0, 2, true);
    assertThat(m.isAbsorbing(2)).isTrue();
    assertThat(m.isAbsorbing(1)).isFalse();
    // The terminal transition itself is learned normally: (0.1, 0.1, 1.1)/1.3, reward −1 into 2.
    assertThat(row(m, 1, 1))
        .containsExactly(new double[] {0.1 / 1.3, 0.1 / 1.3, 1.1 / 1.3}, within(TOL));
    assertThat(m.expectedReward(1, 1, 2)).isEqualTo(-1.0);
    for (int a = 0; a < 2; a++) {
      assertThat(row(m, 2, a)).containsExactly(0.0, 0.0, 1.0);
      assertThat(m.expectedReward(2, a, 2)).isZero();
    }
    // A truncation (not terminal) does not make its successor absorbing.
    m.update(0, 0, 1.0, 1, false);
    assertThat(m.isAbsorbing(1)).isFalse();
  }

  @Test
  void absorbingStateOverridesItsOwnRecordedTransitions() {
    LearnedModel m = new LearnedModel(2, 1, 0.1, false, null);
    m.update(1, 0, 7.0, 0, false);
    m.update(0, 0, 1.0, 1, true);
    assertThat(m.visits(1, 0)).isEqualTo(1);
    assertThat(row(m, 1, 0)).containsExactly(0.0, 1.0);
    assertThat(m.expectedReward(1, 0, 0)).isZero();
  }

  @Test
  void incrementalIdsFollowFirstEncounterWithSourceBeforeSuccessor() {
    LearnedModel m = new LearnedModel(10, 2, 0.1, true, null);
    assertThat(m.numStates()).isZero();
    assertThat(m.idOf(5)).isEqualTo(-1);
    m.update(5, 0, 1.0, 7, false);
    assertThat(m.idOf(5)).isZero();
    assertThat(m.idOf(7)).isEqualTo(1);
    assertThat(m.numStates()).isEqualTo(2);
    // T(0,0,·) over the 2 known states: (0.1, 1.1)/(1 + 0.2).
    assertThat(row(m, 0, 0)).containsExactly(new double[] {0.1 / 1.2, 1.1 / 1.2}, within(TOL));
    // Unseen pair: uniform over the known states.
    assertThat(row(m, 1, 0)).containsExactly(new double[] {0.5, 0.5}, within(TOL));

    m.update(8, 1, 2.0, 9, false); // both new: 8 gets 2, then 9 gets 3
    assertThat(m.idOf(8)).isEqualTo(2);
    assertThat(m.idOf(9)).isEqualTo(3);
    m.update(7, 1, 0.0, 7, false); // both known: no new id
    m.update(3, 0, 0.0, 3, false); // a new state looping on itself gets one id
    assertThat(m.idOf(3)).isEqualTo(4);
    assertThat(m.numStates()).isEqualTo(5);
    // Smoothing mass is spread over all states known now: (0.1, 1.1, 0.1, 0.1, 0.1)/(1 + 0.5).
    assertThat(row(m, 0, 0))
        .containsExactly(
            new double[] {0.1 / 1.5, 1.1 / 1.5, 0.1 / 1.5, 0.1 / 1.5, 0.1 / 1.5}, within(TOL));
    assertThat(m.expectedReward(0, 0, 1)).isEqualTo(1.0);
    assertThat(m.idOf(0)).isEqualTo(-1);
  }

  @Test
  void unseenPairIsUniformOverAllKnownStatesIncludingItselfAndAbsorbingOnes() {
    LearnedModel m = new LearnedModel(10, 2, 0.1, true, null);
    m.update(5, 0, 1.0, 7, false); // ids 0, 1
    m.update(8, 1, 2.0, 9, false); // ids 2, 3
    m.update(9, 0, 4.0, 5, true); // id 0 becomes absorbing
    assertThat(m.isAbsorbing(0)).isTrue();
    assertThat(row(m, 0, 0)).containsExactly(1.0, 0.0, 0.0, 0.0);
    // Unseen (id 2, action 0): 1/4 to each known state, including itself (2) and absorbing 0.
    assertThat(row(m, 2, 0)).containsExactly(new double[] {0.25, 0.25, 0.25, 0.25}, within(TOL));
    for (int next = 0; next < 4; next++) {
      assertThat(m.expectedReward(2, 0, next)).isZero();
    }
  }

  @Test
  void zeroLaplaceGivesMaximumLikelihoodFrequencies() {
    LearnedModel m = new LearnedModel(3, 1, 0.0, false, null);
    m.update(0, 0, 0.0, 1, false);
    m.update(0, 0, 0.0, 2, false);
    m.update(0, 0, 0.0, 2, false);
    m.update(0, 0, 0.0, 2, false);
    assertThat(row(m, 0, 0)).containsExactly(new double[] {0, 0.25, 0.75}, within(TOL));
  }

  @Test
  void abstractionRequiresIncrementalStates() {
    StateClusterer c = new StateClusterer(0.1, 2, new float[][] {{0f}, {1f}});
    assertThatThrownBy(() -> new LearnedModel(2, 1, 0.1, false, c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("incremental");
  }

  @Test
  void manyStatesGrowTheStorage() {
    LearnedModel m = new LearnedModel(100, 3, 0.1, true, null);
    for (int s = 0; s < 99; s++) {
      m.update(s, s % 3, s, s + 1, false);
    }
    assertThat(m.numStates()).isEqualTo(100);
    for (int s = 0; s < 99; s++) {
      assertThat(m.idOf(s)).isEqualTo(s);
      assertThat(m.visits(s, s % 3)).isEqualTo(1);
      assertThat(m.expectedReward(s, s % 3, s + 1)).isEqualTo(s);
      assertThat(m.transitionProbability(s, s % 3, s + 1)).isCloseTo(1.1 / 11.0, within(TOL));
    }
  }
}
