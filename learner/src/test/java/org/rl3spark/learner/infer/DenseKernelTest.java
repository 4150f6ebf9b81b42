package org.rl3spark.learner.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.learner.net.Activations;

class DenseKernelTest {

  private static DenseWeights layer(int nIn, int nOut, Activations act, Rng rng) {
    float[] w = new float[nIn * nOut];
    float[] b = new float[nOut];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (rng.nextGaussian() / Math.sqrt(nIn));
    }
    for (int j = 0; j < nOut; j++) {
      b[j] = (float) rng.nextGaussian();
    }
    return new DenseWeights(w, b, nIn, nOut, act);
  }

  @ParameterizedTest
  @EnumSource(Activations.class)
  void theBlasProductEqualsTheJavaLoop(Activations act) {
    Rng rng = Seeds.rng(7, "test/dense-kernel");
    int rows = 32;
    DenseWeights w = layer(64, 256, act, rng);
    DenseKernel k = DenseKernel.of(w, rows);
    assertThat(k).as("32 rows of 64 x 256 on the CPU backend").isInstanceOf(BlasDenseKernel.class);
    float[] x = new float[rows * 64];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    float[] expected = new float[rows * 256];
    w.apply(x, rows, expected);
    float[] actual = new float[rows * 256];
    for (int rep = 0; rep < 2; rep++) { // the kernel's buffers are reused: the second call too
      k.apply(x, actual);
      for (int i = 0; i < actual.length; i++) {
        assertThat((double) actual[i]).as("output %d", i)
            .isCloseTo(expected[i], within(1e-4 * (1 + Math.abs(expected[i]))));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Activations.class)
  void smallProductsStayInJava(Activations act) {
    Rng rng = Seeds.rng(7, "test/dense-kernel-small");
    assertThat(DenseKernel.of(layer(64, 256, act, rng), 1)).isNotInstanceOf(BlasDenseKernel.class);
    assertThat(DenseKernel.of(layer(64, 5, act, rng), 32)).isNotInstanceOf(BlasDenseKernel.class);
  }
}
