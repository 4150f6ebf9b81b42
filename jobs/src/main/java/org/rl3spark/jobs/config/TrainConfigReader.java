package org.rl3spark.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/** Reads the {@code train} block: every problem recorded, null when it is not valid. */
final class TrainConfigReader {

  private TrainConfigReader() {}

  /** The block, or null. */
  static TrainConfig read(Config c, ProblemSink sink) {
    Config block;
    try {
      block = c.getConfig("train");
    } catch (ConfigException e) {
      sink.add("train", "must be a block { ... }: " + e.getMessage());
      return null;
    }
    ConfigReader r = new ConfigReader(block, "train", sink);
    String name = r.string("name");
    String family = r.string("family");
    String algorithm = r.string("algorithm");
    Integer horizon = r.int32("horizon");
    Integer iterations = r.int32("iterations");
    Integer envs = r.int32("envs");
    Integer seqs = r.int32("sequences-per-minibatch");
    Integer steps = r.int32("minibatch-steps");
    Integer epochs = r.int32("epochs");
    Double gamma = r.number("gamma");
    Double lambda = r.number("lambda");
    Double clip = r.number("clip");
    Double kl = r.number("kl-target");
    Double lr = r.number("learning-rate");
    Double entropy = r.number("entropy.initial");
    Boolean decay = r.bool("entropy.decay");
    Integer blockSize = r.int32("entropy.block-size");
    Integer schedule = r.int32("entropy.schedule-iterations");
    String fit = r.string("fit");
    Integer workers = r.int32("workers");
    Integer freq = r.int32("averaging-frequency");
    Integer threads = r.int32("threads");
    Integer fitThreads = r.int32("fit-threads");
    Integer partitions = r.int32("rollout-partitions");
    Integer ckpt = r.int32("checkpoint-every");
    Integer keep = r.int32("keep-trajectories");
    Integer evalEvery = r.int32("eval-every");
    Integer evalCount = r.int32("eval-count");
    Boolean resume = r.bool("resume");
    String resumeFrom = r.string("resume-from");
    String forkFrom = r.string("fork.from");
    Integer forkIteration = r.int32("fork.iteration");
    String shipDir = r.string("ship.dir");
    Integer replayTasks = r.int32("ship.replay-tasks");
    Object[] all = {
      name,
      family,
      algorithm,
      horizon,
      iterations,
      envs,
      seqs,
      steps,
      epochs,
      gamma,
      lambda,
      clip,
      kl,
      lr,
      entropy,
      decay,
      blockSize,
      schedule,
      fit,
      workers,
      freq,
      threads,
      fitThreads,
      partitions,
      ckpt,
      keep,
      evalEvery,
      evalCount,
      resume,
      resumeFrom,
      forkFrom,
      forkIteration,
      shipDir,
      replayTasks
    };
    for (Object o : all) {
      if (o == null) {
        return null;
      }
    }
    try {
      return new TrainConfig(
          name,
          family,
          algorithm,
          horizon,
          iterations,
          envs,
          seqs,
          steps,
          epochs,
          gamma,
          lambda,
          clip,
          kl,
          lr,
          entropy,
          decay,
          blockSize,
          schedule,
          fit,
          workers,
          freq,
          threads,
          fitThreads,
          partitions,
          ckpt,
          keep,
          evalEvery,
          evalCount,
          resume,
          resumeFrom,
          new TrainFork(forkFrom, forkIteration),
          shipDir,
          replayTasks);
    } catch (InvalidFields e) {
      sink.addInvalid("train", e);
      return null;
    }
  }
}
