package org.rl3spark.jobs.config;

/**
 * One setting of Appendix D's random MDPs: T(s, a, ·) ~ Dirichlet(α), R(s, a) ~ N(1, β²).
 *
 * @param alpha Dirichlet concentration α, finite and &gt; 0
 * @param beta standard deviation β of the mean rewards, finite and ≥ 0
 */
public record MdpSetting(double alpha, double beta) implements java.io.Serializable {

  /** Validates both fields. */
  public MdpSetting {
    InvalidFields.Checker check = new InvalidFields.Checker();
    check.require(
        alpha > 0 && Double.isFinite(alpha), "alpha", "must be finite and > 0, got " + alpha);
    check.require(
        beta >= 0 && Double.isFinite(beta), "beta", "must be finite and >= 0, got " + beta);
    check.throwIfAny();
  }

  @Override
  public String toString() {
    return "(alpha=" + alpha + ", beta=" + beta + ")";
  }
}
