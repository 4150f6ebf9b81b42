package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.NetworkSpec;

/**
 * {@link TransformerBodyMath} runs a batch a few sequences at a time ({@link
 * TransformerBodyMath#CHUNK_ROWS} rows): its output does not depend on that chunking beyond float
 * rounding (each sequence alone gives the values it gets inside a batch of several chunks; bit for
 * bit where the BLAS computes a row's dot products the same way for any number of rows, which
 * OpenBLAS does not on every CPU, e.g. AMD EPYC), and its parameter gradients are the sums of the
 * sequences' gradients up to float rounding.
 */
class BodyChunksTest {

  @ParameterizedTest(name = "T={0} batch={1}")
  @CsvSource({"100, 9", "7, 130", "401, 2"})
  void outputIsTheSameSequenceBySequenceAndGradientsAdd(int t, int batch) {
    NetworkSpec s =
        new NetworkSpec(Architecture.TRANSFORMER, 5, 3, t, 16, 2, 2, 48, 24, 1e-3, 0, 11);
    ComputationGraph g = Networks.init(Networks.actor(s));
    Rng rng = Seeds.rng(9, "test/body-chunks", t, batch);
    Map<String, float[]> w = new LinkedHashMap<>();
    Map<String, float[]> whole = new LinkedHashMap<>();
    Map<String, float[]> part = new LinkedHashMap<>();
    Map<String, double[]> summed = new LinkedHashMap<>();
    for (Map.Entry<String, INDArray> e : g.getLayer(Networks.BODY).paramTable().entrySet()) {
      float[] v = e.getValue().dup().data().asFloat();
      for (int i = 0; i < v.length; i++) {
        v[i] += (float) ((rng.nextDouble() - 0.5) * 0.1); // move gains and biases off 1 and 0
      }
      w.put(e.getKey(), v);
      whole.put(e.getKey(), new float[v.length]);
      part.put(e.getKey(), new float[v.length]);
      summed.put(e.getKey(), new double[v.length]);
    }
    int nIn = 5;
    int d = 16;
    float[] in = new float[batch * nIn * t];
    for (int i = 0; i < in.length; i++) {
      in[i] = (float) ((rng.nextDouble() - 0.5) * 4);
    }
    float[] dOut = new float[batch * t * d];
    for (int i = 0; i < dOut.length; i++) {
      dOut[i] = (float) (rng.nextDouble() - 0.5);
    }
    TransformerBodyMath batched = new TransformerBodyMath(nIn, 24, d, 2, 48, 2, t);
    TransformerBodyMath single = new TransformerBodyMath(nIn, 24, d, 2, 48, 2, t);
    float[] y = batched.forward(w, in, batch);
    batched.backward(w, dOut, whole);
    for (int b = 0; b < batch; b++) {
      float[] x = Arrays.copyOfRange(in, b * nIn * t, (b + 1) * nIn * t);
      float[] yb = single.forward(w, x, 1);
      float[] inBatch = Arrays.copyOfRange(y, b * t * d, (b + 1) * t * d);
      // float rounding only: OpenBLAS may pick another kernel for another number of rows
      assertCloseAtScale("sequence " + b, yb.length, i -> inBatch[i], i -> yb[i], 1e-6);
      single.backward(w, Arrays.copyOfRange(dOut, b * t * d, (b + 1) * t * d), part);
      for (String k : part.keySet()) {
        for (int i = 0; i < part.get(k).length; i++) {
          summed.get(k)[i] += part.get(k)[i];
        }
      }
    }
    for (String k : whole.keySet()) {
      double[] sum = summed.get(k);
      float[] all = whole.get(k);
      assertCloseAtScale(k, all.length, i -> sum[i], i -> all[i], 1e-5);
    }
  }

  /**
   * max |actual − reference| ≤ relative · max |reference| over indices [0, n), and the reference is
   * not all zero.
   */
  private static void assertCloseAtScale(
      String what,
      int n,
      IntToDoubleFunction reference,
      IntToDoubleFunction actual,
      double relative) {
    double scale = 0;
    double diff = 0;
    for (int i = 0; i < n; i++) {
      scale = Math.max(scale, Math.abs(reference.applyAsDouble(i)));
      diff = Math.max(diff, Math.abs(actual.applyAsDouble(i) - reference.applyAsDouble(i)));
    }
    assertThat(scale).as(what).isPositive();
    assertThat(diff)
        .as("%s: max |Δ| at scale %s", what, scale)
        .isLessThanOrEqualTo(relative * scale);
  }
}
