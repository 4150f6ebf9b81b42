package org.rl3spark.learner.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The critic's explained variance against hand-computed cases (targets 1, 2, 3, 4: Var 1.25). */
class ExplainedVarianceTest {

  private static final Advantages ADV = new Advantages(new float[4], new float[] {1, 2, 3, 4});

  @Test
  void handCases() {
    // values [N = 1][H + 1 = 5]; the post-final value (99) is not a target
    assertThat(ADV.explainedVariance(new float[] {1, 2, 3, 4, 99}, 4)).isEqualTo(1.0);
    assertThat(ADV.explainedVariance(new float[] {2.5f, 2.5f, 2.5f, 2.5f, 99}, 4))
        .isCloseTo(0.0, within(1e-12));
    // errors −1, 0, −1, 0: variance 0.25, so 1 − 0.25 / 1.25
    assertThat(ADV.explainedVariance(new float[] {2, 2, 4, 4, 99}, 4))
        .isCloseTo(0.8, within(1e-12));
    // a constant critic explains nothing, whatever the constant
    assertThat(ADV.explainedVariance(new float[] {0, 0, 0, 0, 0}, 4)).isCloseTo(0.0, within(1e-12));
    // a critic of the opposite trend: errors 2, 4, 6, 8, so 1 − Var(2T) / Var(T) = −3
    assertThat(ADV.explainedVariance(new float[] {-1, -2, -3, -4, 0}, 4))
        .isCloseTo(-3.0, within(1e-12));
  }

  @Test
  void twoEnvsSkipEachPostFinalValue() {
    Advantages two = new Advantages(new float[4], new float[] {1, 3, 2, 4});
    // env 0: targets 1, 3, values 1, 3 | post-final 7; env 1: targets 2, 4, values 2, 4 | 7
    assertThat(two.explainedVariance(new float[] {1, 3, 7, 2, 4, 7}, 2)).isEqualTo(1.0);
  }
}
