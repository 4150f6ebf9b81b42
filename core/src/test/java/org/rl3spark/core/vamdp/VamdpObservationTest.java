package org.rl3spark.core.vamdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rl3spark.core.testing.TestTasks.RIGHT;
import static org.rl3spark.core.testing.TestTasks.STAY;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.testing.TestTasks;

/**
 * The VAMDP observation after a scripted sequence on a deterministic chain 0 → 1 → 2 (2 absorbing),
 * against Q-values computed by hand (γ 0.95, λ 0.1, ε 0.01, sweep cap 2, states added on visit).
 */
class VamdpObservationTest {

  private static final double G = 0.95;
  private static final float TOL = 1e-6f;

  /**
   * One-hot states (m = 3), 2 actions: layout [enc 0..2 | adv 3,4 | V 5 | SE 6,7 | SE 8 | N 9,10].
   */
  static Vamdp chainVamdp(QSource source) {
    VamdpConfig config = new VamdpConfig(G, 0.01, 0, 0.1, 10.0, 10.0, false, true, source, 0, 1);
    // Chain: STAY pays −1, RIGHT pays −1 into state 1 and +10 into the absorbing state 2.
    return new Vamdp(TestTasks.chain(3, -1, -1, 10, 100).newEnv(), config, 2);
  }

  static float[] observe(Vamdp v) {
    float[] out = new float[v.observationSize()];
    v.observe(out, 0);
    return out;
  }

  static float[] obs(float[] enc, double adv0, double adv1, double value, double n0, double n1) {
    float[] o = new float[enc.length + 8];
    System.arraycopy(enc, 0, o, 0, enc.length);
    int m = enc.length;
    o[m] = (float) adv0;
    o[m + 1] = (float) adv1;
    o[m + 2] = (float) value;
    o[m + 6] = (float) n0;
    o[m + 7] = (float) n1;
    return o;
  }

  @Test
  void layoutMatchesTheSpec() {
    Vamdp v = chainVamdp(QSource.LATEST_VI);
    VamdpLayout l = v.layout();
    assertThat(v.observationSize()).isEqualTo(11).isEqualTo(l.size());
    assertThat(
            new int[] {
              l.state(),
              l.advantages(),
              l.value(),
              l.qStandardErrors(),
              l.vStandardError(),
              l.counts()
            })
        .containsExactly(0, 3, 5, 6, 8, 9);
  }

