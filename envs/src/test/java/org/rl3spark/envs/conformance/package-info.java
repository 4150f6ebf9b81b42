/**
 * The env conformance suite (docs/style.md item 13, docs/reliability.md R12).
 *
 * <p>{@link org.rl3spark.envs.conformance.EnvRegistry} lists every env and wrapper as a named entry
 * (a task family and split under a wrapper: the raw task env or a meta-episode with an RL², RL³ or
 * RL³-coarse inner env); {@link org.rl3spark.envs.conformance.EnvConformanceTest} runs every
 * contract check on every entry. A new env family is one line in the registry.
 */
package org.rl3spark.envs.conformance;
