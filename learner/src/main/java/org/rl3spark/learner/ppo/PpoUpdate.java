package org.rl3spark.learner.ppo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rl3spark.core.ppo.Gae;
import org.rl3spark.core.random.Categorical;
import org.rl3spark.core.random.Rng;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.ActorCritic.Fitter;
import org.rl3spark.learner.dl4j.PpoLabels;
import org.rl3spark.learner.net.Minibatch;
import org.rl3spark.learner.net.ShapedArray;

/**
 * One PPO update of an actor and its critic on a batch of meta-episodes (reference §5.4), in the
 * order CleanRL's {@code ppo.py} writes it:
 *
 * <pre>
 * log π_old(a_t) from the probabilities the rollouts sampled with
 * for each of the epochs:
 *   minibatches: whole sequences in env order (transformer, LSTM), shuffled steps (Markov)
 *   critic: one Adam step per minibatch on ½(V − (v_old + A))², coupled L2   (every epoch)
 *   while the actor is active:
 *     actor: one Adam step per minibatch on the clipped surrogate (advantages normalised within
 *            the minibatch) minus c·entropy
 *     KL(old ‖ new) on the whole batch; at the target the actor stops for the iteration
 * statistics after the update: mean losses, entropy, last KL, clip fraction
 * </pre>
 *
 * <p>The losses themselves are DL4J loss functions over the labels packed here ({@link PpoLabels}
 * for the actor, [target | weight] for the critic); their formulas are {@code core.ppo}'s. Each
 * epoch hands the critic's minibatches, then the actor's, to a {@link Fitter} (in this process or
 * on Spark); the two networks are independent, so this gives the parameters of interleaving them.
 * DL4J divides a minibatch's summed loss by its number of sequences (or rows): a weight of 1/H per
 * position of a sequence (1 per row) makes each fit the mean over positions, as in the reference.
 */
public final class PpoUpdate {

  private PpoUpdate() {}

  /** The update, fitting minibatch by minibatch in this process. */
  public static UpdateStats run(
      ActorCritic ac,
      RolloutBatch b,
      Advantages adv,
      PpoConfig cfg,
      double entropyCoef,
      Rng shuffle) {
    return run(ac, b, adv, cfg, entropyCoef, shuffle, Fitter.LOCAL);
  }

