/**
 * The PPO mathematics of the reference learner (reference §5), on plain arrays: generalised
 * advantage estimation, per-minibatch advantage normalisation, the clipped surrogate with its
 * entropy bonus and their gradient with respect to the policy's logits, the critic's squared error
 * and the entropy-bonus schedule (the policy's distribution itself, with the entropy and the
 * forward KL used for early stopping, is {@link org.rl3spark.core.random.Categorical}). The DL4J
 * loss functions of the learner module call these functions, so there is one implementation of each
 * formula.
 */
package org.rl3spark.core.ppo;
