package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShiftedExpTest {

  @Test
  void withinOneUlpOfMathExpOverTheNormalRange() {
    // every 97th float of [−87.3, 0] (the development check ran every float of it)
    int n = 1 << 16;
    float[] x = new float[n];
    float[] v = new float[n];
    float[] s = new float[n];
    int worst = 0;
    long checked = 0;
    float f = -87.3f;
    while (f <= 0f) {
      int len = 0;
      while (len < n && f <= 0f) {
        v[len] = f;
        x[len] = f + 1f;
        s[len] = 1f;
        len++;
        for (int k = 0; k < 97 && f <= 0f; k++) {
          f = Math.nextUp(f);
        }
      }
      // x − s is not exactly v for every v; compare against the exponential of x − s
      for (int i = 0; i < len; i++) {
        v[i] = x[i] - s[i];
      }
      ShiftedExp.apply(x, s, len);
      for (int i = 0; i < len; i++) {
        float e = (float) Math.exp(v[i]);
        worst =
            Math.max(worst, Math.abs(Float.floatToRawIntBits(x[i]) - Float.floatToRawIntBits(e)));
      }
      checked += len;
    }
    assertThat(checked).isGreaterThan(10_000_000L);
    assertThat(worst).isLessThanOrEqualTo(1);
  }

  @Test
  void clampsAboveZeroAndBelowTheNormalRange() {
    float[] x = {0f, -0f, 5f, 3f, Float.NEGATIVE_INFINITY, -100f, Float.NaN};
    float[] s = {0f, 0f, 0f, 5f, 0f, 0f, 0f};
    ShiftedExp.apply(x, s, x.length);
    assertThat(x[0]).isEqualTo(1f);
    assertThat(x[1]).isEqualTo(1f);
    assertThat(x[2]).isEqualTo(1f);
    assertThat(x[3]).isEqualTo((float) Math.exp(-2));
    assertThat(x[4]).isBetween(0f, 1.2e-38f);
    assertThat(x[5]).isBetween(0f, 1.2e-38f);
    assertThat(x[6]).isNaN();
  }
}
