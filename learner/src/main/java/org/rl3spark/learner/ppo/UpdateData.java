package org.rl3spark.learner.ppo;

import java.io.Serializable;
import java.util.function.Function;
import org.rl3spark.core.ppo.Gae;
import org.rl3spark.core.random.Categorical;
import org.rl3spark.learner.dl4j.PpoLabels;
import org.rl3spark.learner.net.Minibatch;
import org.rl3spark.learner.net.ShapedArray;

/**
 * What one PPO update fits on, in one serialisable value: the batch, its advantages and critic
 * targets, log π_old of the actions taken, the iteration's entropy bonus c. From it any process
 * builds a minibatch from its env (or step) indices, the actor's probabilities on a range of envs
 * and the {@link ActorStats} of that range, so a distributed fit ships it once per update and
 * workers pack their own minibatches and compute the KL check of their share.
 *
 * @param batch the meta-episodes
 * @param advantages GAE advantages and targets of {@code batch}
 * @param logOld log π_old(a_t) at every step, [N][H]
 * @param entropyCoef the entropy bonus c
 * @param markov whether the networks see single steps (the Markov MLP) rather than sequences
 */
public record UpdateData(
    RolloutBatch batch, Advantages advantages, float[] logOld, double entropyCoef, boolean markov)
    implements Serializable {

  /** The update's data, with log π_old from the probabilities the rollouts sampled with. */
  public static UpdateData of(RolloutBatch b, Advantages adv, double entropyCoef, boolean markov) {
    int positions = b.envs() * b.horizon();
    int a = b.numActions();
    float[] logOld = new float[positions];
    for (int i = 0; i < positions; i++) {
      logOld[i] =
          (float) Math.log(Math.max(b.probabilities()[i * a + b.actions()[i]], Float.MIN_NORMAL));
    }
    return new UpdateData(b, adv, logOld, entropyCoef, markov);
  }

  /** N·H. */
  public int positions() {
    return batch.envs() * batch.horizon();
  }

  /**
   * The actor's action probabilities at every step of envs {@code from .. to − 1}, [to −
   * from][H][n], from a function giving the actor's logits of inputs ({@code
   * ActorCritic.actorLogits}).
   */
  public float[] probabilities(Function<ShapedArray, float[]> logits, int from, int to) {
    return BatchOutputs.probabilities(logits, markov, batch, from, to);
  }

  /**
   * The actor statistics of envs {@code from .. to − 1}, summed position by position in order.
   *
   * @param probs the current actor's probabilities of those envs, as {@link #probabilities} gives
   * @param clip ε
   */
  public ActorStats stats(float[] probs, int from, int to, double clip) {
    int a = batch.numActions();
    int h = batch.horizon();
    double kl = 0;
    double entropy = 0;
    long clipped = 0;
    for (int i = from * h, j = 0; i < to * h; i++, j++) {
      kl += Categorical.kl(batch.probabilities(), i * a, probs, j * a, a);
      entropy += Categorical.entropy(probs, j * a, a);
      double ratio = probs[j * a + batch.actions()[i]] / Math.exp(logOld[i]);
      if (Math.abs(ratio - 1) > clip) {
        clipped++;
      }
    }
    return new ActorStats(kl, entropy, clipped, (long) (to - from) * h);
  }

  /** The critic's minibatch of these envs (sequences) or steps (Markov). */
  public Minibatch critic(int[] indices) {
    return markov ? criticRows(indices) : criticSequences(indices);
  }

  /** The actor's minibatch of these envs (sequences) or steps (Markov). */
  public Minibatch actor(int[] indices) {
    return markov ? actorRows(indices) : actorSequences(indices);
  }

  /** Actor labels of whole sequences, [k, w, H]: one-hot action, advantage, log π_old, c, 1/H. */
  private Minibatch actorSequences(int[] envs) {
    RolloutBatch b = batch;
    int h = b.horizon();
    int a = b.numActions();
    int w = PpoLabels.width(a);
    float[] norm = new float[envs.length * h];
    for (int i = 0; i < envs.length; i++) {
      System.arraycopy(advantages.advantages(), envs[i] * h, norm, i * h, h);
    }
    Gae.normalize(norm, 0, norm.length);
    float[] l = new float[envs.length * w * h];
    float weight = 1f / h; // DL4J divides by the number of sequences
    for (int i = 0; i < envs.length; i++) {
      for (int t = 0; t < h; t++) {
        int s = envs[i] * h + t;
        l[(i * w + b.actions()[s]) * h + t] = 1;
        l[(i * w + PpoLabels.advantage(a)) * h + t] = norm[i * h + t];
        l[(i * w + PpoLabels.oldLogProb(a)) * h + t] = logOld[s];
        l[(i * w + PpoLabels.entropyCoef(a)) * h + t] = (float) entropyCoef;
        l[(i * w + PpoLabels.weight(a)) * h + t] = weight;
      }
    }
    return new Minibatch(b.sequences(envs, h), new ShapedArray(l, envs.length, w, h));
  }

  /** Critic labels of whole sequences, [k, 2, H + 1]: target v_old + A and weight 1/H. */
  private Minibatch criticSequences(int[] envs) {
    RolloutBatch b = batch;
    int h = b.horizon();
    float[] l = new float[envs.length * PpoLabels.CRITIC_WIDTH * (h + 1)];
    float weight = 1f / h;
    for (int i = 0; i < envs.length; i++) {
      for (int t = 0; t < h; t++) {
        l[(i * 2) * (h + 1) + t] = advantages.targets()[envs[i] * h + t];
        l[(i * 2 + 1) * (h + 1) + t] = weight;
      }
      // position H (the post-final observation) has weight 0: it is never a regression target
    }
    return new Minibatch(
        b.sequences(envs, h + 1), new ShapedArray(l, envs.length, PpoLabels.CRITIC_WIDTH, h + 1));
  }

  /** Actor labels of single steps (Markov), [k, w], weight 1 (DL4J divides by the rows). */
  private Minibatch actorRows(int[] steps) {
    RolloutBatch b = batch;
    int a = b.numActions();
    int w = PpoLabels.width(a);
    float[] norm = new float[steps.length];
    for (int i = 0; i < steps.length; i++) {
      norm[i] = advantages.advantages()[steps[i]];
    }
    Gae.normalize(norm, 0, norm.length);
    float[] l = new float[steps.length * w];
    for (int i = 0; i < steps.length; i++) {
      int s = steps[i];
      l[i * w + b.actions()[s]] = 1;
      l[i * w + PpoLabels.advantage(a)] = norm[i];
      l[i * w + PpoLabels.oldLogProb(a)] = logOld[s];
      l[i * w + PpoLabels.entropyCoef(a)] = (float) entropyCoef;
      l[i * w + PpoLabels.weight(a)] = 1f;
    }
    return new Minibatch(b.stepRows(steps), new ShapedArray(l, steps.length, w));
  }

  /** Critic labels of single steps (Markov), [k, 2]: target and weight 1. */
  private Minibatch criticRows(int[] steps) {
    float[] l = new float[steps.length * PpoLabels.CRITIC_WIDTH];
    for (int i = 0; i < steps.length; i++) {
      l[2 * i] = advantages.targets()[steps[i]];
      l[2 * i + 1] = 1f;
    }
    return new Minibatch(
        batch.stepRows(steps), new ShapedArray(l, steps.length, PpoLabels.CRITIC_WIDTH));
  }
}
