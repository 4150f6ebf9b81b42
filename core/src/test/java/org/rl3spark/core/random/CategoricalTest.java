package org.rl3spark.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Categorical.Remainder;

/**
 * Exact tests of {@link Categorical}: softmax against hand-computed values, the inverse-CDF draw at
 * chosen uniforms (a generator copied before the draw gives the uniform the draw used), both
 * readings of the rounding remainder, the greedy tie rule, entropy and KL. The distribution of
 * draws is tested statistically in {@link RngDistributionTest}.
 */
class CategoricalTest {

  private static Rng rng(long id) {
    return Seeds.rng(11, "test/categorical", id);
  }

  @Test
  void softmaxIsComputedInDoubleAndWrittenAsFloats() {
    float[] z = {9f, 1f, 2f, 3f, 9f};
    float[] out = new float[6];
    Categorical.softmax(z, 1, 3, out, 2);
    double sum = Math.exp(-2) + Math.exp(-1) + 1;
    assertThat(out[2]).isEqualTo((float) (Math.exp(-2) / sum));
    assertThat(out[3]).isEqualTo((float) (Math.exp(-1) / sum));
    assertThat(out[4]).isEqualTo((float) (1 / sum));
    assertThat(out[0] + out[1] + out[5]).as("outside the slice").isZero();
    // A huge logit gap: the small probability rounds to 0 in float, never NaN.
    Categorical.softmax(new float[] {0f, -200f}, 0, 2, out, 0);
    assertThat(out[0]).isEqualTo(1f);
    assertThat(out[1]).isZero();
  }

  @Test
  void theLogNormalizerIsTheLargestLogitPlusTheLogOfTheShiftedSum() {
    double[] z = {7, 1, 2, 3};
    double sum = Math.exp(-2) + Math.exp(-1) + 1;
    assertThat(Categorical.logNormalizer(z, 1, 3)).isEqualTo(3 + Math.log(sum));
    // log π = z − it, consistent with the float softmax up to float rounding
    float[] p = new float[3];
    Categorical.softmax(new float[] {1f, 2f, 3f}, 0, 3, p, 0);
    for (int j = 0; j < 3; j++) {
      assertThat(Math.exp(z[1 + j] - Categorical.logNormalizer(z, 1, 3)))
          .isCloseTo(p[j], within(1e-7));
    }
    assertThat(Categorical.logNormalizer(new double[] {1000, 1000}, 0, 2))
        .as("no overflow")
        .isCloseTo(1000 + Math.log(2), within(1e-9));
  }

  @Test
  void aDrawIsTheFirstIndexWhoseRunningSumExceedsTheUniform() {
    double[] p = {0.1, 0.0, 0.25, 0.4, 0.25};
    for (long id = 0; id < 200; id++) {
      Rng r = rng(id);
      double u = r.copy().nextDouble();
      int want = u < 0.1 ? 0 : u < 0.35 ? 2 : u < 0.75 ? 3 : 4;
      assertThat(Categorical.sample(p, 0, 5, r)).as("u = %s", u).isEqualTo(want);
    }
  }

  @Test
  void floatProbabilitiesDrawAsTheirDoubleValues() {
    float[] f = {0.3f, 0f, 0.2f, 0.5f};
    double[] d = {0.3f, 0f, 0.2f, 0.5f};
    for (long id = 0; id < 200; id++) {
      for (Remainder m : Remainder.values()) {
        assertThat(Categorical.sample(f, 0, 4, rng(id), m))
            .isEqualTo(Categorical.sample(d, 0, 4, rng(id), m));
      }
    }
  }

  @Test
  void theRoundingRemainderGoesToTheLastPositiveIndexOrToTheLastIndex() {
    // The slice sums to 0.5: every u in [0.5, 1) is in the remainder; index 2 has no mass.
    float[] p = {0.25f, 0.25f, 0f};
    int remainderDraws = 0;
    for (long id = 0; id < 200; id++) {
      double u = rng(id).nextDouble();
      int positive = Categorical.sample(p, 0, 3, rng(id), Remainder.LAST_POSITIVE);
      int last = Categorical.sample(p, 0, 3, rng(id), Remainder.LAST_INDEX);
      if (u >= 0.5) {
        remainderDraws++;
        assertThat(positive).isEqualTo(1);
        assertThat(last).isEqualTo(2);
      } else {
        assertThat(positive).isEqualTo(last).isEqualTo(u < 0.25 ? 0 : 1);
      }
    }
    assertThat(remainderDraws).as("draws in the remainder").isBetween(50, 150);
  }

  @Test
  void noPositiveMassIsAnErrorExceptWhenTheRemainderGoesToTheLastIndex() {
    float[] nan = {Float.NaN, Float.NaN, Float.NaN};
    assertThatThrownBy(() -> Categorical.sample(nan, 0, 3, rng(1), Remainder.LAST_POSITIVE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no positive mass");
    assertThat(Categorical.sample(nan, 0, 3, rng(1), Remainder.LAST_INDEX)).isEqualTo(2);
  }

  @Test
  void argmaxTakesTheFirstOfEqualMaxima() {
    float[] p = {0.9f, 0.1f, 0.4f, 0.4f, 0.1f};
    assertThat(Categorical.argmax(p, 1, 4)).isEqualTo(1);
    assertThat(Categorical.argmax(p, 0, 2)).isZero();
  }

  @Test
  void klAndEntropy() {
    float[] p = {0.5f, 0.25f, 0.25f};
    float[] q = {0.25f, 0.5f, 0.25f};
    assertThat(Categorical.kl(p, 0, q, 0, 3))
        .isCloseTo(0.5 * Math.log(2) + 0.25 * Math.log(0.5), within(1e-7));
    assertThat(Categorical.kl(p, 0, p, 0, 3)).isEqualTo(0.0);
    assertThat(Categorical.entropy(p, 0, 3)).isCloseTo(1.5 * Math.log(2), within(1e-7));
    float[] zero = {1f, 0f};
    assertThat(Categorical.entropy(zero, 0, 2)).isEqualTo(0.0);
    assertThat(Categorical.kl(zero, 0, new float[] {0.5f, 0.5f}, 0, 2))
        .isCloseTo(Math.log(2), within(1e-12));
    assertThat(Categorical.kl(new float[] {0.5f, 0.5f}, 0, zero, 0, 2))
        .as("floored, finite")
        .isFinite()
        .isGreaterThan(10);
  }
}
