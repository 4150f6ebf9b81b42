package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.NetworkSpec;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.PpoTrainer;
import org.rl3spark.learner.ppo.TrainingSetup;

/**
 * The hand-written {@link DirectTransformerBodyLayer} computes what the SameDiff {@link
 * TransformerBodyLayer} computes (whose gradients {@link FusedBodyTest} checks against finite
 * differences): the same outputs, the same parameter gradients and the same gradient for the layer
 * below, for the same parameters; a fit runs its forward pass once; and checkpoints written with
 * the SameDiff body load with the direct one.
 */
class DirectBodyTest {

  /** The same graph with the SameDiff body: the JSON with the body's class swapped. */
  static ComputationGraph sameDiffTwin(ComputationGraph direct) {
    String json = direct.getConfiguration().toJson();
    assertThat(json).contains(DirectTransformerBodyLayer.class.getName());
    ComputationGraph g =
        Networks.init(
            ComputationGraphConfiguration.fromJson(
                json.replace(
                    DirectTransformerBodyLayer.class.getName(),
                    TransformerBodyLayer.class.getName())));
    g.setParams(direct.params());
    return g;
  }

  @ParameterizedTest(name = "d={0} heads={1} T={2} mb={3}")
  @CsvSource({"64, 4, 20, 5", "12, 3, 7, 3", "16, 2, 1, 2", "16, 2, 30, 11"})
  void bodyMatchesTheSameDiffBody(int d, int heads, int t, int mb) {
    NetworkSpec s =
        new NetworkSpec(Architecture.TRANSFORMER, 9, 4, t, d, heads, 2, 3 * d, 24, 1e-3, 0, 17);
    ComputationGraph direct = Networks.init(Networks.actor(s));
    ComputationGraph reference = sameDiffTwin(direct);
    direct.initGradientsView();
    reference.initGradientsView();
    Layer a = direct.getLayer(Networks.BODY);
    Layer b = reference.getLayer(Networks.BODY);
    assertThat(a).isInstanceOf(DirectTransformerBody.class);
    assertThat(((DirectTransformerBody) a).direct()).isTrue();
    // the graph's body skips its input's gradient (see inputGradientIsSkippedBelowTheGraphInput)
    ((DirectTransformerBody) a).inputGradient(true);
    assertThat(b).isNotInstanceOf(DirectTransformerBody.class);

    Rng rng = Seeds.rng(3, "test/direct-body", d, t);
    LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
    // A smaller batch reuses the caches of a larger one. Never a single row (batch 1 at T = 1):
    // there SameDiff's gradients are wrong (see singleRowGradientMatchesFiniteDifferences).
    int smaller = t == 1 ? 2 : 1;
    for (int size : new int[] {mb, smaller, mb}) {
      INDArray x = random(rng, new long[] {size, 9, t}, 2);
      INDArray eps = random(rng, new long[] {size, d, t}, 1);
      a.setInput(x, ws);
      b.setInput(x, ws);
      INDArray ya = a.activate(true, ws);
      INDArray yb = b.activate(true, ws);
      assertClose("output (batch " + size + ")", ya, yb, 1e-5);
      Pair<Gradient, INDArray> ga = a.backpropGradient(eps, ws);
      Pair<Gradient, INDArray> gb = b.backpropGradient(eps, ws);
      assertClose("input gradient (batch " + size + ")", ga.getSecond(), gb.getSecond(), 1e-4);
      Map<String, INDArray> pa = ga.getFirst().gradientForVariable();
      Map<String, INDArray> pb = gb.getFirst().gradientForVariable();
      assertThat(pa.keySet()).containsExactlyInAnyOrderElementsOf(pb.keySet());
      for (String k : pa.keySet()) {
        assertClose(k + " (batch " + size + ")", pa.get(k), pb.get(k), 1e-4);
      }
    }
  }