  /**
   * The update.
   *
   * @param entropyCoef the entropy bonus c of this iteration
   * @param shuffle generator of the Markov minibatch order (unused for sequence models)
   * @param fitter fits a network on minibatches in order (in this process, or on Spark)
   * @throws NonFiniteException if a loss or a parameter is not finite after a fit
   */
  public static UpdateStats run(
      ActorCritic ac,
      RolloutBatch b,
      Advantages adv,
      PpoConfig cfg,
      double entropyCoef,
      Rng shuffle,
      Fitter fitter) {
    int positions = b.envs() * b.horizon();
    int a = b.numActions();
    float[] logOld = new float[positions];
    for (int i = 0; i < positions; i++) {
      logOld[i] =
          (float) Math.log(Math.max(b.probabilities()[i * a + b.actions()[i]], Float.MIN_NORMAL));
    }
    boolean markov = BatchOutputs.markov(ac);
    boolean actorActive = true;
    int actorEpochs = 0;
    double policyLoss = 0;
    int policySteps = 0;
    double valueLoss = 0;
    int valueSteps = 0;
    double kl = 0;
    float[] probs = null;
    for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
      int[][] minibatches =
          markov
              ? shuffledSteps(positions, cfg.minibatchSteps(), shuffle)
              : sequenceChunks(b.envs(), cfg.sequencesPerMinibatch());
      List<Minibatch> criticData = new ArrayList<>(minibatches.length);
      for (int[] mb : minibatches) {
        criticData.add(markov ? criticRows(b, adv, mb) : criticSequences(b, adv, mb));
      }
      List<Minibatch> actorData = null;
      if (actorActive) {
        actorData = new ArrayList<>(minibatches.length);
        for (int[] mb : minibatches) {
          actorData.add(
              markov
                  ? actorRows(b, adv, logOld, mb, entropyCoef)
                  : actorSequences(b, adv, logOld, mb, entropyCoef));
        }
        // Critic first, then actor, in one call: a distributed fitter fits both in one round.
        double[] losses = ac.fitCriticAndActor(criticData, actorData, fitter);
        valueLoss += losses[0];
        policyLoss += losses[1];
      } else {
        valueLoss += ac.fitCritic(criticData, fitter);
      }
      valueSteps += minibatches.length;
      requireFinite(valueLoss, ac.criticFinite(), "critic", epoch);
      if (actorActive) {
        policySteps += minibatches.length;
        requireFinite(policyLoss, ac.actorFinite(), "actor", epoch);
        actorEpochs++;
        probs = BatchOutputs.probabilities(ac, b);
        kl = 0;
        for (int i = 0; i < positions; i++) {
          kl += Categorical.kl(b.probabilities(), i * a, probs, i * a, a);
        }
        kl /= positions;
        if (kl >= cfg.klTarget()) {
          actorActive = false;
        }
      }
    }
    if (probs == null) {
      probs = BatchOutputs.probabilities(ac, b);
    }
    double entropy = 0;
    int clipped = 0;
    for (int i = 0; i < positions; i++) {
      entropy += Categorical.entropy(probs, i * a, a);
      double ratio = probs[i * a + b.actions()[i]] / Math.exp(logOld[i]);
      if (Math.abs(ratio - 1) > cfg.clip()) {
        clipped++;
      }
    }
    // DL4J's scores are per sequence (or row); the label weights make them means over positions.
    return new UpdateStats(
        policySteps == 0 ? 0 : policyLoss / policySteps,
        valueSteps == 0 ? 0 : valueLoss / valueSteps,
        entropy / positions,
        kl,
        (double) clipped / positions,
        actorEpochs);
  }

  /** A non-finite loss or parameter: the update is abandoned before anything is written. */
  public static final class NonFiniteException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NonFiniteException(String message) {
      super(message);
    }
  }

  private static void requireFinite(double loss, boolean paramsFinite, String what, int epoch) {
    if (!Double.isFinite(loss)) {
      throw new NonFiniteException(
          "non-finite "
              + what
              + " loss "
              + loss
              + " in epoch "
              + (epoch + 1)
              + " of the PPO update: aborting before any checkpoint is written");
    }
    if (!paramsFinite) {
      throw new NonFiniteException(
          "non-finite "
              + what
              + " parameters after epoch "
              + (epoch + 1)
              + " of the PPO update: aborting before any checkpoint is written");
    }
  }

  // ---- minibatches: which envs or steps ---------------------------------------------------------

  /** Envs 0 .. n − 1 in order, {@code size} per minibatch (the last one shorter). */
  static int[][] sequenceChunks(int n, int size) {
    int k = Math.min(size, n);
    int count = (n + k - 1) / k;
    int[][] out = new int[count][];
    for (int i = 0; i < count; i++) {
      out[i] = BatchOutputs.range(i * k, Math.min(n, (i + 1) * k));
    }
    return out;
  }

  /** Steps 0 .. total − 1 in a Fisher–Yates order from {@code rng}, {@code size} per minibatch. */
  static int[][] shuffledSteps(int total, int size, Rng rng) {
    int[] perm = BatchOutputs.range(0, total);
    for (int i = total - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int k = Math.min(size, total);
    int count = (total + k - 1) / k;
    int[][] out = new int[count][];
    for (int i = 0; i < count; i++) {
      out[i] = Arrays.copyOfRange(perm, i * k, Math.min(total, (i + 1) * k));
    }
    return out;
  }

  // ---- minibatches: inputs and labels -----------------------------------------------------------

  /** Actor labels of whole sequences, [k, w, H]: one-hot action, advantage, log π_old, c, 1/H. */
  private static Minibatch actorSequences(
      RolloutBatch b, Advantages adv, float[] logOld, int[] envs, double entropyCoef) {
    int h = b.horizon();
    int a = b.numActions();
    int w = PpoLabels.width(a);
    float[] norm = new float[envs.length * h];
    for (int i = 0; i < envs.length; i++) {
      System.arraycopy(adv.advantages(), envs[i] * h, norm, i * h, h);
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
  private static Minibatch criticSequences(RolloutBatch b, Advantages adv, int[] envs) {
    int h = b.horizon();
    float[] l = new float[envs.length * PpoLabels.CRITIC_WIDTH * (h + 1)];
    float weight = 1f / h;
    for (int i = 0; i < envs.length; i++) {
      for (int t = 0; t < h; t++) {
        l[(i * 2) * (h + 1) + t] = adv.targets()[envs[i] * h + t];
        l[(i * 2 + 1) * (h + 1) + t] = weight;
      }
      // position H (the post-final observation) has weight 0: it is never a regression target
    }
    return new Minibatch(
        b.sequences(envs, h + 1), new ShapedArray(l, envs.length, PpoLabels.CRITIC_WIDTH, h + 1));
  }

  /** Actor labels of single steps (Markov), [k, w], weight 1 (DL4J divides by the rows). */
  private static Minibatch actorRows(
      RolloutBatch b, Advantages adv, float[] logOld, int[] steps, double entropyCoef) {
    int a = b.numActions();
    int w = PpoLabels.width(a);
    float[] norm = new float[steps.length];
    for (int i = 0; i < steps.length; i++) {
      norm[i] = adv.advantages()[steps[i]];
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
  private static Minibatch criticRows(RolloutBatch b, Advantages adv, int[] steps) {
    float[] l = new float[steps.length * PpoLabels.CRITIC_WIDTH];
    for (int i = 0; i < steps.length; i++) {
      l[2 * i] = adv.targets()[steps[i]];
      l[2 * i + 1] = 1f;
    }
    return new Minibatch(
        b.stepRows(steps), new ShapedArray(l, steps.length, PpoLabels.CRITIC_WIDTH));
  }
}
