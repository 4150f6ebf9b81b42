package org.rl3spark.jobs.config;

import java.io.Serializable;
import org.rl3spark.core.vamdp.VamdpConfig;
import org.rl3spark.learner.dl4j.FitThreads;
import org.rl3spark.learner.net.NetworkSizes;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.PpoConfig;

/**
 * The {@code train} block: one PPO meta-training run (reference §5, Table 3), bound by {@link
 * RecordBinder} (each component from the key of its name in kebab-case). The settings that
 * determine the trained parameters are every component not marked {@link Bookkeeping}; the run's
 * config hash is computed from them ({@link CanonicalSettings}).
 *
 * @param name run directory name below {@code <output.dir>/train/}
 * @param family the task family trained on (its {@code family.<name>} block)
 * @param algorithm rl2, rl2_lstm, rl3, rl3_coarse or rl3_markov
 * @param horizon the interaction budget H of every meta-episode (upper bounds of this and the other
 *     counts: {@link Limits})
 * @param ppo the PPO settings, flat keys of the block ({@code iterations}, {@code envs}, {@code
 *     sequences-per-minibatch}, {@code minibatch-steps}, {@code epochs}, {@code gamma}, {@code
 *     lambda}, {@code clip}, {@code kl-target}) and its {@code entropy} block; the run's length
 *     ({@code iterations}) is bookkeeping: with the same schedule, iteration i's parameters do not
 *     depend on how many follow, so {@code --resume --set train.iterations=...} extends a run
 * @param learningRate Adam learning rate of both networks
 * @param network the networks' sizes and the critic's weight decay (the {@code network} block)
 * @param fit {@code local} (the driver fits) or {@code parameter-averaging} (executor tasks,
 *     averaging every {@code averagingFrequency} minibatches per worker: local SGD above 1)
 * @param workers parameter-averaging workers
 * @param averagingFrequency minibatches per worker between averagings
 * @param threads ND4J threads of the driver and of each executor task
 * @param fitThreads threads of the driver's fit: each minibatch's sequences are split over them
 * @param rolloutPartitions Spark partitions of an iteration's rollouts; 0 = default parallelism
 * @param checkpointEvery a checkpoint every this many iterations (and after the last)
 * @param keepTrajectories iterations whose trajectories stay on disk; −1 = all
 * @param evalEvery evaluate the actor on held-out test tasks every this many iterations; 0 = never
 * @param evalCount test tasks of that evaluation
 * @param resume continue from the newest valid checkpoint of the run ({@code --resume})
 * @param resumeFrom a shipped run ({@code results/agents/<run>}, see the {@code ship} job) to
 *     continue from when this machine has no copy of the run; "" = none
 * @param fork the parent run and checkpoint a new run branches from ({@link TrainFork})
 * @param ship where and how the {@code ship} job copies the run ({@link TrainShip})
 * @param diagnose what the {@code diagnose} job measures of the run's updates ({@link
 *     TrainDiagnose})
 * @param vamdp the VAMDP of the rl3 algorithms when {@code train.vamdp} makes it differ from the
 *     family's defaults for the algorithm; null = those defaults (every run before the block
 *     existed), and always for rl2 and rl2_lstm (resolved by {@code TrainConfigReader})
 */