  /**
   * The direct body's gradient for the layer below equals central finite differences of its own
   * forward pass, for a single row (batch 1, T = 1) and for 2 sequences of 3 steps. For the single
   * row the SameDiff body's gradients are wrong (DL4J M2.1; every parameter upstream of the last
   * layer norm differs by up to 30%): the direct body does not inherit that.
   */
  @ParameterizedTest(name = "mb={0} T={1}")
  @CsvSource({"1, 1", "2, 3"})
  void singleRowGradientMatchesFiniteDifferences(int mb, int t) {
    NetworkSpec s =
        new NetworkSpec(Architecture.TRANSFORMER, 5, 4, t, 16, 2, 2, 48, 24, 1e-3, 0, 17);
    ComputationGraph g = Networks.init(Networks.actor(s));
    g.initGradientsView();
    Layer body = g.getLayer(Networks.BODY);
    ((DirectTransformerBody) body).inputGradient(true);
    Rng rng = Seeds.rng(3, "test/direct-body-fd", mb, t);
    LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
    INDArray x = random(rng, new long[] {mb, 5, t}, 2);
    INDArray eps = random(rng, new long[] {mb, 16, t}, 1);
    body.setInput(x, ws);
    body.activate(true, ws);
    INDArray analytic = body.backpropGradient(eps, ws).getSecond().dup();
    ComputationGraph twin = sameDiffTwin(g);
    twin.initGradientsView();
    Layer reference = twin.getLayer(Networks.BODY);
    reference.setInput(x, ws);
    reference.activate(true, ws);
    INDArray sameDiff = reference.backpropGradient(eps, ws).getSecond();
    double gap =
        sameDiff
            .castTo(DataType.DOUBLE)
            .sub(analytic.castTo(DataType.DOUBLE))
            .amaxNumber()
            .doubleValue();
    if (mb * t == 1) {
      assertThat(gap).as("SameDiff's single-row gradient is off").isGreaterThan(0.05);
    } else {
      assertThat(gap).as("SameDiff agrees on several rows").isLessThan(1e-4);
    }
    double h = 3e-3; // small enough not to cross a ReLU kink here, large for float rounding
    for (int b = 0; b < mb; b++) {
      for (int i = 0; i < 5; i++) {
        for (int p = 0; p < t; p++) {
          double up = objective(body, x, eps, b, i, p, h, ws);
          double down = objective(body, x, eps, b, i, p, -h, ws);
          assertThat(analytic.getDouble(b, i, p))
              .as("dL/dx[%d,%d,%d]", b, i, p)
              .isCloseTo((up - down) / (2 * h), org.assertj.core.data.Offset.offset(1e-3));
        }
      }
    }
  }

  /** Σ eps·body(x + δ·e_{b,i,p}). */
  private static double objective(
      Layer body,
      INDArray x,
      INDArray eps,
      int b,
      int i,
      int p,
      double delta,
      LayerWorkspaceMgr ws) {
    INDArray moved = x.dup();
    moved.putScalar(new int[] {b, i, p}, x.getDouble(b, i, p) + delta);
    body.setInput(moved, ws);
    return body.activate(false, ws)
        .castTo(DataType.DOUBLE)
        .mul(eps.castTo(DataType.DOUBLE))
        .sumNumber()
        .doubleValue();
  }

