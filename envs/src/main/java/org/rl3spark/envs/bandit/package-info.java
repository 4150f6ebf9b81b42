/** Bernoulli multi-armed bandits (reference §1.1). */
package org.rl3spark.envs.bandit;
