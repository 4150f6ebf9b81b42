package org.rl3spark.learner.ppo;

import java.io.Serializable;
import org.rl3spark.core.meta.InnerEnvFactory;
import org.rl3spark.core.meta.MetaEnv;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.core.vamdp.VamdpConfig;
import org.rl3spark.learner.net.NetworkSizes;
import org.rl3spark.learner.net.NetworkSpec;

/**
 * What is trained on what: the family, the algorithm (architecture and wrapper), the budget H, the
 * PPO and network settings and the master seed. Derives every seed of a run.
 *
 * @param family the task family (training tasks come from its train split)
 * @param algorithm rl2, rl2_lstm, rl3, rl3_coarse or rl3_markov
 * @param vamdp VAMDP settings (null: the family's defaults)
 * @param horizon the budget H
 * @param ppo PPO settings
 * @param learningRate Adam learning rate
 * @param masterSeed root of every stream of the run
 * @param network the networks' sizes
 */
public record TrainingSetup(
    TaskFamily family,
    Algorithm algorithm,
    VamdpConfig vamdp,
    int horizon,
    PpoConfig ppo,
    double learningRate,
    long masterSeed,
    NetworkSizes network)
    implements Serializable {

  /** A setup with the reference's network sizes. */
  public TrainingSetup(
      TaskFamily family,
      Algorithm algorithm,
      VamdpConfig vamdp,
      int horizon,
      PpoConfig ppo,
      double learningRate,
      long masterSeed) {
    this(family, algorithm, vamdp, horizon, ppo, learningRate, masterSeed, NetworkSizes.REFERENCE);
  }

  /** Purpose of the network-initialisation seed. */
  public static final String NETWORK_INIT = "network-init";

  /** Purpose of the Markov minibatch order. */
  public static final String MINIBATCH_ORDER = "minibatch-order";

  /** Purpose namespace of training rollouts. */
  public static final String TRAIN = "train";

  /** Purpose namespace of the held-out evaluations of the train job (every eval-every). */
  public static final String TRAIN_EVAL = "train-eval";

  /** Purpose namespace of the single-process evaluation ({@link PpoTrainer#evaluate}). */
  public static final String EVAL = "eval";

  /** The inner env of the algorithm on the family. */
  public InnerEnvFactory innerEnv() {
    return algorithm.innerEnv(family, vamdp);
  }

  /** The VAMDP settings the algorithm uses on the family (null for RL²). */
  public VamdpConfig resolvedVamdp() {
    return algorithm.vamdp(family, vamdp);
  }

  /** Observation size and action count, from a probe meta env. */
  public int[] sizes() {
    Task probe = family.generate(Split.TRAIN, 0, masterSeed);
    MetaEnv env = MetaEnv.of(innerEnv(), horizon, probe, null);
    return new int[] {env.observationSize(), env.numActions()};
  }

  /** The networks' spec, seeded from the master seed. */
  public NetworkSpec networkSpec() {
    int[] s = sizes();
    return NetworkSpec.of(
        algorithm.architecture(),
        s[0],
        s[1],
        horizon,
        network,
        learningRate,
        Seeds.derive(masterSeed, NETWORK_INIT));
  }

  /** Index of the training task of env e in 1-based iteration i: every task is used once. */
  public long taskIndex(int iteration, int env) {
    return (long) (iteration - 1) * ppo.envs() + env;
  }

  /** Env-dynamics generator of env e in iteration i. */
  public Rng dynamicsRng(int iteration, int env) {
    return Seeds.rng(masterSeed, Seeds.ENV_DYNAMICS, Seeds.hash(TRAIN), iteration, env);
  }

  /** Action-sampling generator of env e in iteration i. */
  public Rng policyRng(int iteration, int env) {
    return Seeds.rng(masterSeed, Seeds.POLICY, Seeds.hash(TRAIN), iteration, env);
  }

  /**
   * Env-dynamics generator of held-out test task e in the train job's evaluation at iteration i.
   */
  public Rng testDynamicsRng(int iteration, int env) {
    return Seeds.rng(masterSeed, Seeds.ENV_DYNAMICS, Seeds.hash(TRAIN_EVAL), iteration, env);
  }

  /** Action-sampling generator of held-out test task e in the evaluation at iteration i. */
  public Rng testPolicyRng(int iteration, int env) {
    return Seeds.rng(masterSeed, Seeds.POLICY, Seeds.hash(TRAIN_EVAL), iteration, env);
  }

  /** Env-dynamics generator of task {@code index} in a single-process evaluation. */
  public static Rng evaluationDynamicsRng(long evalSeed, long index) {
    return Seeds.rng(evalSeed, Seeds.ENV_DYNAMICS, Seeds.hash(EVAL), index);
  }

  /** Action-sampling generator of task {@code index} in a single-process evaluation. */
  public static Rng evaluationPolicyRng(long evalSeed, long index) {
    return Seeds.rng(evalSeed, Seeds.POLICY, Seeds.hash(EVAL), index);
  }

  /** Generator of the Markov minibatch order in iteration i. */
  public Rng minibatchRng(int iteration) {
    return Seeds.rng(masterSeed, MINIBATCH_ORDER, iteration);
  }
}
