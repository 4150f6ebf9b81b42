/**
 * The task families of the paper: {@link org.rl3spark.envs.bandit Bernoulli bandits}, {@link
 * org.rl3spark.envs.mdp random tabular MDPs} and {@link org.rl3spark.envs.grid GridWorlds}, each
 * with its out-of-distribution variants, plus {@link org.rl3spark.envs.TaskStatistics} for the
 * per-task figures users check a distribution by.
 */
package org.rl3spark.envs;