public record TrainConfig(
    @Bookkeeping String name,
    String family,
    String algorithm,
    int horizon,
    @Inline @Bookkeeping("iterations") PpoConfig ppo,
    double learningRate,
    NetworkSizes network,
    String fit,
    int workers,
    int averagingFrequency,
    int threads,
    int fitThreads,
    @Bookkeeping int rolloutPartitions,
    @Bookkeeping int checkpointEvery,
    @Bookkeeping int keepTrajectories,
    @Bookkeeping int evalEvery,
    @Bookkeeping int evalCount,
    @Bookkeeping boolean resume,
    @Bookkeeping String resumeFrom,
    TrainFork fork,
    @Bookkeeping TrainShip ship,
    @Bookkeeping TrainDiagnose diagnose,
    @Resolved VamdpConfig vamdp)
    implements Serializable {

  private static final long serialVersionUID = 2L;

  /** Fit by the driver. */
  public static final String LOCAL = "local";

  /** Fit by parameter averaging over executor tasks. */
  public static final String PARAMETER_AVERAGING = "parameter-averaging";

  /** Validates and lists every problem. */
  public TrainConfig {
    InvalidFields.Checker c = new InvalidFields.Checker();
    c.require(
        name != null && name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*"),
        "name",
        "must be letters, digits, _ . - (a directory name), got '" + name + "'");
    c.require(
        FamiliesConfig.NAMES.contains(family),
        "family",
        "must be "
            + String.join(", ", FamiliesConfig.NAMES).replaceFirst(", ([^,]*)$", " or $1")
            + ", got '"
            + family
            + "'");
    boolean algoOk;
    try {
      Algorithm.parse(algorithm);
      algoOk = true;
    } catch (RuntimeException e) {
      algoOk = false;
    }
    c.require(
        algoOk,
        "algorithm",
        "must be rl2, rl2_lstm, rl3, rl3_coarse or rl3_markov, got '" + algorithm + "'");
    c.require(
        horizon >= 1,
        "horizon",
        "must be in [1, " + Limits.TRAIN_HORIZON.soft() + "], got " + horizon);
    c.withinHard(Limits.TRAIN_HORIZON, "horizon", horizon);
    c.require(ppo != null, "ppo", "the PPO settings must be set");
    c.require(
        learningRate > 0 && learningRate < 1,
        "learning-rate",
        "must be in (0, 1), got " + learningRate);
    c.require(network != null, "network", "must be a block { d-model, heads, ... }");
    c.require(
        LOCAL.equals(fit) || PARAMETER_AVERAGING.equals(fit),
        "fit",
        "must be local or parameter-averaging, got '" + fit + "'");
    c.require(workers >= 1, "workers", "must be >= 1, got " + workers);
    c.require(averagingFrequency >= 1, "averaging-frequency", "must be >= 1");
    c.require(threads >= 1, "threads", "must be >= 1, got " + threads);
    c.withinHard(Limits.FIXED.get("train.threads"), "threads", threads);
    c.require(
        fitThreads >= 1 && fitThreads <= FitThreads.MAX,
        "fit-threads",
        "must be in [1, " + FitThreads.MAX + "], got " + fitThreads);
    c.require(
        fitThreads == 1 || LOCAL.equals(fit),
        "fit-threads",
        "must be 1 with fit = "
            + fit
            + " (executor tasks fit in parallel already), got "
            + fitThreads);
    c.require(rolloutPartitions >= 0, "rollout-partitions", "must be >= 0 (0 = default)");
    c.require(checkpointEvery >= 1, "checkpoint-every", "must be >= 1, got " + checkpointEvery);
    c.require(keepTrajectories >= -1, "keep-trajectories", "must be >= -1 (-1 = all)");
    c.require(evalEvery >= 0, "eval-every", "must be >= 0 (0 = never)");
    c.require(evalCount >= 1, "eval-count", "must be >= 1");
    c.require(resumeFrom != null, "resume-from", "must be a directory or \"\"");
    c.require(
        resumeFrom == null || resumeFrom.isEmpty() || resume,
        "resume-from",
        "continues a run: it needs train.resume = true (--resume-from sets both)");
    c.require(fork != null, "fork", "must be a block { from, iteration }");
    if (fork != null && ppo != null) {
      c.require(
          fork.iteration() < ppo.iterations(),
          "fork.iteration",
          "the fork starts after the parent's iteration "
              + fork.iteration()
              + ", so train.iterations must exceed it, got "
              + ppo.iterations());
    }
    c.require(ship != null, "ship", "must be a block { dir, replay-tasks }");
    c.require(diagnose != null, "diagnose", "must be a block { batches, groups, name }");
    c.throwIfAny();
  }

  /** The algorithm. */
  public Algorithm algo() {
    return Algorithm.parse(algorithm);
  }

  /** Whether parameter averaging over executor tasks fits. */
  public boolean parameterAveraging() {
    return PARAMETER_AVERAGING.equals(fit);
  }
}
