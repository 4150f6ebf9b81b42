package org.rl3spark.learner.ppo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.rl3spark.core.random.Rng;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.net.Minibatch;

/**
 * Measurements of one PPO update on a fresh batch, for finding out why a training run stalls: how
 * well the critic predicts returns it has not been fitted on, how much of a minibatch's gradient is
 * signal rather than sampling noise, and how KL and entropy move epoch by epoch when the actor is
 * not stopped at the KL target.
 *
 * <p>The batch is an iteration's meta-episodes ({@link PpoTrainer#collect}) played by the networks
 * as given, with that iteration's entropy bonus and minibatch plan. Then:
 *
 * <ol>
 *   <li>the critic's explained variance on it before any fit (the training's {@code
 *       explained_variance} column);
 *   <li>{@link Noise} of the actor's and the critic's loss gradients at the current parameters,
 *       from the batch's envs split into two halves and into {@code groups} equal groups;
 *   <li>all the configured epochs of the update (the training's minibatches and losses) with the
 *       actor fitted in every one, and after each epoch: KL(old ‖ new) and entropy per position,
 *       clip fraction, both losses, and the critic's explained variance on the batch; {@link
 *       Result#stopEpochs} is how many actor epochs the training's early stop would have kept.
 * </ol>
 *
 * The networks are changed by step 3: pass a copy that is not trained further.
 */
public final class UpdateDiagnostics {

  private UpdateDiagnostics() {}

  /**
   * How noisy a loss gradient is, from g_1 … g_K: the gradients of K disjoint groups of m
   * meta-episodes each (the group mean of the loss). With ḡ their mean and S = Σ‖g_k − ḡ‖² / (K −
   * 1) the estimated trace of one group gradient's covariance, ‖G‖² ≈ ‖ḡ‖² − S / K is an unbiased
   * estimate of the squared norm of the expected gradient G, and B = m · S / ‖G‖² is the gradient
   * noise scale in meta-episodes (McCandlish et al. 2018, "B_simple"): a minibatch much smaller
   * than B takes steps that are mostly noise.
   *
   * @param halvesCosine cosine between the gradients of the batch's two halves (1: the halves
   *     agree; near 0: the batch's gradient is mostly noise)
   * @param groupCosine mean cosine between the gradients of two different groups
   * @param signal ‖G‖² estimate (may be ≤ 0 when noise dominates; then the scale is infinite)
   * @param trace S, the trace of a group gradient's covariance
   * @param groupSize m, meta-episodes per group (the mean, when the envs do not divide evenly)
   * @param noiseScale B in meta-episodes, or +∞ when the signal estimate is not positive
   */
  public record Noise(
      double halvesCosine,
      double groupCosine,
      double signal,
      double trace,
      double groupSize,
      double noiseScale) {

    /** The statistics of group gradients (and the halves' cosine). */
    static Noise of(float[][] groups, double groupSize, float[] halfA, float[] halfB) {
      int k = groups.length;
      int d = groups[0].length;
      double[] mean = new double[d];
      for (float[] g : groups) {
        for (int i = 0; i < d; i++) {
          mean[i] += g[i];
        }
      }
      double meanNorm2 = 0;
      for (int i = 0; i < d; i++) {
        mean[i] /= k;
        meanNorm2 += mean[i] * mean[i];
      }
      double spread = 0;
      for (float[] g : groups) {
        for (int i = 0; i < d; i++) {
          double x = g[i] - mean[i];
          spread += x * x;
        }
      }
      double trace = spread / (k - 1);
      double signal = meanNorm2 - trace / k;
      double cosSum = 0;
      int pairs = 0;
      for (int a = 0; a < k; a++) {
        for (int b = a + 1; b < k; b++) {
          cosSum += cosine(groups[a], groups[b]);
          pairs++;
        }
      }
      double scale = signal > 0 ? groupSize * trace / signal : Double.POSITIVE_INFINITY;
      return new Noise(cosine(halfA, halfB), cosSum / pairs, signal, trace, groupSize, scale);
    }
  }

  /**
   * One epoch of the update, measured after it.
   *
   * @param epoch 1-based
   * @param kl mean KL(π_old ‖ π) per position over the batch
   * @param entropy mean entropy of π per position
   * @param clipFraction fraction of positions whose ratio is outside [1 − ε, 1 + ε]
   * @param actorLoss the actor's mean minibatch loss in this epoch
   * @param criticLoss the critic's mean minibatch loss in this epoch
   * @param criticExplained the critic's explained variance on the batch after the epoch
   */
  public record Epoch(
      int epoch,
      double kl,
      double entropy,
      double clipFraction,
      double actorLoss,
      double criticLoss,
      double criticExplained) {}

