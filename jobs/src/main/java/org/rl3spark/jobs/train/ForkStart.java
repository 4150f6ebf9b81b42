package org.rl3spark.jobs.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.rl3spark.jobs.config.TrainFork;
import org.rl3spark.jobs.ship.ShippedRun;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.policy.Checkpoints;
import org.rl3spark.learner.ppo.TrainingSetup;

/**
 * Where a forked run starts ({@code train.fork}): the parent's checkpoint of {@code fork.iteration}
 * (networks and Adam state) and the parent's metrics rows up to it, checked to be of the same
 * networks, algorithm and task family as the fork; the fork's learning rate may differ.
 *
 * @param networks the parent's networks at the fork
 * @param metrics the parent's metrics rows of iterations 1 .. fork.iteration
 * @param parent the parent checkpoint's state (its run name and config hash are recorded)
 */
record ForkStart(ActorCritic networks, List<TrainMetrics> metrics, Checkpoint.State parent) {

  /** Loads the fork's start, failing with a message that names what does not match. */
  static ForkStart load(TrainFork fork, TrainingSetup setup, String algorithm) throws IOException {
    Path parent = Path.of(fork.from());
    Path ckpt = Checkpoints.of(parent, fork.iteration());
    if (!Files.isDirectory(ckpt)) {
      throw new IllegalArgumentException(
          "train.fork: "
              + parent
              + " has no checkpoint of"
              + " iteration "
              + fork.iteration()
              + " (it has "
              + iterations(parent)
              + ")"
              + shippedCopyHint(parent, ckpt));
    }
    Checkpoint.Loaded loaded = Checkpoint.read(ckpt);
    Checkpoint.State s = loaded.state();
    String what = "train.fork: the checkpoint " + ckpt;
    require(s.iteration() == fork.iteration(), what + " is of iteration " + s.iteration());
    require(
        s.algorithm().equals(algorithm),
        what + " is of algorithm " + s.algorithm() + ", the fork's is " + algorithm);
    require(
        s.family().equals(setup.family().family()) && s.variant().equals(setup.family().variant()),
        what
            + " was trained on "
            + s.family()
            + "/"
            + s.variant()
            + ", the fork trains on "
            + setup.family().family()
            + "/"
            + setup.family().variant());
    // The learning rate may differ: the fork's Adam continues the parent's state at its own rate.
    require(
        s.spec().withLearningRate(setup.networkSpec().learningRate()).equals(setup.networkSpec()),
        what
            + " holds other networks ("
            + s.spec()
            + ") than the fork's settings make ("
            + setup.networkSpec()
            + ")");
    require(
        Objects.equals(s.vamdp(), setup.resolvedVamdp()),
        what
            + " observes through other"
            + " VAMDP settings ("
            + s.vamdp()
            + ") than the fork's ("
            + setup.resolvedVamdp()
            + ")");
    List<TrainMetrics> rows = new TrainRunDir(parent).metricsUpTo(fork.iteration());
    return new ForkStart(
        loaded.networks().withLearningRate(setup.networkSpec().learningRate()), rows, s);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Where a shipped copy's older checkpoint is: {@code bin/rl3 ship} keeps only the newest, so the
   * one a fork names is in the git history of the copy (empty when {@code parent} is a run
   * directory).
   */
  private static String shippedCopyHint(Path parent, Path ckpt) {
    if (!Files.isRegularFile(parent.resolve(ShippedRun.AGENT_FILE))) {
      return "";
    }
    return "; it is a shipped copy, which keeps only its newest checkpoint: the commit that"
        + " shipped the one of this iteration is `git log --diff-filter=A --format=%h -- "
        + ckpt
        + "`; extract that commit's copy (`git archive <commit> <the copy's path in the"
        + " repository> | tar -x -C <dir>`) and set train.fork.from to the extracted copy";
  }

  private static String iterations(Path parent) throws IOException {
    Path dir = parent.resolve(Checkpoints.DIR);
    if (!Files.isDirectory(dir)) {
      return "no " + Checkpoints.DIR + "/ directory";
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<String> its =
          s.map(Checkpoints::iteration).filter(i -> i >= 0).sorted().map(String::valueOf).toList();
      return its.isEmpty()
          ? "no checkpoints"
          : "checkpoints of iterations " + String.join(", ", its);
    }
  }
}
