/**
 * Policies: what acts in a meta-episode.
 *
 * <p>A {@link org.rl3spark.core.policy.Policy} is an immutable, serialisable description (name and
 * hyperparameters) that creates one {@link org.rl3spark.core.policy.Agent} per meta-episode; the
 * agent holds everything it learns about that task and is discarded with it. Classical baselines
 * read the structured fields of the {@link org.rl3spark.core.policy.Observation} (state, time
 * steps) and learn from {@link org.rl3spark.core.policy.Agent#learn}; learned agents read the
 * observation vector. {@link org.rl3spark.core.policy.Policies} is the allow-list that turns names
 * such as {@code ucb1_rl2(c=0.2)} into policies.
 */
package org.rl3spark.core.policy;
