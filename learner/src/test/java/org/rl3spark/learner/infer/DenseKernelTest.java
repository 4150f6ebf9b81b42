package org.rl3spark.learner.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
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

  private static float[] inputs(int n, Rng rng) {
    float[] x = new float[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    return x;
  }

  @ParameterizedTest
  @EnumSource(Activations.class)
  void theBlasProductEqualsTheJavaLoop(Activations act) {
    Rng rng = Seeds.rng(7, "test/dense-kernel");
    int rows = 70; // three chunks, the last one padded
    DenseWeights w = layer(64, 256, act, rng);
    DenseKernel k = DenseKernel.of(w, rows, true, 0);
    assertThat(k)
        .as("a batched 64 x 256 layer on the CPU backend")
        .isInstanceOf(BlasDenseKernel.class);
    float[] x = inputs(rows * 64, rng);
    float[] expected = new float[rows * 256];
    w.apply(x, rows, expected);
    float[] actual = new float[rows * 256];
    for (int rep = 0; rep < 2; rep++) { // the kernel's buffers are reused: the second call too
      k.apply(x, actual);
      for (int i = 0; i < actual.length; i++) {
        assertThat((double) actual[i])
            .as("output %d", i)
            .isCloseTo(expected[i], within(1e-4 * (1 + Math.abs(expected[i]))));
      }
    }
  }

  /** A rollout's actions must not depend on how many envs share its actor (its partitioning). */
  @Test
  void aRowsResultDoesNotDependOnTheBatch() {
    Rng rng = Seeds.rng(7, "test/dense-kernel-rows");
    DenseWeights w = layer(64, 192, Activations.IDENTITY, rng);
    int big = 70;
    float[] x = inputs(big * 64, rng);
    float[] all = new float[big * 192];
    DenseKernel.of(w, big, true, 0).apply(x, all);
    for (int size : new int[] {1, 3, 32, 33}) {
      for (int from = 0; from + size <= big; from += 17) {
        DenseKernel k = DenseKernel.of(w, size, true, from);
        float[] part = new float[size * 192];
        k.apply(Arrays.copyOfRange(x, from * 64, (from + size) * 64), part);
        assertThat(part)
            .as("rows %d..%d in a batch of %d", from, from + size - 1, size)
            .isEqualTo(Arrays.copyOfRange(all, from * 192, (from + size) * 192));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Activations.class)
  void smallLayersAndUnbatchedActorsStayInJava(Activations act) {
    Rng rng = Seeds.rng(7, "test/dense-kernel-small");
    assertThat(DenseKernel.of(layer(64, 256, act, rng), 1, false, 0))
        .isNotInstanceOf(BlasDenseKernel.class);
    assertThat(DenseKernel.of(layer(64, 5, act, rng), 32, true, 0))
        .isNotInstanceOf(BlasDenseKernel.class);
  }
}
