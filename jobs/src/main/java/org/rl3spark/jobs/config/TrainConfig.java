package org.rl3spark.jobs.config;

import java.io.Serializable;
import java.util.Locale;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.learner.dl4j.FitThreads;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.PpoConfig;

/**
 * The {@code train} block: one PPO meta-training run (reference §5, Table 3).
 *
 * @param name run directory name below {@code <output.dir>/train/}
 * @param family the task family trained on (its {@code family.<name>} block)
 * @param algorithm rl2, rl2_lstm, rl3, rl3_coarse or rl3_markov
 * @param horizon the interaction budget H of every meta-episode (upper bounds of this and the other
 *     counts: {@link Limits})
 * @param iterations PPO iterations of the run
 * @param envs meta-episodes per iteration, each on a fresh training task
 * @param sequencesPerMinibatch whole sequences per minibatch (transformer, LSTM)
 * @param minibatchSteps steps per shuffled minibatch (Markov)
 * @param epochs PPO epochs per iteration
 * @param gamma meta-level discount
 * @param lambda GAE λ
 * @param clip PPO ε
 * @param klTarget the actor stops for the iteration once KL(old ‖ new) reaches this
 * @param learningRate Adam learning rate of both networks
 * @param entropy initial entropy-bonus coefficient
 * @param entropyDecay whether it decays linearly to 0 in blocks of {@code entropyBlock}
 * @param entropyBlock iterations per block of the decay
 * @param entropySchedule the nominal length of the run (the paper's iterations) over which the
 *     bonus decays, so that a run of fewer {@code iterations} is a prefix of the paper's run; 0 =
 *     {@code iterations}
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
 * @param shipDir where the {@code ship} job puts the run: {@code <shipDir>/<name>/}
 * @param replayTasks test tasks whose per-task returns a shipped agent carries (its regression
 *     check)
 */
public record TrainConfig(
    String name,
    String family,
    String algorithm,
    int horizon,
    int iterations,
    int envs,
    int sequencesPerMinibatch,
    int minibatchSteps,
    int epochs,
    double gamma,
    double lambda,
    double clip,
    double klTarget,
    double learningRate,
    double entropy,
    boolean entropyDecay,
    int entropyBlock,
    int entropySchedule,
    String fit,
    int workers,
    int averagingFrequency,
    int threads,
    int fitThreads,
    int rolloutPartitions,
    int checkpointEvery,
    int keepTrajectories,
    int evalEvery,
    int evalCount,
    boolean resume,
    String resumeFrom,
    TrainFork fork,
    String shipDir,
    int replayTasks)
    implements Serializable {

  private static final long serialVersionUID = 1L;

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
    c.require(iterations >= 1, "iterations", "must be >= 1, got " + iterations);
    c.require(envs >= 1, "envs", "must be >= 1, got " + envs);
    c.require(sequencesPerMinibatch >= 1, "sequences-per-minibatch", "must be >= 1");
    c.require(minibatchSteps >= 1, "minibatch-steps", "must be >= 1");
    c.require(epochs >= 1, "epochs", "must be >= 1, got " + epochs);
    c.require(gamma > 0 && gamma <= 1, "gamma", "must be in (0, 1], got " + gamma);
    c.require(lambda >= 0 && lambda <= 1, "lambda", "must be in [0, 1], got " + lambda);
    c.require(clip > 0 && clip < 1, "clip", "must be in (0, 1), got " + clip);
    c.require(klTarget > 0 && Double.isFinite(klTarget), "kl-target", "must be > 0");
    c.require(
        learningRate > 0 && learningRate < 1,
        "learning-rate",
        "must be in (0, 1), got " + learningRate);
    c.require(entropy >= 0 && Double.isFinite(entropy), "entropy.initial", "must be >= 0");
    c.require(entropyBlock >= 1, "entropy.block-size", "must be >= 1");
    c.require(
        entropySchedule >= 0,
        "entropy.schedule-iterations",
        "must be >= 0 (0 = train.iterations), got " + entropySchedule);
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
    if (fork != null) {
      c.require(fork.iteration() >= 0, "fork.iteration", "must be >= 0, got " + fork.iteration());
      c.require(
          fork.isSet() == (fork.iteration() > 0),
          "fork",
          "fork.from and fork.iteration go together (from \""
              + fork.from()
              + "\", iteration "
              + fork.iteration()
              + "): both set for a fork, neither for a new run");
      c.require(
          fork.iteration() < iterations,
          "fork.iteration",
          "the fork starts after the parent's iteration "
              + fork.iteration()
              + ", so train.iterations must exceed it, got "
              + iterations);
    }
    c.require(shipDir != null && !shipDir.isBlank(), "ship.dir", "must be a directory");
    c.require(replayTasks >= 1, "ship.replay-tasks", "must be >= 1, got " + replayTasks);
    c.throwIfAny();
  }

  /** The algorithm. */
  public Algorithm algo() {
    return Algorithm.parse(algorithm);
  }

  /** The PPO settings. */
  public PpoConfig ppo() {
    return new PpoConfig(
        iterations,
        envs,
        sequencesPerMinibatch,
        minibatchSteps,
        epochs,
        gamma,
        lambda,
        clip,
        klTarget,
        new EntropySchedule(entropy, entropyDecay, scheduleIterations(), entropyBlock));
  }

  /** The length of the entropy schedule: {@code entropy.schedule-iterations}, or the run's. */
  public int scheduleIterations() {
    return entropySchedule > 0 ? entropySchedule : iterations;
  }

  /** Whether parameter averaging over executor tasks fits. */
  public boolean parameterAveraging() {
    return PARAMETER_AVERAGING.equals(fit);
  }

  /**
   * The settings that determine the trained parameters of every iteration (everything but
   * bookkeeping: name, the number of iterations to run, checkpoint and trajectory retention,
   * evaluation, partitions and resume), as text. The run's length is not part of it: with the same
   * schedule, iteration i's parameters do not depend on how many follow, so a run can be extended
   * with {@code --resume --set train.iterations=...}. A fork adds the parent's iteration it starts
   * from ({@code fork=<iteration>}).
   */
  public String identity() {
    return settings() + (fork.isSet() ? " fork=" + fork.iteration() : "");
  }

  private String settings() {
    return String.format(
        Locale.ROOT,
        "family=%s algorithm=%s horizon=%d schedule=%d envs=%d seqs=%d steps=%d epochs=%d"
            + " gamma=%s lambda=%s clip=%s kl=%s lr=%s entropy=%s decay=%s block=%d fit=%s"
            + " workers=%d freq=%d threads=%d fit-threads=%d",
        family,
        algorithm,
        horizon,
        scheduleIterations(),
        envs,
        sequencesPerMinibatch,
        minibatchSteps,
        epochs,
        gamma,
        lambda,
        clip,
        klTarget,
        learningRate,
        entropy,
        entropyDecay,
        entropyBlock,
        fit,
        parameterAveraging() ? workers : 0,
        parameterAveraging() ? averagingFrequency : 0,
        threads,
        fitThreads);
  }
}
