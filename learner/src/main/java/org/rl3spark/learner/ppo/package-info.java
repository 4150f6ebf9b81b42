/**
 * Meta-training with PPO (reference §5), in separable pieces so that the single-process loop here
 * and the Spark job of {@code jobs} share them: {@link org.rl3spark.learner.ppo.RolloutCollector}
 * (meta-episodes with the incremental actor), {@link org.rl3spark.learner.ppo.Advantages} (critic
 * values to GAE targets) and the update of {@link org.rl3spark.learner.dl4j.ActorCritic}.
 */
package org.rl3spark.learner.ppo;
