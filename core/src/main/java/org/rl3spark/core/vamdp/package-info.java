/**
 * RL³'s value-augmented wrapper (VAMDP).
 *
 * <p>Per task, a {@link org.rl3spark.core.vamdp.LearnedModel} (MLE means with Laplace-smoothed
 * transitions, optionally over incrementally clustered abstract states) is updated after every
 * transition and solved by value iteration; the {@link org.rl3spark.core.vamdp.Vamdp} appends the
 * Q-estimate block (advantages, value, standard-error slots, action counts) for the current state
 * to the state encoding. Behaviour follows reference §3 (docs/reference-behaviour.md); every point
 * where the paper and the authors' code differ is a field of {@link
 * org.rl3spark.core.vamdp.VamdpConfig}.
 */
package org.rl3spark.core.vamdp;
