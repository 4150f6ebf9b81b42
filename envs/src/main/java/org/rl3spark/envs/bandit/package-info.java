/** Bernoulli multi-armed bandits (spec §1.1). */
package org.rl3spark.envs.bandit;
