package org.rl3spark.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ValueIterationTest {

  private static final double TOL = 1e-12;

  /**
   * A three-state MDP solved by hand below. Actions 0 and 1; state 2 absorbing.
   *
   * <pre>
   *   s0, a0: → s0 (p 1),   r 1        ("stay and earn 1")
   *   s0, a1: → s1 (p 1),   r 0
   *   s1, a0: → s2 (p 1),   r 5        (terminal)
   *   s1, a1: → s0 (p 0.5), r 2;  → s1 (p 0.5), r 0
   * </pre>
   */
  static SparseModel threeStates() {
    return new SparseModel.Builder(3, 2)
        .add(0, 0, 0, 1.0, 1.0)
        .add(0, 1, 1, 1.0, 0.0)
        .add(1, 0, 2, 1.0, 5.0)
        .add(1, 1, 0, 0.5, 2.0)
        .add(1, 1, 1, 0.5, 0.0)
        .absorbing(2)
        .build();
  }

  @Test
  void finiteHorizonValuesUndiscounted() {
    // γ = 1.
    // h=1: Q(0,·) = (1, 0) → V1(0) = 1;  Q(1,·) = (5, ½·2 + ½·0 = 1) → V1(1) = 5;  V1(2) = 0.
    // h=2: Q(0,·) = (1 + V1(0), 0 + V1(1)) = (2, 5) → 5;
    //      Q(1,·) = (5 + V1(2), ½(2 + V1(0)) + ½ V1(1)) = (5, 1.5 + 2.5 = 4) → 5.
    // h=3: Q(0,·) = (1 + 5, 5) = (6, 5) → 6;  Q(1,·) = (5, ½(2 + 5) + ½·5 = 6) → 6.
    double[][] v = ValueIteration.finiteHorizon(threeStates(), 3, 1.0);
    assertThat(v[0]).containsExactly(0, 0, 0);
    assertThat(v[1]).containsExactly(new double[] {1, 5, 0}, within(TOL));
    assertThat(v[2]).containsExactly(new double[] {5, 5, 0}, within(TOL));
    assertThat(v[3]).containsExactly(new double[] {6, 6, 0}, within(TOL));
    assertThat(ValueIteration.finiteHorizonQ(threeStates(), v, 3, 1.0))
        .containsExactly(new double[] {6, 5, 5, 6, 0, 0}, within(TOL));
    assertThat(ValueIteration.finiteHorizonQ(threeStates(), v, 2, 1.0))
        .containsExactly(new double[] {2, 5, 5, 4, 0, 0}, within(TOL));
  }

  @Test
  void finiteHorizonValuesDiscounted() {
    // γ = 0.9.
    // h=1: as undiscounted: V1 = (1, 5, 0).
    // h=2: Q(0,·) = (1 + 0.9·1, 0.9·5) = (1.9, 4.5) → 4.5;
    //      Q(1,·) = (5, ½(2 + 0.9·1) + ½(0.9·5)) = (5, 1.45 + 2.25 = 3.7) → 5.
    // h=3: Q(0,·) = (1 + 0.9·4.5, 0.9·5) = (5.05, 4.5) → 5.05;
    //      Q(1,·) = (5, ½(2 + 0.9·4.5) + ½(0.9·5)) = (5, 3.025 + 2.25 = 5.275) → 5.275.
    double[][] v = ValueIteration.finiteHorizon(threeStates(), 3, 0.9);
    assertThat(v[1]).containsExactly(new double[] {1, 5, 0}, within(TOL));
    assertThat(v[2]).containsExactly(new double[] {4.5, 5, 0}, within(TOL));
    assertThat(v[3]).containsExactly(new double[] {5.05, 5.275, 0}, within(TOL));
    assertThat(ValueIteration.finiteHorizonQ(threeStates(), v, 3, 0.9))
        .containsExactly(new double[] {5.05, 4.5, 5, 5.275, 0, 0}, within(TOL));
  }

  @Test
  void coldSweepsFromZeroComputeTheFiniteHorizonValues() {
    // Without early stopping (ε = 0), k sweeps from q = v = 0 are k steps of backward induction.
    for (double gamma : new double[] {1.0, 0.9}) {
      double[][] exact = ValueIteration.finiteHorizon(threeStates(), 3, gamma);
      for (int k = 1; k <= 3; k++) {
        double[] q = new double[6];
        double[] v = new double[3];
        int sweeps = ValueIteration.sweep(threeStates(), gamma, k, 0.0, q, v);
        assertThat(sweeps).isEqualTo(k);
        assertThat(v).containsExactly(exact[k], within(TOL));
        assertThat(q)
            .containsExactly(
                ValueIteration.finiteHorizonQ(threeStates(), exact, k, gamma), within(TOL));
      }
    }
  }

  @Test
  void absorbingStatesHaveZeroValue() {
    double[] q = new double[6];
    double[] v = new double[3];
    ValueIteration.sweep(threeStates(), 0.9, 500, 1e-12, q, v);
    assertThat(v[2]).isZero();
    assertThat(q[4]).isZero();
    assertThat(q[5]).isZero();
  }

  /** One state, one action, reward 1, self-loop. With γ = ½, sweep k gives q_k = 2(1 − 2^−k). */
  private static SparseModel selfLoop() {
    return new SparseModel.Builder(1, 1).add(0, 0, 0, 1.0, 1.0).build();
  }

  @Test
  void sweepStopsAtTheFirstSweepWhoseChangeIsBelowEpsilon() {
    // The change at sweep k is q_k − q_{k−1} = 2^−(k−1): 1, ½, ¼, ..., 2^−7 = 0.0078125 at k = 8.
    // ε = 0.01: first change < 0.01 is at k = 8.
    double[] q = new double[1];
    double[] v = new double[1];
    assertThat(ValueIteration.sweep(selfLoop(), 0.5, 100, 0.01, q, v)).isEqualTo(8);
    assertThat(q[0]).isEqualTo(2 * (1 - 0x1p-8));
    assertThat(v[0]).isEqualTo(q[0]);
    // ε = 2^−7 exactly: the comparison is strict, so sweep 8 (change 2^−7) continues; sweep 9
    // stops.
    q = new double[1];
    v = new double[1];
    assertThat(ValueIteration.sweep(selfLoop(), 0.5, 100, 0x1p-7, q, v)).isEqualTo(9);
    assertThat(q[0]).isEqualTo(2 * (1 - 0x1p-9));
  }

  @Test
  void sweepRespectsTheCap() {
    double[] q = new double[1];
    double[] v = new double[1];
    assertThat(ValueIteration.sweep(selfLoop(), 0.5, 5, 0.01, q, v)).isEqualTo(5);
    assertThat(q[0]).isEqualTo(2 * (1 - 0x1p-5)); // 1.9375
    assertThat(ValueIteration.sweep(selfLoop(), 0.5, 0, 0.01, new double[1], new double[1]))
        .isZero();
  }

  @Test
  void warmAndColdStartsReachTheSameFixedPoint() {
    // Fixed point of threeStates() with γ = 0.9, by hand:
    // guess V(0) = 1 + 0.9 V(0) → V(0) = 10; V(1) = ½(2 + 0.9·10) + 0.45 V(1) → V(1) = 5.5/0.55 =
    // 10.
    // Check the maxima: Q(0,·) = (10, 0.9·10 = 9), Q(1,·) = (5, 10), V(2) = 0. Consistent.
    double[] expectedQ = {10, 9, 5, 10, 0, 0};
    double[] cold = new double[6];
    double[] coldV = new double[3];
    ValueIteration.sweep(threeStates(), 0.9, 100_000, 1e-13, cold, coldV);
    double[] warm = new double[6];
    Arrays.fill(warm, 50.0);
    double[] warmV = {50, 50, 50};
    ValueIteration.sweep(threeStates(), 0.9, 100_000, 1e-13, warm, warmV);
    assertThat(cold).containsExactly(expectedQ, within(1e-9));
    assertThat(warm).containsExactly(expectedQ, within(1e-9));
    assertThat(coldV).containsExactly(new double[] {10, 10, 0}, within(1e-9));
    assertThat(warmV).containsExactly(new double[] {10, 10, 0}, within(1e-9));
  }

  @Test
  void warmStartAtTheFixedPointStopsAfterOneSweep() {
    // q is read as the starting point: starting at the fixed point, the first sweep changes
    // nothing.
    double[] q = {10, 9, 5, 10, 0, 0};
    double[] v = {10, 10, 0};
    assertThat(ValueIteration.sweep(threeStates(), 0.9, 100, 1e-9, q, v)).isEqualTo(1);
    assertThat(q).containsExactly(new double[] {10, 9, 5, 10, 0, 0}, within(1e-12));
  }

  @Test
  void finiteHorizonArgumentChecks() {
    assertThatThrownBy(() -> ValueIteration.finiteHorizon(threeStates(), -1, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("horizon");
    double[][] v = ValueIteration.finiteHorizon(threeStates(), 2, 1.0);
    assertThatThrownBy(() -> ValueIteration.finiteHorizonQ(threeStates(), v, 3, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("steps-to-go");
    assertThatThrownBy(() -> ValueIteration.finiteHorizonQ(threeStates(), v, 0, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void argmaxTakesTheFirstMaximum() {
    double[] q = {1, 3, 3, 0, /* s1 */ -1, -2, -1, -5};
    assertThat(ValueIteration.argmax(q, 0, 4)).isEqualTo(1);
    assertThat(ValueIteration.argmax(q, 1, 4)).isEqualTo(0);
    double[] v = new double[2];
    ValueIteration.maxOverActions(q, 2, 4, v);
    assertThat(v).containsExactly(3, -1);
  }
}
