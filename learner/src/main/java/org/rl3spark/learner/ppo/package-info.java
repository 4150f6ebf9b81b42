/**
 * Meta-training with PPO (reference §5), in separable pieces so that the single-process loop here
 * ({@link org.rl3spark.learner.ppo.PpoTrainer}) and the Spark job of {@code jobs} share them:
 * {@link org.rl3spark.learner.ppo.RolloutCollector} (meta-episodes with the incremental actor),
 * {@link org.rl3spark.learner.ppo.BatchOutputs} and {@link org.rl3spark.learner.ppo.Advantages}
 * (critic values to GAE targets), and {@link org.rl3spark.learner.ppo.PpoUpdate}, the update itself
 * in one file (epochs, minibatches, label packing, KL early stop, statistics). The networks are
 * {@link org.rl3spark.learner.dl4j.ActorCritic}'s; this package uses them and never the other way
 * round.
 */
package org.rl3spark.learner.ppo;
