/**
 * Playing policies through meta-episodes: {@link org.rl3spark.core.rollout.MetaEpisodeRunner}
 * drives one agent through one task for a budget H and records the trajectory. Seeds of the env
 * dynamics and of the policy are derived from the task's identity, the budget and the policy name,
 * so any executor can replay any (task, policy, budget) exactly.
 */
package org.rl3spark.core.rollout;
