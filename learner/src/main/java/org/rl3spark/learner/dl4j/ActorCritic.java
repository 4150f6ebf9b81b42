package org.rl3spark.learner.dl4j;

import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.rl3spark.core.ppo.Gae;
import org.rl3spark.core.ppo.PpoLossMath;
import org.rl3spark.core.random.Rng;
import org.rl3spark.learner.infer.StepActor;
import org.rl3spark.learner.infer.StepActorFactory;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.NetworkSpec;
import org.rl3spark.learner.ppo.Advantages;
import org.rl3spark.learner.ppo.PpoConfig;
import org.rl3spark.learner.ppo.RolloutBatch;
import org.rl3spark.learner.ppo.UpdateStats;

/**
 * A separate actor and critic (reference §4) and the PPO update of reference §5.4.
 *
 * <p>Update: for up to {@code epochs} epochs, minibatches of whole sequences in a fixed env order
 * (transformer, LSTM) or of shuffled steps (Markov); on each, one Adam step of the critic on ½(V −
 * (v_old + A))² with coupled L2, and, while the actor is active, one Adam step of the actor on the
 * clipped surrogate with the advantages normalised within the minibatch, minus the entropy bonus.
 * After each epoch the forward KL(old ‖ new) on the whole batch stops the actor for the rest of the
 * iteration once it reaches the target; the critic runs all epochs.
 */
public final class ActorCritic {

  private final NetworkSpec spec;
  private final ComputationGraph actor;
  private final ComputationGraph critic;

  private ActorCritic(NetworkSpec spec, ComputationGraph actor, ComputationGraph critic) {
    this.spec = spec;
    this.actor = actor;
    this.critic = critic;
  }

  /** New networks; the critic's initialisation seed is derived from the actor's. */
  public static ActorCritic create(NetworkSpec spec) {
    ComputationGraph a = Networks.init(Networks.actor(spec));
    ComputationGraph c = Networks.init(Networks.critic(spec.withSeed(spec.seed() ^ 0x5DEECE66DL)));
    return new ActorCritic(spec, a, c);
  }

  /** Networks from existing graphs (checkpoints). */
  public static ActorCritic of(NetworkSpec spec, ComputationGraph actor, ComputationGraph critic) {
    return new ActorCritic(spec, actor, critic);
  }

  /** The spec. */
  public NetworkSpec spec() {
    return spec;
  }

  /** The actor graph. */
  public ComputationGraph actor() {
    return actor;
  }

  /** The critic graph. */
  public ComputationGraph critic() {
    return critic;
  }

  /** A serialisable snapshot of the current actor weights that builds step actors. */
  public StepActorFactory stepActors() {
    return switch (spec.architecture()) {
      case TRANSFORMER -> StepActorFactory.transformer(Dl4jWeights.transformer(actor, spec));
      case MARKOV -> StepActorFactory.mlp(Dl4jWeights.mlp(actor));
      case LSTM -> new LstmActorFactory(actor, spec.inputSize(), spec.numActions());
    };
  }

  /** A batched step actor with a snapshot of the current actor weights. */
  public StepActor stepActor(int batch) {
    return stepActors().create(batch);
  }

  /** Critic values of every observation of a batch: [N][H + 1]. */
  public float[] values(RolloutBatch b) {
    forgetLastFit(critic);
    int n = b.envs();
    int h = b.horizon();
    float[] out = new float[n * (h + 1)];
    if (spec.architecture() == Architecture.MARKOV) {
      INDArray v = critic.outputSingle(rows(b, allEnvs(n), h + 1));
      System.arraycopy(v.castTo(DataType.FLOAT).dup('c').data().asFloat(), 0, out, 0, out.length);
      return out;
    }
    for (int from = 0; from < n; from += chunk()) {
      int[] envs = range(from, Math.min(n, from + chunk()));
      INDArray v = critic.outputSingle(sequences(b, envs, h + 1)); // [k, 1, H+1]
      float[] f = v.castTo(DataType.FLOAT).dup('c').data().asFloat();
      System.arraycopy(f, 0, out, from * (h + 1), f.length);
    }
    return out;
  }

