package org.rl3spark.learner.ppo;

import java.io.Serializable;

/**
 * Sums over positions of a batch (or of a shard of its envs) of what the PPO update reports about
 * its actor: KL(old ‖ current), the current policy's entropy, and how many positions have a ratio
 * π/π_old outside [1 − ε, 1 + ε]. Shards are combined with {@link #plus} in shard order.
 *
 * @param klSum Σ KL(π_old ‖ π) over the positions
 * @param entropySum Σ H(π) over the positions
 * @param clipped positions with |π(a)/π_old(a) − 1| &gt; ε
 * @param positions how many positions
 */
public record ActorStats(double klSum, double entropySum, long clipped, long positions)
    implements Serializable {

  /** This shard's sums followed by another's. */
  public ActorStats plus(ActorStats o) {
    return new ActorStats(
        klSum + o.klSum, entropySum + o.entropySum, clipped + o.clipped, positions + o.positions);
  }

  /** Mean KL per position. */
  public double kl() {
    return klSum / positions;
  }

  /** Mean entropy per position. */
  public double entropy() {
    return entropySum / positions;
  }

  /** Fraction of positions clipped. */
  public double clipFraction() {
    return (double) clipped / positions;
  }
}
