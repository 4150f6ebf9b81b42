/**
 * The task families of the paper: {@link org.rl3spark.envs.bandit Bernoulli bandits}, {@link
 * org.rl3spark.envs.mdp random tabular MDPs} and {@link org.rl3spark.envs.grid GridWorlds}, each
 * with its out-of-distribution variants; {@link org.rl3spark.envs.Families}, the registry of the
 * families ({@link org.rl3spark.envs.family their registrations}), with {@link
 * org.rl3spark.envs.FamilyPolicies} (the classical policies a family accepts) and {@link
 * org.rl3spark.envs.TaskStatistics} (the per-task figures users check a distribution by).
 */
package org.rl3spark.envs;
