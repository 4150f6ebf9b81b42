package org.rl3spark.core.task;

import java.io.Serializable;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.model.TabularModel;

/**
 * The immutable parameters of one MDP drawn from a task family.
 *
 * <p>Implementations are records validated in their constructors. A task creates any number of
 * independent envs that simulate it, and exposes its exact model so that oracles and analyses can
 * solve it.
 */
public interface Task extends Serializable {

  /** Where the task comes from: family, variant, split and index. */
  TaskId id();

  /** A fresh env simulating this task; it must be reset before use. */
  TabularEnv newEnv();

  /** The exact model. */
  TabularModel model();

  /** The state every episode starts in. */
  int startState();

  /**
   * The task horizon TH: the maximum length of an inner episode (1 for bandits, 10 for random MDPs,
   * unbounded for grids). The meta-episode caps it at the budget H.
   */
  int taskHorizon();
}