  /** The current actor's action probabilities at every step of a batch: [N][H][n]. */
  public float[] probabilities(RolloutBatch b) {
    forgetLastFit(actor);
    int n = b.envs();
    int h = b.horizon();
    int a = b.numActions();
    float[] out = new float[n * h * a];
    if (spec.architecture() == Architecture.MARKOV) {
      float[] z = actor.outputSingle(rows(b, allEnvs(n), h)).castTo(DataType.FLOAT)
          .dup('c').data().asFloat();
      for (int r = 0; r < n * h; r++) {
        org.rl3spark.learner.ppo.RolloutCollector.softmax(z, r * a, a, out, r * a);
      }
      return out;
    }
    for (int from = 0; from < n; from += chunk()) {
      int[] envs = range(from, Math.min(n, from + chunk()));
      INDArray z = actor.outputSingle(sequences(b, envs, h)); // [k, n, H]
      INDArray zt = z.permute(0, 2, 1).dup('c'); // [k, H, n]
      float[] f = zt.castTo(DataType.FLOAT).data().asFloat();
      for (int r = 0; r < envs.length * h; r++) {
        org.rl3spark.learner.ppo.RolloutCollector.softmax(f, r * a, a, out, (from * h + r) * a);
      }
    }
    return out;
  }

  /**
   * Drops the inputs and labels a fit left on a graph. DL4J takes a graph's batch size from its
   * labels while they are set, and the LSTM graphs' feed-forward-to-RNN reshape uses it: an output
   * after a fit would fold [k·T, ·] rows into the last minibatch's sequence count and run the LSTM
   * on sequences mixed from several envs (LstmStepActorTest).
   */
  private static void forgetLastFit(ComputationGraph net) {
    net.clear();
  }

  private int chunk() {
    return 64;
  }

  /** One PPO update on a batch, fitting minibatch by minibatch in this process. */
  public UpdateStats update(
      RolloutBatch b, Advantages adv, PpoConfig cfg, double entropyCoef, Rng shuffle) {
    return update(b, adv, cfg, entropyCoef, shuffle, Fitter.LOCAL);
  }

