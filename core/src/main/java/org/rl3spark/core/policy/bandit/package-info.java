/**
 * Classical Bernoulli-bandit baselines, as the RL² authors coded them ({@code
 * florensacc/rllab-curriculum}, {@code scripts/bandits/evaluate_bandits.py}; see baselines §1.5):
 * greedy, ε-greedy, UCB1 (RL² variant), Thompson sampling, optimistic Thompson sampling as coded,
 * and the Gittins index policy. All keep per-arm successes s and pulls n of the current task; ties
 * go to the lowest arm index.
 */
package org.rl3spark.core.policy.bandit;
