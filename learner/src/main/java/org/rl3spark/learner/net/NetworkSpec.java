package org.rl3spark.learner.net;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape and optimiser of an actor and its critic.
 *
 * @param architecture transformer, Markov MLP or LSTM
 * @param inputSize m, the observation length
 * @param numActions n
 * @param horizon H: the actor sees sequences of H steps, the critic H + 1 (the post-final
 *     observation); ignored by the Markov MLP
 * @param dModel transformer width d (64)
 * @param heads attention heads (4)
 * @param blocks decoder blocks (2)
 * @param ffSize feed-forward width (4·d = 256)
 * @param hidden width of the input MLP's first layer and of the Markov MLP's layers (256), and the
 *     LSTM's state size
 * @param learningRate Adam learning rate of both networks
 * @param criticL2 coupled L2 weight decay on every critic parameter (0.01)
 * @param seed network initialisation seed
 */
public record NetworkSpec(
    Architecture architecture,
    int inputSize,
    int numActions,
    int horizon,
    int dModel,
    int heads,
    int blocks,
    int ffSize,
    int hidden,
    double learningRate,
    double criticL2,
    long seed)
    implements Serializable {

  /** Adam's β1 in the reference. */
  public static final double ADAM_BETA1 = 0.9;

  /** Adam's β2. */
  public static final double ADAM_BETA2 = 0.999;

  /** Adam's ε (the reference's 1e-7). */
  public static final double ADAM_EPSILON = 1e-7;

  /** Width of the LSTM variant's input layer. */
  public static final int LSTM_INPUT = 64;

  /** Validates and lists every problem. */
  public NetworkSpec {
    List<String> p = new ArrayList<>();
    if (architecture == null) {
      p.add("architecture must be set");
    }
    if (inputSize < 1 || numActions < 1) {
      p.add("input size and actions must be >= 1, got " + inputSize + ", " + numActions);
    }
    if (horizon < 1) {
      p.add("horizon must be >= 1, got " + horizon);
    }
    if (dModel < 1 || heads < 1 || dModel % heads != 0) {
      p.add("d_model must be a positive multiple of heads, got " + dModel + " / " + heads);
    }
    if (blocks < 1 || ffSize < 1 || hidden < 1) {
      p.add("blocks, ff size and hidden must be >= 1");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      p.add("learning rate must be > 0, got " + learningRate);
    }
    if (!(criticL2 >= 0) || Double.isInfinite(criticL2)) {
      p.add("critic L2 must be >= 0, got " + criticL2);
    }
    if (!p.isEmpty()) {
      throw new IllegalArgumentException("invalid network: " + String.join("; ", p));
    }
  }

  /** The reference's sizes ({@link NetworkSizes#REFERENCE}). */
  public static NetworkSpec reference(
      Architecture a, int inputSize, int numActions, int horizon, double lr, long seed) {
    return of(a, inputSize, numActions, horizon, NetworkSizes.REFERENCE, lr, seed);
  }

  /** A spec of the given sizes. */
  public static NetworkSpec of(
      Architecture a,
      int inputSize,
      int numActions,
      int horizon,
      NetworkSizes n,
      double lr,
      long seed) {
    return new NetworkSpec(
        a,
        inputSize,
        numActions,
        horizon,
        n.dModel(),
        n.heads(),
        n.blocks(),
        n.ffSize(),
        n.hidden(),
        lr,
        n.criticL2(),
        seed);
  }

  /** A copy with another Adam learning rate. */
  public NetworkSpec withLearningRate(double lr) {
    return copy(lr, seed);
  }

  /** A copy with another seed. */
  public NetworkSpec withSeed(long s) {
    return copy(learningRate, s);
  }

  private NetworkSpec copy(double lr, long s) {
    return new NetworkSpec(
        architecture,
        inputSize,
        numActions,
        horizon,
        dModel,
        heads,
        blocks,
        ffSize,
        hidden,
        lr,
        criticL2,
        s);
  }

  /** Whether the networks read whole sequences (transformer, LSTM) rather than single steps. */
  public boolean isSequential() {
    return architecture != Architecture.MARKOV;
  }
}
