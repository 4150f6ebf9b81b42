/**
 * The learner: meta-RL networks and PPO training behind core's {@link
 * org.rl3spark.core.policy.Policy} interface. DL4J and ND4J appear only in {@link
 * org.rl3spark.learner.dl4j} and, for one BLAS call and the backend check, in {@link
 * org.rl3spark.learner.infer}, whose incremental inference otherwise works on plain arrays, like
 * the training loop ({@link org.rl3spark.learner.ppo}). Depends on core only.
 */
package org.rl3spark.learner;
