package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rl3spark.learner.dl4j.DirectBodyTest.assertClose;
import static org.rl3spark.learner.dl4j.DirectBodyTest.random;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.NetworkSpec;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.PpoConfig;
import org.rl3spark.learner.ppo.PpoTrainer;
import org.rl3spark.learner.ppo.TrainingSetup;

/**
 * A fit split over threads ({@link FitThreads}) computes what the one-thread fit computes, up to
 * float summation order: the body's outputs and gradients for every split of a batch, and the
 * parameters of actor and critic after several whole PPO iterations; the same thread count is
 * deterministic.
 */
class FitThreadsTest {

  @AfterEach
  void oneThread() {
    FitThreads.set(1);
  }

  @Test
  void groupsAreContiguousAndBalanced() {
    assertThat(DirectTransformerBody.groups(41, 2)).containsExactly(21, 20);
    assertThat(DirectTransformerBody.groups(5, 3)).containsExactly(2, 2, 1);
    assertThat(DirectTransformerBody.groups(1, 2)).containsExactly(1);
    assertThat(DirectTransformerBody.groups(7, 1)).containsExactly(7);
  }

  @ParameterizedTest(name = "threads={0} mb={1}")
  @CsvSource({"2, 5", "3, 7", "2, 2", "4, 3"})
  void splitBodyEqualsTheWholeBody(int threads, int mb) {
    NetworkSpec s =
        new NetworkSpec(Architecture.TRANSFORMER, 9, 4, 12, 16, 4, 2, 48, 24, 1e-3, 0, 17);
    ComputationGraph g = Networks.init(Networks.actor(s));
    g.initGradientsView();
    Layer body = g.getLayer(Networks.BODY);
    ((DirectTransformerBody) body).inputGradient(true);
    Rng rng = Seeds.rng(7, "test/fit-threads", threads, mb);
    LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
    INDArray x = random(rng, new long[] {mb, 9, 12}, 2);
    INDArray eps = random(rng, new long[] {mb, 16, 12}, 1);

    FitThreads.set(1);
    body.setInput(x, ws);
    INDArray y1 = body.activate(true, ws).dup();
    Pair<Gradient, INDArray> g1 = body.backpropGradient(eps, ws);
    INDArray dx1 = g1.getSecond().dup();
    Map<String, INDArray> p1 = copy(g1.getFirst().gradientForVariable());

    FitThreads.set(threads);
    body.setInput(x, ws);
    INDArray y2 = body.activate(true, ws);
    Pair<Gradient, INDArray> g2 = body.backpropGradient(eps, ws);
    assertThat(((DirectTransformerBody) body).lastGroups()).isEqualTo(Math.min(threads, mb));
    assertClose("output", y2, y1, 1e-6);
    assertClose("input gradient", g2.getSecond(), dx1, 1e-5);
    for (Map.Entry<String, INDArray> e : g2.getFirst().gradientForVariable().entrySet()) {
      assertClose(e.getKey(), e.getValue(), p1.get(e.getKey()), 1e-5);
    }
    // the sum is over groups, not a copy of one group: the gradient of a single sequence differs
    assertThat(p1.get(TransformerBodyLayer.E1W).amaxNumber().doubleValue()).isPositive();
  }

  /**
   * Three PPO iterations (8 epochs, 4 minibatches of 5 sequences each) on one and on two threads:
   * actor and critic parameters agree to float rounding, and two two-thread runs agree exactly.
   */
  @Test
  void threeIterationsOnTwoThreadsEqualOneThread() {
    Nd4jThreads.set(1);
    PpoConfig ppo =
        new PpoConfig(3, 20, 5, 20, 8, 0.99, 0.3, 0.2, 0.01, new EntropySchedule(0.1, true, 3, 1));
    TrainingSetup s =
        new TrainingSetup(new BanditFamily(3), Algorithm.RL3, null, 12, ppo, 1e-3, 21);
    FitThreads.set(1);
    float[] one = trained(s);
    FitThreads.set(2);
    float[] two = trained(s);
    float[] twoAgain = trained(s);
    assertThat(twoAgain).as("two threads, twice").isEqualTo(two);
    double maxDiff = 0;
    double maxStep = 0;
    float[] init = CheckpointTest.params(ActorCritic.create(s.networkSpec()));
    for (int i = 0; i < one.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(one[i] - two[i]));
      maxStep = Math.max(maxStep, Math.abs(one[i] - init[i]));
    }
    // the updates moved parameters by up to ~lr per Adam step; the split changes only rounding
    assertThat(maxStep).as("training moved the parameters").isGreaterThan(1e-2);
    assertThat(maxDiff).as("one vs two threads (max step %s)", maxStep).isLessThan(2e-4);
  }

  private static float[] trained(TrainingSetup s) {
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    PpoTrainer.train(ac, s, 1, 3, m -> {});
    return CheckpointTest.params(ac);
  }

  private static Map<String, INDArray> copy(Map<String, INDArray> m) {
    Map<String, INDArray> out = new java.util.HashMap<>();
    m.forEach((k, v) -> out.put(k, v.dup()));
    return out;
  }
}
