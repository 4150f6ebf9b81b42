package org.rl3spark.learner.ppo;

/**
 * One row of training metrics.
 *
 * @param iteration 1-based PPO iteration
 * @param meanReturn mean meta-episode return of the iteration's rollouts
 * @param policyLoss mean actor loss
 * @param valueLoss mean critic loss
 * @param entropy mean policy entropy after the update
 * @param approxKl KL(old ‖ new) at the last check
 * @param clipFraction fraction of clipped ratios after the update
 * @param epochs epochs the actor trained
 * @param entropyCoef the entropy bonus used
 * @param rolloutSeconds wall time of the rollouts
 * @param updateSeconds wall time of values, advantages and the update
 */
public record IterationMetrics(
    int iteration,
    double meanReturn,
    double policyLoss,
    double valueLoss,
    double entropy,
    double approxKl,
    double clipFraction,
    int epochs,
    double entropyCoef,
    double rolloutSeconds,
    double updateSeconds) {

  /** Total wall seconds. */
  public double seconds() {
    return rolloutSeconds + updateSeconds;
  }

  /** CSV header matching {@link #csv()}. */
  public static String csvHeader() {
    return "iteration,mean_return,policy_loss,value_loss,entropy,approx_kl,clip_fraction,epochs,"
        + "entropy_coef,rollout_seconds,update_seconds,wall_seconds";
  }

  /** This row as CSV. */
  public String csv() {
    return iteration
        + ","
        + meanReturn
        + ","
        + policyLoss
        + ","
        + valueLoss
        + ","
        + entropy
        + ","
        + approxKl
        + ","
        + clipFraction
        + ","
        + epochs
        + ","
        + entropyCoef
        + ","
        + rolloutSeconds
        + ","
        + updateSeconds
        + ","
        + seconds();
  }
}
