package org.rl3spark.core.policy;

import java.io.Serializable;
import org.rl3spark.core.meta.InnerEnvFactory;

/**
 * An immutable policy description that creates a fresh {@link Agent} for each meta-episode.
 *
 * <p>Implementations are serialisable (they are shipped to executors) and hold only their
 * hyperparameters and read-only tables (e.g. Gittins indices).
 */
public interface Policy extends Serializable {

  /**
   * The canonical name with hyperparameters, as it appears in result tables, e.g. {@code
   * gittins(gamma=0.98)}, {@code ucb1_rl2(c=0.2)}, {@code thompson}.
   */
  String name();

  /** Whether agents read {@link Observation#vector}; if not, rollouts skip building it. */
  default boolean needsVector() {
    return false;
  }

  /**
   * The inner env of this policy's meta-episodes: the task env for classical baselines and RL²
   * agents (the default), a VAMDP for RL³ agents (whose observation they were trained on).
   */
  default InnerEnvFactory innerEnv() {
    return InnerEnvFactory.rl2();
  }

  /** Creates the agent of one meta-episode. */
  Agent start(AgentContext context);
}
