package org.rl3spark.core.policy;

import java.io.Serializable;

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

  /** Creates the agent of one meta-episode. */
  Agent start(AgentContext context);
}
