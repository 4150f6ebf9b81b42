package org.rl3spark.learner.ppo;

/**
 * What one PPO update did.
 *
 * @param policyLoss mean actor loss over the minibatch steps taken (clipped surrogate − entropy
 *     bonus)
 * @param valueLoss mean critic loss 0.5·(V − target)² over all minibatch steps
 * @param entropy mean policy entropy on the batch after the update
 * @param approxKl KL(old ‖ new) on the batch at the last check
 * @param clipFraction fraction of positions with |ratio − 1| &gt; ε after the update
 * @param epochs epochs in which the actor was updated
 */
public record UpdateStats(
    double policyLoss,
    double valueLoss,
    double entropy,
    double approxKl,
    double clipFraction,
    int epochs) {}
