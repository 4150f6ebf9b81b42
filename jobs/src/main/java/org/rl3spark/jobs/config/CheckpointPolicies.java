package org.rl3spark.jobs.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rl3spark.core.meta.InnerEnvFactory;
import org.rl3spark.core.meta.MetaEnv;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.policy.Checkpoints;
import org.rl3spark.learner.ppo.Algorithm;

/**
 * Trained agents as evaluation policies: {@code checkpoint:<dir>} names a checkpoint directory or a
 * training run (its newest valid checkpoint; when newer ones are damaged, {@link #fallback} says
 * which and why, for the job to report). Only checkpoints this pipeline wrote are accepted (their
 * manifest's checksums are verified before anything is deserialised).
 */
public final class CheckpointPolicies {

  /** The prefix of a trained-agent policy (actions sampled from its policy, as trained). */
  public static final String PREFIX = "checkpoint:";

  /** The prefix of the same agent acting greedily (its most probable action; logits × 10⁶). */
  public static final String GREEDY_PREFIX = "checkpoint-greedy:";

  private CheckpointPolicies() {}

  /** Whether a policy entry names a checkpoint. */
  public static boolean isCheckpoint(String text) {
    return text.startsWith(PREFIX) || text.startsWith(GREEDY_PREFIX);
  }

  private static boolean greedy(String text) {
    return text.startsWith(GREEDY_PREFIX);
  }

  /** The checkpoint directory an entry resolves to. */
  public static Path resolve(String text) {
    return Checkpoints.resolve(Path.of(directory(text)));
  }

  private static String directory(String text) {
    String p = text.substring(greedy(text) ? GREEDY_PREFIX.length() : PREFIX.length()).trim();
    if (p.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' names no directory: checkpoint:<dir>");
    }
    return p;
  }

  /**
   * The run's checkpoints when an entry names a run whose newest checkpoint is damaged (the entry
   * then resolves to an older one, or to none); empty when it names a checkpoint directory or a run
   * whose newest checkpoint verifies.
   */
  public static Optional<Checkpoints.Scan> fallback(String text) {
    Path p = Path.of(directory(text));
    if (Files.isRegularFile(p.resolve(Checkpoint.MANIFEST))) {
      return Optional.empty();
    }
    Checkpoints.Scan scan = Checkpoints.scan(p);
    return scan.skipped().isEmpty() ? Optional.empty() : Optional.of(scan);
  }

  /** The family a checkpoint's agent was trained on. */
  public static String family(String text) {
    return Checkpoint.readState(resolve(text)).family();
  }

  /**
   * Checks that the agent can play a set's tasks at the given budgets and returns the policy's name
   * ({@code <algorithm>(run=<run>,it=<iteration>)}).
   *
   * @throws IllegalArgumentException naming the problem: not a checkpoint, damaged, a different
   *     observation size (e.g. another grid size), a budget beyond the trained sequence length
   */
  public static String check(String text, TaskFamily family, List<Integer> budgets) {
    Checkpoint.State s = Checkpoint.readState(resolve(text));
    Algorithm a = Algorithm.parse(s.algorithm());
    InnerEnvFactory inner =
        s.vamdp() == null ? InnerEnvFactory.rl2() : InnerEnvFactory.rl3(s.vamdp());
    int budget =
        budgets == null || budgets.isEmpty() ? 1 : budgets.stream().max(Integer::compare).get();
    int obs = MetaEnv.of(inner, budget, family.generate(Split.TEST, 0, 0), null).observationSize();
    if (obs != s.spec().inputSize()) {
      throw new IllegalArgumentException(
          a.id()
              + " agent of "
              + s.family()
              + "/"
              + s.variant()
              + " sees "
              + s.spec().inputSize()
              + " inputs but "
              + family.family()
              + "/"
              + family.variant()
              + " gives "
              + obs);
    }
    if (s.spec().architecture() == Architecture.TRANSFORMER && budget > s.spec().horizon()) {
      throw new IllegalArgumentException(
          a.id()
              + " agent was trained with H = "
              + s.spec().horizon()
              + " and cannot play a budget of "
              + budget);
    }
    return a.id()
        + "(run="
        + s.run()
        + ",it="
        + s.iteration()
        + (greedy(text) ? ",greedy" : "")
        + ")";
  }

  /** The policy (loads the networks). */
  public static Policy create(String text) {
    return Checkpoints.policy(Checkpoint.read(resolve(text)), greedy(text));
  }
}
