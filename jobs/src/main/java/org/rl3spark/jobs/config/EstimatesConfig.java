package org.rl3spark.jobs.config;

/**
 * The {@code analysis.estimates} block: the Q-estimates of the VAMDP's learned model along a
 * uniformly random policy, shared by the {@code qdup} and {@code qclassify} jobs (Fig. 7 uses the
 * same policy for both).
 *
 * @param alpha Dirichlet concentration of the MDPs' transitions (paper: 0.1)
 * @param beta standard deviation of their mean rewards (paper: 0.5)
 * @param noiseStd ({@code noise-std}) standard deviation of the noise on each observed reward (the
 *     MDP family and the reference code: 1; the paper does not say)
 * @param steps steps of the random policy, ≥ 1 (paper: 50)
 * @param episodeLength ({@code episode-length}) steps per episode before a restart at the start
 *     state (the task horizon, 10, as inside a meta-episode); 0 = one episode of all steps
 * @param gamma discount of the learned model's value iteration (code: 0.95, paper: 1)
 * @param laplace Laplace smoothing λ of the learned transitions (0.1)
 * @param epsilon value iteration stops after a sweep that changes no Q by this much (0.01)
 * @param sweeps sweep cap of the value iteration, ≥ 1 (the task horizon, 10)
 */
public record EstimatesConfig(
    double alpha,
    double beta,
    double noiseStd,
    int steps,
    int episodeLength,
    double gamma,
    double laplace,
    double epsilon,
    int sweeps)
    implements java.io.Serializable {

  /** Validates every field and lists every problem. */
  public EstimatesConfig {
    InvalidFields.Checker check = new InvalidFields.Checker();
    check.require(
        alpha > 0 && Double.isFinite(alpha), "alpha", "must be finite and > 0, got " + alpha);
    check.require(
        beta >= 0 && Double.isFinite(beta), "beta", "must be finite and >= 0, got " + beta);
    check.require(
        noiseStd >= 0 && Double.isFinite(noiseStd),
        "noise-std",
        "must be finite and >= 0, got " + noiseStd);
    check.require(steps >= 1, "steps", "must be >= 1, got " + steps);
    check.require(
        episodeLength >= 0,
        "episode-length",
        "must be >= 0 (0 = one episode), got " + episodeLength);
    check.require(gamma > 0 && gamma <= 1, "gamma", "must be in (0, 1], got " + gamma);
    check.require(
        laplace >= 0 && Double.isFinite(laplace),
        "laplace",
        "must be finite and >= 0, got " + laplace);
    check.require(
        epsilon >= 0 && Double.isFinite(epsilon),
        "epsilon",
        "must be finite and >= 0, got " + epsilon);
    check.require(sweeps >= 1, "sweeps", "must be >= 1, got " + sweeps);
    check.throwIfAny();
  }

  /** The MDP setting. */
  public MdpSetting setting() {
    return new MdpSetting(alpha, beta);
  }
}
