package org.rl3spark.learner.ppo;

import java.util.Arrays;
import org.rl3spark.core.random.Rng;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.ActorCritic.Fitter;
import org.rl3spark.learner.dl4j.PpoLabels;

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
 * <p>The losses themselves are DL4J loss functions over the labels {@link UpdateData} packs ({@link
 * PpoLabels} for the actor, [target | weight] for the critic); their formulas are {@code
 * core.ppo}'s. Each epoch goes to an {@link EpochFitter}: in this process, the critic's minibatches
 * then the actor's handed to a {@link Fitter} (the two networks are independent, so this gives the
 * parameters of interleaving them); or on Spark, where workers pack their own minibatches and
 * measure the KL on their share of the batch. The KL after an actor epoch is measured before the
 * next epoch, which fits the actor only if it is below the target (the same rule). DL4J divides a
 * minibatch's summed loss by its number of sequences (or rows): a weight of 1/H per position of a
 * sequence (1 per row) makes each fit the mean over positions, as in the reference.
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

  /** The update, each epoch's minibatches fitted in this process by {@code fitter}. */
  public static UpdateStats run(
      ActorCritic ac,
      RolloutBatch b,
      Advantages adv,
      PpoConfig cfg,
      double entropyCoef,
      Rng shuffle,
      Fitter fitter) {
    return run(ac, b, adv, cfg, entropyCoef, shuffle, EpochFitter.of(fitter));
  }

  /**
   * The update.
   *
   * @param entropyCoef the entropy bonus c of this iteration
   * @param shuffle generator of the Markov minibatch order (unused for sequence models)
   * @param fitter fits the epochs (in this process, or on Spark)
   * @throws NonFiniteException if a loss or a parameter is not finite after a fit
   */
  public static UpdateStats run(
      ActorCritic ac,
      RolloutBatch b,
      Advantages adv,
      PpoConfig cfg,
      double entropyCoef,
      Rng shuffle,
      EpochFitter fitter) {
    int positions = b.envs() * b.horizon();
    boolean markov = BatchOutputs.markov(ac);
    UpdateData data = UpdateData.of(b, adv, entropyCoef, markov);
    boolean actorActive = true;
    int actorEpochs = 0;
    double policyLoss = 0;
    int policySteps = 0;
    double valueLoss = 0;
    int valueSteps = 0;
    // Every epoch's minibatches, drawn in epoch order (the Markov shuffles from the generator).
    int[][][] plan = new int[cfg.epochs()][][];
    for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
      plan[epoch] =
          markov
              ? shuffledSteps(positions, cfg.minibatchSteps(), shuffle)
              : sequenceChunks(b.envs(), cfg.sequencesPerMinibatch());
    }
    ActorStats stats;
    try (EpochFitter.Session session = fitter.begin(ac, data, cfg.clip(), plan)) {
      for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
        int[][] minibatches = plan[epoch];
        // KL(old ‖ new) of the actor after its last epoch, measured before this one: at the
        // target the actor stops for the iteration.
        boolean check = actorActive && epoch > 0;
        EpochFitter.Epoch e = session.epoch(actorActive, check ? cfg.klTarget() : Double.NaN);
        valueLoss += e.criticLoss();
        valueSteps += minibatches.length;
        requireFinite(valueLoss, e.criticFinite(), "critic", epoch);
        actorActive = e.actorFitted();
        if (actorActive) {
          policyLoss += e.actorLoss();
          policySteps += minibatches.length;
          requireFinite(policyLoss, e.actorFinite(), "actor", epoch);
          actorEpochs++;
        }
      }
      stats = session.finish();
    }
    // DL4J's scores are per sequence (or row); the label weights make them means over positions.
    return new UpdateStats(
        policySteps == 0 ? 0 : policyLoss / policySteps,
        valueSteps == 0 ? 0 : valueLoss / valueSteps,
        stats.entropy(),
        stats.kl(),
        stats.clipFraction(),
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
}
