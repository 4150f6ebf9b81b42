/**
 * Classical tabular-MDP baselines as TabulaRL codes them ({@code iosband/TabulaRL}, {@code
 * src/finite_tabular_agents.py}, used by the RL² authors' {@code evaluate_pacmdp.py}; see baselines
 * §1.5): PSRL, optimistic PSRL, UCRL2, BEB and (ε-)greedy on the MAP model. Each keeps a Normal
 * posterior on every mean reward (known noise precision τ) and a Dirichlet posterior on every
 * transition row, re-plans at the start of each episode by finite-horizon (time-dependent) value
 * iteration over the episode length, and acts greedily on the resulting Q (ties broken uniformly at
 * random), ε-greedily for the ε-greedy agent.
 */
package org.rl3spark.core.policy.tabular;
