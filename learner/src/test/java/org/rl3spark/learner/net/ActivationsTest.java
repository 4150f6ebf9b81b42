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
      assertThat((double) Activations.GELU_TANH.apply(xf)).as("gelu(%s)", xf)
          .isCloseTo(expected, within(1e-6 * (1 + Math.abs(expected))));
    }
    assertThat(Activations.GELU_TANH.apply(1e4f)).isEqualTo(1e4f);
    assertThat(Activations.GELU_TANH.apply(-1e4f)).isEqualTo(-0f);
    assertThat(Activations.GELU_TANH.apply(0f)).isEqualTo(0f);
  }
}
