package org.rl3spark.core.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** GAE against hand-computed cases (reference §5.3). */
class GaeTest {

  @Test
  void terminalSequenceByHand() {
    // γ = 0.9, λ = 0.5; r = (1, 0, 2); v = (0.5, 1.0, −0.5, 3.0); the last step is terminal.
    // δ2 = 2 − (−0.5) = 2.5                      (v3 = 3.0 is never used)
    // δ1 = 0 + 0.9·(−0.5) − 1.0 = −1.45;   A1 = −1.45 + 0.45·2.5 = −0.325
    // δ0 = 1 + 0.9·1.0 − 0.5 = 1.4;        A0 = 1.4 + 0.45·(−0.325) = 1.25375
    float[] a = new float[3];
    Gae.compute(
        new float[] {1, 0, 2},
        new float[] {0.5f, 1.0f, -0.5f, 3.0f},
        new boolean[] {false, false, true},
        new boolean[] {false, false, true},
        0.9,
        0.5,
        a);
    assertThat(a[2]).isCloseTo(2.5f, within(1e-6f));
    assertThat(a[1]).isCloseTo(-0.325f, within(1e-6f));
    assertThat(a[0]).isCloseTo(1.25375f, within(1e-6f));
  }

  @Test
  void truncationBootstrapsButCutsTheRecursion() {
    // Step 1 is truncated (done, not terminal): δ1 bootstraps from v2 but A1 does not include A2.
    // δ2 = 2 + 0.9·3.0 − (−0.5) = 5.2 (not terminal, bootstraps from v3 = 3.0); A2 = 5.2
    // A1 = δ1 = −1.45; A0 = 1.4 + 0.45·(−1.45) = 0.7475
    float[] a = new float[3];
    Gae.compute(
        new float[] {1, 0, 2},
        new float[] {0.5f, 1.0f, -0.5f, 3.0f},
        new boolean[] {false, false, false},
        new boolean[] {false, true, false},
        0.9,
        0.5,
        a);
    assertThat(a[2]).isCloseTo(5.2f, within(1e-5f));
    assertThat(a[1]).isCloseTo(-1.45f, within(1e-6f));
    assertThat(a[0]).isCloseTo(0.7475f, within(1e-6f));
  }

  @Test
  void lambdaOneIsTheDiscountedReturnMinusTheValue() {
    float[] r = {1, 2, 3, 4};
    float[] v = {0.3f, -1f, 2f, 0.5f, 9f};
    boolean[] term = {false, false, false, true};
    float[] a = new float[4];
    Gae.compute(r, v, term, term, 0.8, 1.0, a);
    double g = 0;
    for (int t = 3; t >= 0; t--) {
      g = r[t] + 0.8 * g;
      assertThat(a[t]).as("t=%d", t).isCloseTo((float) (g - v[t]), within(1e-5f));
    }
  }

  @Test
  void normalisationUsesTheSampleStandardDeviation() {
    float[] x = {1, 2, 3, 4, 99};
    Gae.normalize(x, 0, 4); // mean 2.5, sample std sqrt(5/3)
    double s = Math.sqrt(5.0 / 3.0);
    assertThat(x[0]).isCloseTo((float) (-1.5 / (s + 1e-8)), within(1e-6f));
    assertThat(x[3]).isCloseTo((float) (1.5 / (s + 1e-8)), within(1e-6f));
    assertThat(x[4]).as("outside the range untouched").isEqualTo(99f);
  }
}
