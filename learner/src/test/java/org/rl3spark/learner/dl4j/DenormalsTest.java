package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rl3spark.learner.dl4j.DirectBodyTest.random;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.NetworkSpec;

/**
 * {@link Denormals}: parameters below 1e-10 and Adam moments below 1e-30 in magnitude (subnormal or
 * not) become zero, larger ones stay bit for bit, and the network's output does not move.
 */
class DenormalsTest {

  @Test
  void tinyParametersAndAdamStateBecomeZeroAndTheOutputStays() {
    NetworkSpec s =
        new NetworkSpec(Architecture.TRANSFORMER, 9, 4, 12, 16, 4, 2, 48, 24, 1e-3, 0, 17);
    ComputationGraph g = Networks.init(Networks.actor(s));
    INDArray p = g.params();
    INDArray state = g.getUpdater().getStateViewArray();
    assertThat(state).as("Adam state exists before any fit").isNotNull();
    float subnormal = Float.MIN_NORMAL / 8; // about 1.5e-39
    float[] tiny = {subnormal, -subnormal, 1e-11f, -9.9e-11f};
    float[] kept = {1.1e-10f, -2e-10f, 0.25f, -3e-7f};
    float[] tinyState = {subnormal, -subnormal, 1e-31f, -9.9e-31f};
    float[] keptState = {1.1e-30f, -2e-30f, 1e-11f, -3e-7f};
    for (int i = 0; i < tiny.length; i++) {
      p.putScalar(100 + i, tiny[i]);
      state.putScalar(7 + i, tinyState[i]);
      p.putScalar(200 + i, kept[i]);
      state.putScalar(300 + i, keptState[i]);
    }
    Rng rng = Seeds.rng(3, "test/denormals");
    INDArray x = random(rng, new long[] {3, 9, 12}, 1);
    INDArray before = g.outputSingle(x).dup();
    float[] paramsBefore = p.dup().data().asFloat();

    Denormals.flush(g);

    for (int i = 0; i < tiny.length; i++) {
      assertThat(g.params().getFloat(100 + i)).isZero();
      assertThat(g.getUpdater().getStateViewArray().getFloat(7 + i)).isZero();
      assertThat(g.params().getFloat(200 + i)).isEqualTo(kept[i]);
      assertThat(g.getUpdater().getStateViewArray().getFloat(300 + i)).isEqualTo(keptState[i]);
    }
    float[] after = g.params().dup().data().asFloat();
    int changed = 0;
    for (int i = 0; i < after.length; i++) {
      if (Float.floatToIntBits(after[i]) != Float.floatToIntBits(paramsBefore[i])) {
        changed++;
      }
    }
    assertThat(changed).as("only the four tiny parameters changed").isEqualTo(tiny.length);
    assertThat(g.outputSingle(x).sub(before).amaxNumber().doubleValue()).isLessThan(1e-6);
  }
}
