package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rl3spark.learner.dl4j.DirectBodyTest.assertClose;
import static org.rl3spark.learner.dl4j.DirectBodyTest.random;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.NetworkSpec;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.TrainingSetup;

/**
 * {@link SequenceOutputLayer} computes what DL4J's {@link RnnOutputLayer} computes: the same
 * outputs bit for bit, the same score, the same parameter gradients up to float rounding, with and
 * without a label mask, for the actor's PPO loss and the critic's loss; the score DL4J asks for
 * after the backward pass is the one computed there; fits of both stay together; checkpoints
 * written with DL4J's layer load with it.
 */
class SequenceOutputTest {

  /** The same graph with DL4J's RNN output layer. */
  static ComputationGraph dl4jTwin(ComputationGraph g) {
    String json = g.getConfiguration().toJson();
    assertThat(json).contains(SequenceOutputLayer.class.getName());
    ComputationGraph twin =
        Networks.init(
            ComputationGraphConfiguration.fromJson(
                json.replace(SequenceOutputLayer.class.getName(), RnnOutputLayer.class.getName())));
    twin.setParams(g.params());
    return twin;
  }

  @ParameterizedTest(name = "critic={0} masked={1}")
  @CsvSource({"false, false", "false, true", "true, false", "true, true"})
  void matchesDl4jsRnnOutputLayer(boolean critic, boolean masked) {
    NetworkSpec s =
        new NetworkSpec(Architecture.TRANSFORMER, 6, 3, 10, 16, 4, 2, 32, 12, 1e-3, 0.01, 23);
    ComputationGraph ours = Networks.init(critic ? Networks.critic(s) : Networks.actor(s));
    ComputationGraph dl4j = dl4jTwin(ours);
    assertThat(ours.getLayer(Networks.OUTPUT)).isInstanceOf(SequenceOutput.class);
    assertThat(dl4j.getLayer(Networks.OUTPUT)).isNotInstanceOf(SequenceOutput.class);
    int len = critic ? 11 : 10;
    Rng rng = Seeds.rng(6, "test/sequence-output", critic ? 1 : 0, masked ? 1 : 0);
    INDArray x = random(rng, new long[] {5, 6, len}, 2);
    INDArray labels =
        critic
            ? DirectBodyTest.criticLabels(rng, 5, len)
            : DirectBodyTest.actorLabels(rng, 5, 3, len);
    INDArray mask = null;
    if (masked) {
      float[] m = new float[5 * len];
      for (int i = 0; i < m.length; i++) {
        m[i] = rng.nextDouble() < 0.3 ? 0 : 1;
      }
      mask = Nd4j.create(m, new long[] {5, len}, 'c');
    }
    float[] outOurs = ours.outputSingle(x).dup().data().asFloat();
    float[] outDl4j = dl4j.outputSingle(x).dup().data().asFloat();
    assertThat(outOurs).isEqualTo(outDl4j);

    SequenceOutput out = (SequenceOutput) ours.getLayer(Networks.OUTPUT);
    long reused = out.reusedScores();
    for (ComputationGraph g : new ComputationGraph[] {ours, dl4j}) {
      g.setInputs(x);
      g.setLabels(labels);
      g.setLayerMaskArrays(null, mask == null ? null : new INDArray[] {mask});
      g.computeGradientAndScore();
    }
    assertThat(out.reusedScores() - reused).as("score from the backward pass").isEqualTo(1);
    assertThat(ours.score())
        .isCloseTo(
            dl4j.score(),
            org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(dl4j.score()))));
    assertClose("gradient", ours.gradient().gradient(), dl4j.gradient().gradient(), 1e-5);

    // several fits stay together
    for (ComputationGraph g : new ComputationGraph[] {ours, dl4j}) {
      g.setLayerMaskArrays(null, null);
      for (int i = 0; i < 5; i++) {
        g.fit(
            new MultiDataSet(
                new INDArray[] {x},
                new INDArray[] {labels},
                null,
                mask == null ? null : new INDArray[] {mask}));
      }
    }
    assertClose("parameters after 5 fits", ours.params(), dl4j.params(), 1e-5);
  }

  @Test
  void checkpointsWithDl4jsOutputLayerLoadWithIt(@TempDir Path dir) throws Exception {
    TrainingSetup s = CheckpointTest.setup(Algorithm.RL3);
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    ActorCritic old = ActorCritic.of(ac.spec(), dl4jTwin(ac.actor()), dl4jTwin(ac.critic()));
    Checkpoint.write(dir.resolve("old"), old, CheckpointTest.state(s, old, 1));
    assertThat(Files.readString(dir.resolve("old/actor.json")))
        .doesNotContain(SequenceOutputLayer.class.getName());
    ActorCritic loaded = Checkpoint.read(dir.resolve("old")).networks();
    assertThat(loaded.actor().getLayer(Networks.OUTPUT)).isInstanceOf(SequenceOutput.class);
    assertThat(loaded.critic().getLayer(Networks.OUTPUT)).isInstanceOf(SequenceOutput.class);
    assertThat(CheckpointTest.params(loaded)).isEqualTo(CheckpointTest.params(ac));
  }
}