  @Test
  void observationAfterAScriptedSequenceMatchesHandComputedQ() {
    Vamdp v = chainVamdp(QSource.LATEST_VI);
    v.reset(new Rng(1L));
    float[] s0 = {1, 0, 0};
    float[] s1 = {0, 1, 0};
    float[] s2 = {0, 0, 1};
    // Nothing learned yet: zeros everywhere after the encoding.
    assertThat(observe(v)).containsExactly(obs(s0, 0, 0, 0, 0, 0), within(TOL));

    // 1) 0 --RIGHT, −1--> 1. Known states {0, 1}: T(0,R,·) = (0.1, 1.1)/1.2, R(0,R,1) = −1.
    //    Sweep 1 (from 0): Q(0,R) = −11/12, all unseen pairs 0. Sweep 2: unseen pairs are
    //    0.95·mean(V) = 0 and Q(0,R) = 11/12·(−1 + 0.95·0) + 1/12·(0 + 0.95·0) = −11/12 again:
    //    change 0 < ε, stop after 2 sweeps. State 1 has no data: Q(1,·) = 0.
    Step step = v.step(RIGHT);
    assertThat(step.reward()).isEqualTo(-1.0);
    assertThat(step.terminated()).isFalse();
    assertThat(v.lastSweeps()).isEqualTo(2);
    assertThat(v.solvedQ(0, RIGHT)).isCloseTo(-11.0 / 12, within(1e-12));
    assertThat(v.solvedQ(0, STAY)).isZero();
    assertThat(observe(v)).containsExactly(obs(s1, 0, 0, 0, 0, 0), within(TOL));

    // 2) 1 --STAY, −1--> 1. Same known states, so T(1,S,·) = (0.1, 1.1)/1.2, R(1,S,1) = −1:
    //    Q(1,S) = −11/12 and Q(1,R) = 0 (unseen, V ≡ 0), V(1) = 0.
    //    Observation: advantages (−11/12 − 0, 0)/10, V/10 = 0, counts (1, 0)/10.
    v.step(STAY);
    assertThat(observe(v)).containsExactly(obs(s1, -11.0 / 12 / 10, 0, 0, 0.1, 0), within(TOL));

    // 3) 1 --RIGHT, +10--> 2, terminal. Now 3 known states, 2 absorbing; rows (N(s,a) = 1):
    //    T(0,R,·) = T(1,S,·) = (0.1, 1.1, 0.1)/1.3 with reward −1 into 1;
    //    T(1,R,·) = (0.1, 0.1, 1.1)/1.3 with reward 10 into 2; (0,S) unseen: 1/3 each, reward 0.
    //    Sweep 1 from 0: Q(0,R) = Q(1,S) = −1.1/1.3, Q(1,R) = 11/1.3 = 110/13, V1 = (0, 110/13, 0).
    //    Sweep 2 (the cap; its change is large):
    //      Q(0,S) = 0.95·(0 + 110/13 + 0)/3
    //      Q(0,R) = Q(1,S) = 1.1·(−1 + 0.95·110/13)/1.3
    //      Q(1,R) = (0.1·0.95·110/13 + 1.1·10)/1.3
    double v1 = 110.0 / 13;
    double q0s = G * v1 / 3;
    double q0r = 1.1 * (-1 + G * v1) / 1.3;
    double q1r = (0.1 * G * v1 + 1.1 * 10) / 1.3;
    step = v.step(RIGHT);
    assertThat(step.reward()).isEqualTo(10.0);
    assertThat(step.terminated()).isTrue();
    assertThat(v.isRunning()).isFalse();
    assertThat(v.lastSweeps()).isEqualTo(2);
    assertThat(v.model().numStates()).isEqualTo(3);
    assertThat(v.model().isAbsorbing(2)).isTrue();
    assertThat(v.solvedQ(0, STAY)).isCloseTo(q0s, within(1e-12));
    assertThat(v.solvedQ(0, RIGHT)).isCloseTo(q0r, within(1e-12));
    assertThat(v.solvedQ(1, STAY)).isCloseTo(q0r, within(1e-12));
    assertThat(v.solvedQ(1, RIGHT)).isCloseTo(q1r, within(1e-12));
    assertThat(observe(v)).containsExactly(obs(s2, 0, 0, 0, 0, 0), within(TOL));

    // Next inner episode: at state 0 the latest solve is shown. q0r ≈ 5.956 > q0s ≈ 2.679, so
    // V(0) = q0r, advantages (q0s − q0r, 0)/10; counts of state 0: (0, 1)/10.
    assertThat(q0r).isGreaterThan(q0s);
    v.reset(new Rng(2L));
    assertThat(v.isRunning()).isTrue();
    assertThat(observe(v))
        .containsExactly(obs(s0, (q0s - q0r) / 10, 0, q0r / 10, 0, 0.1), within(TOL));
  }

  @Test
  void observeWritesAtAnOffsetAndLeavesTheRestAlone() {
    Vamdp v = chainVamdp(QSource.LATEST_VI);
    v.reset(new Rng(1L));
    v.step(RIGHT);
    v.step(STAY);
    float[] out = new float[v.observationSize() + 4];
    java.util.Arrays.fill(out, 42f);
    v.observe(out, 3);
    float[] inner = java.util.Arrays.copyOfRange(out, 3, 3 + v.observationSize());
    assertThat(inner).containsExactly(observe(v));
    assertThat(new float[] {out[0], out[1], out[2], out[out.length - 1]})
        .containsExactly(42f, 42f, 42f, 42f);
  }
}
