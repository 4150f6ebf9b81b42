package org.rl3spark.bench;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.learner.dl4j.Networks;
import org.rl3spark.learner.dl4j.PpoLabels;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.NetworkSpec;

/**
 * The PPO update the learner benchmarks time: the reference actor (m = 11 inputs, 5 actions, 100
 * positions) and one minibatch of 32 sequences × 100 steps with random observations, actions and
 * advantages (seeded), old probabilities 0.2.
 */
final class UpdateMinibatch {

  static final int M = 11;
  static final int N = 5;
  static final int BATCH = 32;
  static final int STEPS = 100;

  private UpdateMinibatch() {}

  /** A fresh actor graph of the reference size. */
  static ComputationGraph actor() {
    return Networks.init(
        Networks.actor(NetworkSpec.reference(Architecture.TRANSFORMER, M, N, STEPS, 3e-4, 1)));
  }

  /** The minibatch (features [32, 11, 100], PPO labels [32, width, 100]). */
  static MultiDataSet minibatch() {
    Rng rng = Seeds.rng(1, "bench/learner");
    float[] x = new float[BATCH * M * STEPS];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble();
    }
    int w = PpoLabels.width(N);
    float[] l = new float[BATCH * w * STEPS];
    for (int b = 0; b < BATCH; b++) {
      for (int s = 0; s < STEPS; s++) {
        l[(b * w + rng.nextInt(N)) * STEPS + s] = 1;
        l[(b * w + PpoLabels.advantage(N)) * STEPS + s] = (float) rng.nextGaussian();
        l[(b * w + PpoLabels.oldLogProb(N)) * STEPS + s] = (float) Math.log(0.2);
        l[(b * w + PpoLabels.entropyCoef(N)) * STEPS + s] = 0.01f;
        l[(b * w + PpoLabels.weight(N)) * STEPS + s] = 0.01f;
      }
    }
    return new MultiDataSet(
        Nd4j.create(x, new long[] {BATCH, M, STEPS}, 'c'),
        Nd4j.create(l, new long[] {BATCH, w, STEPS}, 'c'));
  }
}
