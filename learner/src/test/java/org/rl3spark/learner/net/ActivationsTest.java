package org.rl3spark.learner.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ActivationsTest {

  /** GELU through e^{2u} equals the textbook tanh form, including where e^{2u} overflows. */
  @Test
  void geluMatchesTheTanhFormula() {
    for (double x = -60; x <= 60; x += 0.01) {
      float xf = (float) x;
      double u = Math.sqrt(2 / Math.PI) * (xf + 0.044715 * xf * xf * xf);
      double expected = 0.5 * xf * (1 + Math.tanh(u));
      assertThat((double) Activations.GELU_TANH.apply(xf))
          .as("gelu(%s)", xf)
          .isCloseTo(expected, within(1e-6 * (1 + Math.abs(expected))));
    }
    assertThat(Activations.GELU_TANH.apply(1e4f)).isEqualTo(1e4f);
    assertThat(Activations.GELU_TANH.apply(-1e4f)).isEqualTo(-0f);
    assertThat(Activations.GELU_TANH.apply(0f)).isEqualTo(0f);
  }

  /** The rational tanh is within 4e-7 of Math.tanh everywhere, odd, and saturates at ±1. */
  @Test
  void rationalTanhIsWithinFourTenMillionthsOfTanh() {
    double worst = 0;
    for (double x = -30; x <= 30; x += 1e-4) {
      float xf = (float) x;
      float t = Activations.tanh(xf);
      worst = Math.max(worst, Math.abs(t - Math.tanh(xf)));
      assertThat(Activations.tanh(-xf)).isEqualTo(-t);
    }
    assertThat(worst).isLessThanOrEqualTo(4e-7).isGreaterThan(0);
    assertThat(Activations.tanh(0f)).isEqualTo(0f);
    assertThat((double) Activations.tanh(1e30f)).isCloseTo(1, within(3e-7));
    assertThat((double) Activations.tanh(Float.NEGATIVE_INFINITY)).isCloseTo(-1, within(3e-7));
  }
}
