package org.rl3spark.envs.mdp;

import org.rl3spark.envs.family.FamilyConfig;

/**
 * The {@code family.mdps} block; the fields are those of {@link RandomMdpFamily}. They are repeated
 * rather than the family record reused because this record's text ({@code MdpsConfig[...]}) is part
 * of the config hash of runs trained on MDPs, shipped agents among them.
 *
 * @param states S ≥ 1
 * @param actions A ≥ 1
 * @param alpha Dirichlet concentration of train and test tasks, &gt; 0
 * @param oodAlpha ({@code ood-alpha}) Dirichlet concentration of OOD tasks, &gt; 0
 * @param rewardMean ({@code reward-mean}) mean of R(s, a)
 * @param rewardStd ({@code reward-std}) standard deviation of R(s, a), ≥ 0
 * @param noiseStd ({@code noise-std}) standard deviation of the reward noise, ≥ 0
 * @param episodeLength ({@code episode-length}) the task horizon, ≥ 1
 */
public record MdpsConfig(
    int states,
    int actions,
    double alpha,
    double oodAlpha,
    double rewardMean,
    double rewardStd,
    double noiseStd,
    int episodeLength)
    implements FamilyConfig {

  /** Validates by constructing the family (its message lists every problem). */
  public MdpsConfig {
    new RandomMdpFamily(
        states, actions, alpha, oodAlpha, rewardMean, rewardStd, noiseStd, episodeLength);
  }

  @Override
  public String name() {
    return RandomMdpFamily.NAME;
  }

  @Override
  public RandomMdpFamily toFamily() {
    return new RandomMdpFamily(
        states, actions, alpha, oodAlpha, rewardMean, rewardStd, noiseStd, episodeLength);
  }
}
