package org.rl3spark.core.task;

import java.io.Serializable;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.vamdp.VamdpConfig;

/**
 * A distribution over tasks, with its splits.
 *
 * <p>{@link #generate} is a pure function of (this family's configuration, split, index, master
 * seed): the seed of task i of split x is {@link #taskSeed}, independent of which other tasks are
 * generated and in which order.
 */
public interface TaskFamily extends Serializable {

  /** Family name: {@code bandits}, {@code mdps} or {@code gridworld}. */
  String family();

  /** The variant's name, which identifies the configuration (e.g. {@code k5}, {@code 13x13}). */
  String variant();

  /**
   * Generates task {@code index} of {@code split}.
   *
   * @throws IllegalArgumentException if this family has no distribution for {@code split}
   */
  Task generate(Split split, long index, long masterSeed);

  /** Whether {@link #generate} accepts this split. */
  boolean supports(Split split);

  /** The task horizon TH of this family's tasks. */
  int taskHorizon();

  /**
   * The VAMDP settings of the authors' code for this family (reference §3.1): γ 0.95, the family's
   * VI threshold, Laplace coefficient, Q scaling and warm start; except that the Q block shows the
   * latest solution for the current state, as the paper describes (reference §8 item 7; the code's
   * stale cache is {@code QSource.SUCCESSOR_CACHE}).
   */
  VamdpConfig vamdpDefaults();

  /**
   * The VAMDP settings of RL³-coarse for this family (its state abstraction), if it has one; the
   * default is none.
   *
   * @throws UnsupportedOperationException if the family has no state abstraction
   */
  default VamdpConfig coarseDefaults() {
    throw new UnsupportedOperationException(
        "family " + family() + " has no state abstraction for RL3-coarse (only gridworld has)");
  }

  /** The seed of task {@code index} of {@code split}. */
  default long taskSeed(Split split, long index, long masterSeed) {
    return Seeds.derive(
        masterSeed,
        Seeds.TASK,
        Seeds.hash(family()),
        Seeds.hash(variant()),
        split.ordinal(),
        index);
  }

  /** A generator seeded with {@link #taskSeed}. */
  default Rng taskRng(Split split, long index, long masterSeed) {
    return new Rng(taskSeed(split, index, masterSeed));
  }
}
