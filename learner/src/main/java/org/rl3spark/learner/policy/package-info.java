/** Trained agents as {@link org.rl3spark.core.policy.Policy}s, for evaluation beside baselines. */
package org.rl3spark.learner.policy;
