package org.rl3spark.core.meta;

import java.io.Serializable;
import org.rl3spark.core.env.Env;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.vamdp.Vamdp;
import org.rl3spark.core.vamdp.VamdpConfig;

/**
 * Builds the inner env a meta-episode plays: the bare task env (RL²) or a fresh VAMDP over it (RL³,
 * RL³-coarse). Called once per task, so object-level memory never leaks between tasks.
 */
@FunctionalInterface
public interface InnerEnvFactory extends Serializable {

  /**
   * @param task the task of the new meta-episode
   * @param taskHorizon the effective task horizon min(TH, H)
   * @return a new env that has not been reset
   */
  Env create(Task task, int taskHorizon);

  /** RL²: the task's own env; the observation is the state encoding. */
  static InnerEnvFactory rl2() {
    return (task, th) -> task.newEnv();
  }

  /** RL³: a new VAMDP with the given settings over the task's env. */
  static InnerEnvFactory rl3(VamdpConfig config) {
    return (task, th) -> new Vamdp(task.newEnv(), config, th);
  }
}
