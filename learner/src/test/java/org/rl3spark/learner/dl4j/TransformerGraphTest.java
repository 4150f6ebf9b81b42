package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rl3spark.core.random.Categorical;
import org.rl3spark.learner.infer.IncrementalTransformer;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.NetworkSpec;

/** The transformer actor graph: exact causality, incremental inference, JSON round trip. */
class TransformerGraphTest {

  static final int M = 11;
  static final int N = 5;
  static final int H = 24;

  static NetworkSpec spec() {
    return NetworkSpec.reference(Architecture.TRANSFORMER, M, N, H, 3e-4, 17);
  }

  static INDArray observations(int batch, long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.FLOAT, batch, M, H).subi(0.5f).muli(4f);
  }

  @Test
  void outputsUpToTAreBitIdenticalWhenLaterInputsChange() {
    ComputationGraph g = Networks.init(Networks.actor(spec()));
    INDArray x = observations(3, 1);
    INDArray before = g.outputSingle(x);
    for (int t : new int[] {0, 7, H - 2}) {
      INDArray changed = x.dup();
      changed
          .get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t + 1, H))
          .assign(Nd4j.rand(DataType.FLOAT, 3, M, H - t - 1).muli(100));
      INDArray after = g.outputSingle(changed);
      INDArray a =
          before.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, t + 1));
      INDArray b =
          after.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, t + 1));
      assertThat(b.dup().data().asFloat())
          .as("positions 0..%d", t)
          .containsExactly(a.dup().data().asFloat());
      INDArray later = after.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t + 1));
      INDArray earlier =
          before.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t + 1));
      assertThat(later.equalsWithEps(earlier, 1e-6)).as("position %d does change", t + 1).isFalse();
    }
  }

  /** Batched actors run the BLAS products, unbatched ones the Java loops (see DenseKernel). */
  @ParameterizedTest
  @CsvSource({"4, true", "37, true", "4, false"})
  void incrementalInferenceEqualsTheGraphAtEveryStep(int batch, boolean batched) {
    NetworkSpec s = spec();
    ComputationGraph g = Networks.init(Networks.actor(s));
    INDArray x = observations(batch, 2);
    INDArray full = g.outputSingle(x); // [B, n, H] logits
    IncrementalTransformer inc =
        new IncrementalTransformer(Dl4jWeights.transformer(g, s), batch, batched, 0);
    inc.reset();
    float[] obs = new float[batch * M];
    float[] logits = new float[batch * N];
    double worst = 0;
    for (int t = 0; t < H; t++) {
      for (int b = 0; b < batch; b++) {
        for (int i = 0; i < M; i++) {
          obs[b * M + i] = x.getFloat(b, i, t);
        }
      }
      inc.step(obs, logits);
      float[] p = new float[N];
      float[] q = new float[N];
      float[] z = new float[N];
      for (int b = 0; b < batch; b++) {
        Categorical.softmax(logits, b * N, N, p, 0);
        for (int a = 0; a < N; a++) {
          z[a] = full.getFloat(b, a, t);
        }
        Categorical.softmax(z, 0, N, q, 0);
        for (int a = 0; a < N; a++) {
          worst = Math.max(worst, Math.abs(p[a] - q[a]));
        }
      }
    }
    assertThat(worst).as("max |Δπ| over all steps").isLessThanOrEqualTo(1e-4);
  }

  @ParameterizedTest
  @EnumSource(Architecture.class)
  void configurationsRoundTripThroughJson(Architecture a) {
    NetworkSpec s = NetworkSpec.reference(a, M, N, H, 3e-4, 5);
    ComputationGraphConfiguration[] confs = {Networks.actor(s), Networks.critic(s)};
    int[] lengths = {H, H + 1};
    for (int c = 0; c < 2; c++) {
      ComputationGraphConfiguration conf = confs[c];
      String json = conf.toJson();
      ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(json);
      assertThat(back.toJson()).isEqualTo(json);
      ComputationGraph g1 = Networks.init(conf);
      ComputationGraph g2 = Networks.init(back);
      g2.setParams(g1.params());
      INDArray in =
          a == Architecture.MARKOV
              ? Nd4j.rand(DataType.FLOAT, 3, M)
              : Nd4j.rand(DataType.FLOAT, 3, M, lengths[c]);
      assertThat(g2.outputSingle(in).equalsWithEps(g1.outputSingle(in), 0)).isTrue();
    }
  }
}