  @ParameterizedTest(name = "critic={0}")
  @CsvSource({"false", "true"})
  void networkScoreAndGradientsMatchAndAFitRunsOneForwardPass(boolean critic) {
    NetworkSpec s =
        new NetworkSpec(Architecture.TRANSFORMER, 6, 3, 10, 16, 4, 2, 32, 12, 1e-3, 0.01, 21);
    ComputationGraph direct = Networks.init(critic ? Networks.critic(s) : Networks.actor(s));
    ComputationGraph reference = sameDiffTwin(direct);
    int len = critic ? 11 : 10;
    Rng rng = Seeds.rng(5, "test/direct-body-net");
    INDArray x = random(rng, new long[] {4, 6, len}, 2);
    INDArray labels = critic ? criticLabels(rng, 4, len) : actorLabels(rng, 4, 3, len);
    for (ComputationGraph g : new ComputationGraph[] {direct, reference}) {
      g.setInputs(x);
      g.setLabels(labels);
      g.computeGradientAndScore();
    }
    assertThat(direct.score())
        .isCloseTo(
            reference.score(),
            org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, Math.abs(reference.score()))));
    assertClose("gradient", direct.gradient().gradient(), reference.gradient().gradient(), 1e-4);

    DirectTransformerBody body = (DirectTransformerBody) direct.getLayer(Networks.BODY);
    long before = body.forwardPasses();
    direct.fit(new MultiDataSet(x, labels));
    assertThat(body.forwardPasses() - before).isEqualTo(1);
  }

  @Test
  void checkpointsWithTheSameDiffBodyLoadWithTheDirectBody(@TempDir Path dir) throws Exception {
    Nd4jThreads.set(1);
    TrainingSetup s = CheckpointTest.setup(Algorithm.RL3);
    ActorCritic trained = ActorCritic.create(s.networkSpec());
    PpoTrainer.train(trained, s, 1, 1, m -> {});
    ActorCritic old =
        ActorCritic.of(
            trained.spec(), sameDiffTwin(trained.actor()), sameDiffTwin(trained.critic()));
    old.actor()
        .getUpdater()
        .getStateViewArray()
        .assign(trained.actor().getUpdater().getStateViewArray());
    old.critic()
        .getUpdater()
        .getStateViewArray()
        .assign(trained.critic().getUpdater().getStateViewArray());
    assertThat(old.actor().getLayer(Networks.BODY)).isNotInstanceOf(DirectTransformerBody.class);
    Checkpoint.write(dir.resolve("old"), old, CheckpointTest.state(s, old, 1));
    assertThat(Files.readString(dir.resolve("old/actor.json")))
        .doesNotContain(DirectTransformerBodyLayer.class.getName());

    ActorCritic loaded = Checkpoint.read(dir.resolve("old")).networks();
    assertThat(loaded.actor().getLayer(Networks.BODY)).isInstanceOf(DirectTransformerBody.class);
    assertThat(loaded.critic().getLayer(Networks.BODY)).isInstanceOf(DirectTransformerBody.class);
    assertThat(CheckpointTest.params(loaded)).isEqualTo(CheckpointTest.params(trained));
    INDArray x =
        random(
            Seeds.rng(2, "test/direct-body-ckpt"),
            new long[] {2, s.networkSpec().inputSize(), s.networkSpec().horizon()},
            1);
    assertClose("actor output", loaded.actor().outputSingle(x), old.actor().outputSingle(x), 1e-5);
  }

  /**
   * A body fed by the graph's input skips the gradient for it (DL4J discards it): in graphs built
   * by {@link Networks#init} and loaded from checkpoints, its backward pass returns a null epsilon
   * and the same parameter gradients, bit for bit, as with the input gradient on.
   */
  @Test
  void inputGradientIsSkippedBelowTheGraphInput(@TempDir Path dir) throws Exception {
    NetworkSpec s =
        new NetworkSpec(Architecture.TRANSFORMER, 6, 3, 10, 16, 4, 2, 32, 12, 1e-3, 0.01, 21);
    ActorCritic ac = ActorCritic.create(s);
    for (ComputationGraph g : new ComputationGraph[] {ac.actor(), ac.critic()}) {
      assertThat(((DirectTransformerBody) g.getLayer(Networks.BODY)).inputGradient()).isFalse();
    }
    TrainingSetup setup = CheckpointTest.setup(Algorithm.RL3);
    ActorCritic saved = ActorCritic.create(setup.networkSpec());
    Checkpoint.write(dir.resolve("c"), saved, CheckpointTest.state(setup, saved, 1));
    ActorCritic loaded = Checkpoint.read(dir.resolve("c")).networks();
    assertThat(((DirectTransformerBody) loaded.actor().getLayer(Networks.BODY)).inputGradient())
        .isFalse();

    ComputationGraph g = ac.actor();
    g.initGradientsView();
    DirectTransformerBody body = (DirectTransformerBody) g.getLayer(Networks.BODY);
    Rng rng = Seeds.rng(4, "test/direct-body-no-input-gradient");
    INDArray x = random(rng, new long[] {3, 6, 10}, 2);
    INDArray eps = random(rng, new long[] {3, 16, 10}, 1);
    LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
    body.setInput(x, ws);
    body.activate(true, ws);
    Pair<Gradient, INDArray> without = body.backpropGradient(eps, ws);
    assertThat(without.getSecond()).isNull();
    float[] skipped = body.getGradientsViewArray().dup().data().asFloat();
    body.inputGradient(true);
    body.setInput(x, ws);
    body.activate(true, ws);
    Pair<Gradient, INDArray> with = body.backpropGradient(eps, ws);
    assertThat(with.getSecond()).isNotNull();
    assertThat(with.getSecond().shape()).isEqualTo(x.shape());
    float[] computed = body.getGradientsViewArray().dup().data().asFloat();
    assertThat(skipped).isEqualTo(computed);
  }

  /** In double precision the direct body computes through its SameDiff graph, gradient fix on. */
  @Test
  void doublePrecisionFallsBackToTheCheckedSameDiffGraph() {
    assertThat(FusedBodyTest.check(new DirectTransformerBodyLayer(6, 4, 2, 8, 1))).isTrue();
  }

  /** max |a − b| ≤ tol·max(1, max |b|). */
  static void assertClose(String what, INDArray a, INDArray b, double tol) {
    assertThat(a.shape()).as(what + " shape").isEqualTo(b.shape());
    double scale = Math.max(1, b.amaxNumber().doubleValue());
    double diff =
        a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    assertThat(diff)
        .as("%s: max |Δ| %s at scale %s", what, diff, scale)
        .isLessThanOrEqualTo(tol * scale);
  }

  static INDArray random(Rng rng, long[] shape, double spread) {
    int n = 1;
    for (long s : shape) {
      n *= (int) s;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((rng.nextDouble() - 0.5) * 2 * spread);
    }
    return Nd4j.create(v, shape, 'c');
  }

  static INDArray actorLabels(Rng rng, int mb, int actions, int len) {
    int w = PpoLabels.width(actions);
    float[] l = new float[mb * w * len];
    for (int b = 0; b < mb; b++) {
      for (int s = 0; s < len; s++) {
        l[(b * w + rng.nextInt(actions)) * len + s] = 1;
        l[(b * w + PpoLabels.advantage(actions)) * len + s] = (float) rng.nextGaussian();
        l[(b * w + PpoLabels.oldLogProb(actions)) * len + s] = (float) Math.log(1.0 / actions);
        l[(b * w + PpoLabels.entropyCoef(actions)) * len + s] = 0.01f;
        l[(b * w + PpoLabels.weight(actions)) * len + s] = 0.05f;
      }
    }
    return Nd4j.create(l, new long[] {mb, w, len}, 'c');
  }

  static INDArray criticLabels(Rng rng, int mb, int len) {
    int w = PpoLabels.CRITIC_WIDTH;
    float[] l = new float[mb * w * len];
    for (int b = 0; b < mb; b++) {
      for (int s = 0; s < len; s++) {
        l[(b * w) * len + s] = (float) rng.nextGaussian();
        l[(b * w + 1) * len + s] = 0.05f;
      }
    }
    return Nd4j.create(l, new long[] {mb, w, len}, 'c');
  }
}