  /**
   * The measurements of one batch.
   *
   * @param iteration the iteration whose tasks and streams the batch used
   * @param meanReturn the batch's mean meta-episode return (actions sampled)
   * @param entropyCoef the iteration's entropy bonus
   * @param entropyBefore the actor's mean entropy per position before the update
   * @param explainedBefore the critic's explained variance on the batch before any fit
   * @param actor the actor's gradient noise
   * @param critic the critic's gradient noise
   * @param epochs every configured epoch, the actor fitted in each
   * @param stopEpochs the actor epochs the KL early stop keeps: 1 + the epochs after which KL stays
   *     below the target
   */
  public record Result(
      int iteration,
      double meanReturn,
      double entropyCoef,
      double entropyBefore,
      double explainedBefore,
      Noise actor,
      Noise critic,
      List<Epoch> epochs,
      int stopEpochs) {}

  /**
   * Measures an update of {@code ac} on iteration {@code iteration}'s batch.
   *
   * @param groups K ≥ 2 groups of envs for the noise statistics, at most the envs
   */
  public static Result measure(ActorCritic ac, TrainingSetup s, int iteration, int groups) {
    PpoConfig cfg = s.ppo();
    if (groups < 2 || groups > cfg.envs()) {
      throw new IllegalArgumentException(
          "gradient groups must be in [2, envs = " + cfg.envs() + "], got " + groups);
    }
    RolloutBatch batch = PpoTrainer.collect(ac, s, iteration);
    int h = batch.horizon();
    int n = batch.envs();
    float[] values = BatchOutputs.values(ac, batch);
    Advantages adv = Advantages.of(batch, values, cfg.gamma(), cfg.lambda());
    double explained = adv.explainedVariance(values, h);
    double coef = cfg.entropy().at(iteration);
    boolean markov = BatchOutputs.markov(ac);
    UpdateData data = UpdateData.of(batch, adv, coef, markov);

    int[][] envGroups = envGroups(n, groups);
    int[][] halves = envGroups(n, 2);
    double groupSize = (double) n / groups;
    Noise actor = noise(data, envGroups, halves, groupSize, ac::actorGradient, true);
    Noise critic = noise(data, envGroups, halves, groupSize, ac::criticGradient, false);

    // The training's plan: one minibatch-order stream for all epochs of the iteration.
    Rng order = s.minibatchRng(iteration);
    int[][][] plan = new int[cfg.epochs()][][];
    for (int e = 0; e < cfg.epochs(); e++) {
      plan[e] =
          markov
              ? PpoUpdate.shuffledSteps(n * h, cfg.minibatchSteps(), order)
              : PpoUpdate.sequenceChunks(n, cfg.sequencesPerMinibatch());
    }
    List<Epoch> epochs = new ArrayList<>();
    double entropyBefore;
    int stop = cfg.epochs();
    try (EpochFitter.Session session = EpochFitter.LOCAL.begin(ac, data, cfg.clip(), plan)) {
      entropyBefore = session.finish().entropy();
      for (int e = 0; e < cfg.epochs(); e++) {
        EpochFitter.Epoch fitted = session.epoch(true, Double.NaN);
        ActorStats after = session.finish();
        double ev = adv.explainedVariance(BatchOutputs.values(ac, batch), h);
        epochs.add(
            new Epoch(
                e + 1,
                after.kl(),
                after.entropy(),
                after.clipFraction(),
                fitted.actorLoss() / plan[e].length,
                fitted.criticLoss() / plan[e].length,
                ev));
        if (stop == cfg.epochs() && e + 1 < cfg.epochs() && after.kl() >= cfg.klTarget()) {
          stop = e + 1; // the training measures this KL before epoch e + 2 and stops the actor
        }
      }
    }
    return new Result(
        iteration, batch.meanReturn(), coef, entropyBefore, explained, actor, critic, epochs, stop);
  }

  /** Envs 0 .. n − 1 in k contiguous groups whose sizes differ by at most one. */
  static int[][] envGroups(int n, int k) {
    int[][] out = new int[k][];
    for (int g = 0; g < k; g++) {
      out[g] = BatchOutputs.range((int) ((long) g * n / k), (int) ((long) (g + 1) * n / k));
    }
    return out;
  }

  private static Noise noise(
      UpdateData data,
      int[][] groups,
      int[][] halves,
      double groupSize,
      Function<Minibatch, float[]> gradient,
      boolean actor) {
    float[][] g = new float[groups.length][];
    for (int i = 0; i < groups.length; i++) {
      g[i] = gradient.apply(minibatch(data, groups[i], actor));
    }
    float[] a = gradient.apply(minibatch(data, halves[0], actor));
    float[] b = gradient.apply(minibatch(data, halves[1], actor));
    return Noise.of(g, groupSize, a, b);
  }

  /** One minibatch of the envs: their sequences, or all their steps (Markov). */
  private static Minibatch minibatch(UpdateData data, int[] envs, boolean actor) {
    int[] indices = envs;
    if (data.markov()) {
      int h = data.batch().horizon();
      indices = new int[envs.length * h];
      for (int i = 0; i < envs.length; i++) {
        for (int t = 0; t < h; t++) {
          indices[i * h + t] = envs[i] * h + t;
        }
      }
    }
    return actor ? data.actor(indices) : data.critic(indices);
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : Double.NaN;
  }
}
