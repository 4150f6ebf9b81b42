/**
 * The learner: meta-RL networks and PPO training behind core's {@link
 * org.rl3spark.core.policy.Policy} interface. DL4J and ND4J appear only in {@link
 * org.rl3spark.learner.dl4j}; the incremental inference ({@link org.rl3spark.learner.infer}) and the
 * training loop work on plain arrays.
 */
package org.rl3spark.learner;