  /**
   * One PPO update on a batch.
   *
   * <p>Each epoch's minibatches are handed to {@code fitter}: the critic's and (while the actor is
   * active) the actor's, in one {@link Fitter#fitAll} call, critic first. The two networks are
   * independent, so this gives the same parameters as interleaving them. After each network's epoch its near-zero parameters and
   * optimizer state are flushed to zero ({@link Denormals}).
   *
   * @param entropyCoef the entropy bonus of this iteration
   * @param shuffle generator of the Markov minibatch order (unused for sequence models)
   * @param fitter fits a network on minibatches in order (in this process, or on Spark)
   * @throws NonFiniteException if a loss or a parameter is not finite after a fit
   */
  public UpdateStats update(
      RolloutBatch b, Advantages adv, PpoConfig cfg, double entropyCoef, Rng shuffle,
      Fitter fitter) {
    int n = b.envs();
    int h = b.horizon();
    int a = b.numActions();
    float[] logOld = new float[n * h];
    for (int i = 0; i < n * h; i++) {
      logOld[i] = (float) Math.log(Math.max(b.probabilities()[i * a + b.actions()[i]],
          Float.MIN_NORMAL));
    }
    boolean actorActive = true;
    int actorEpochs = 0;
    double policyLoss = 0;
    int policySteps = 0;
    double valueLoss = 0;
    int valueSteps = 0;
    double kl = 0;
    float[] probs = null;
    boolean markov = spec.architecture() == Architecture.MARKOV;
    for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
      int[][] minibatches = markov
          ? shuffledSteps(n * h, cfg.minibatchSteps(), shuffle)
          : sequenceChunks(n, cfg.sequencesPerMinibatch());
      java.util.List<MultiDataSet> criticData = new java.util.ArrayList<>(minibatches.length);
      for (int[] mb : minibatches) {
        criticData.add(markov ? criticRows(b, adv, mb) : criticSequences(b, adv, mb));
      }
      if (actorActive) {
        java.util.List<MultiDataSet> actorData = new java.util.ArrayList<>(minibatches.length);
        for (int[] mb : minibatches) {
          actorData.add(markov
              ? actorRows(b, adv, logOld, mb, entropyCoef)
              : actorSequences(b, adv, logOld, mb, entropyCoef));
        }
        double[] losses = fitter.fitAll(java.util.List.of(critic, actor),
            java.util.List.of(criticData, actorData));
        valueLoss += losses[0];
        policyLoss += losses[1];
      } else {
        valueLoss += fitter.fit(critic, criticData);
      }
      Denormals.flush(critic);
      valueSteps += minibatches.length;
      requireFinite(critic, valueLoss, "critic", epoch);
      if (actorActive) {
        Denormals.flush(actor);
        policySteps += minibatches.length;
        requireFinite(actor, policyLoss, "actor", epoch);
        actorEpochs++;
        probs = probabilities(b);
        kl = 0;
        for (int i = 0; i < n * h; i++) {
          kl += PpoLossMath.kl(b.probabilities(), i * a, probs, i * a, a);
        }
        kl /= n * h;
        if (kl >= cfg.klTarget()) {
          actorActive = false;
        }
      }
    }
    if (probs == null) {
      probs = probabilities(b);
    }
    double entropy = 0;
    int clipped = 0;
    for (int i = 0; i < n * h; i++) {
      entropy += PpoLossMath.entropy(probs, i * a, a);
      double ratio = probs[i * a + b.actions()[i]] / Math.exp(logOld[i]);
      if (Math.abs(ratio - 1) > cfg.clip()) {
        clipped++;
      }
    }
    // DL4J reports scores divided by the number of sequences (or rows); the label weights make
    // that the mean over positions.
    return new UpdateStats(policySteps == 0 ? 0 : policyLoss / policySteps,
        valueSteps == 0 ? 0 : valueLoss / valueSteps, entropy / (n * h), kl,
        (double) clipped / (n * h), actorEpochs);
  }

  /** Fits a network on minibatches, in order; returns the sum of the minibatch scores. */
  @FunctionalInterface
  public interface Fitter {
    /** In this process: one {@code fit} per minibatch. */
    Fitter LOCAL = (net, minibatches) -> {
      double sum = 0;
      for (MultiDataSet mb : minibatches) {
        net.fit(mb);
        sum += net.score();
      }
      return sum;
    };

    /** Fits {@code net} on the minibatches in order and returns the sum of their scores. */
    double fit(ComputationGraph net, java.util.List<MultiDataSet> minibatches);

    /**
     * Fits independent networks, each on its own minibatches in order, and returns each one's sum
     * of scores. The default fits them one after the other; a distributed fitter may fit them in
     * the same rounds (one Spark job for both).
     */
    default double[] fitAll(java.util.List<ComputationGraph> nets,
        java.util.List<java.util.List<MultiDataSet>> minibatches) {
      double[] sums = new double[nets.size()];
      for (int i = 0; i < sums.length; i++) {
        sums[i] = fit(nets.get(i), minibatches.get(i));
      }
      return sums;
    }
  }

  /** A non-finite loss or parameter: the update is abandoned before anything is written. */
  public static final class NonFiniteException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NonFiniteException(String message) {
      super(message);
    }
  }

  private static void requireFinite(ComputationGraph net, double loss, String what, int epoch) {
    if (!Double.isFinite(loss)) {
      throw new NonFiniteException("non-finite " + what + " loss " + loss + " in epoch "
          + (epoch + 1) + " of the PPO update: aborting before any checkpoint is written");
    }
    double sum = net.params().castTo(DataType.DOUBLE).sumNumber().doubleValue();
    if (!Double.isFinite(sum)) {
      throw new NonFiniteException("non-finite " + what + " parameters after epoch " + (epoch + 1)
          + " of the PPO update: aborting before any checkpoint is written");
    }
  }

  // ---- minibatch construction ----------------------------------------------------------------

  static int[][] sequenceChunks(int n, int size) {
    int k = Math.min(size, n);
    int count = (n + k - 1) / k;
    int[][] out = new int[count][];
    for (int i = 0; i < count; i++) {
      out[i] = range(i * k, Math.min(n, (i + 1) * k));
    }
    return out;
  }

  static int[][] shuffledSteps(int total, int size, Rng rng) {
    int[] perm = range(0, total);
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

  static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  private static int[] allEnvs(int n) {
    return range(0, n);
  }

  /** Observations of envs over the first {@code length} positions as [k, m, length] (NCW). */
  static INDArray sequences(RolloutBatch b, int[] envs, int length) {
    int m = b.obsSize();
    float[] x = new float[envs.length * m * length];
    for (int i = 0; i < envs.length; i++) {
      for (int t = 0; t < length; t++) {
        int src = b.obs(envs[i], t);
        for (int j = 0; j < m; j++) {
          x[(i * m + j) * length + t] = b.observations()[src + j];
        }
      }
    }
    return Nd4j.create(x, new long[] {envs.length, m, length}, 'c');
  }

  /** Observations of every env at positions 0..length−1 as rows [N·length, m]. */
  static INDArray rows(RolloutBatch b, int[] envs, int length) {
    int m = b.obsSize();
    float[] x = new float[envs.length * length * m];
    for (int i = 0; i < envs.length; i++) {
      for (int t = 0; t < length; t++) {
        System.arraycopy(b.observations(), b.obs(envs[i], t), x, (i * length + t) * m, m);
      }
    }
    return Nd4j.create(x, new long[] {(long) envs.length * length, m}, 'c');
  }

  private MultiDataSet actorSequences(
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
    return new MultiDataSet(sequences(b, envs, h),
        Nd4j.create(l, new long[] {envs.length, w, h}, 'c'));
  }

  private MultiDataSet criticSequences(RolloutBatch b, Advantages adv, int[] envs) {
    int h = b.horizon();
    float[] l = new float[envs.length * 2 * (h + 1)];
    float weight = 1f / h;
    for (int i = 0; i < envs.length; i++) {
      for (int t = 0; t < h; t++) {
        l[(i * 2) * (h + 1) + t] = adv.targets()[envs[i] * h + t];
        l[(i * 2 + 1) * (h + 1) + t] = weight;
      }
      // position H (the post-final observation) has weight 0: it is never a regression target
    }
    return new MultiDataSet(sequences(b, envs, h + 1),
        Nd4j.create(l, new long[] {envs.length, 2, h + 1}, 'c'));
  }

  private MultiDataSet actorRows(
      RolloutBatch b, Advantages adv, float[] logOld, int[] steps, double entropyCoef) {
    int h = b.horizon();
    int a = b.numActions();
    int m = b.obsSize();
    int w = PpoLabels.width(a);
    float[] norm = new float[steps.length];
    for (int i = 0; i < steps.length; i++) {
      norm[i] = adv.advantages()[steps[i]];
    }
    Gae.normalize(norm, 0, norm.length);
    float[] x = new float[steps.length * m];
    float[] l = new float[steps.length * w];
    for (int i = 0; i < steps.length; i++) {
      int s = steps[i];
      System.arraycopy(b.observations(), b.obs(s / h, s % h), x, i * m, m);
      l[i * w + b.actions()[s]] = 1;
      l[i * w + PpoLabels.advantage(a)] = norm[i];
      l[i * w + PpoLabels.oldLogProb(a)] = logOld[s];
      l[i * w + PpoLabels.entropyCoef(a)] = (float) entropyCoef;
      l[i * w + PpoLabels.weight(a)] = 1f; // DL4J divides by the number of rows
    }
    return new MultiDataSet(Nd4j.create(x, new long[] {steps.length, m}, 'c'),
        Nd4j.create(l, new long[] {steps.length, w}, 'c'));
  }

  private MultiDataSet criticRows(RolloutBatch b, Advantages adv, int[] steps) {
    int h = b.horizon();
    int m = b.obsSize();
    float[] x = new float[steps.length * m];
    float[] l = new float[steps.length * 2];
    for (int i = 0; i < steps.length; i++) {
      int s = steps[i];
      System.arraycopy(b.observations(), b.obs(s / h, s % h), x, i * m, m);
      l[2 * i] = adv.targets()[s];
      l[2 * i + 1] = 1f;
    }
    return new MultiDataSet(Nd4j.create(x, new long[] {steps.length, m}, 'c'),
        Nd4j.create(l, new long[] {steps.length, 2}, 'c'));
  }
}
