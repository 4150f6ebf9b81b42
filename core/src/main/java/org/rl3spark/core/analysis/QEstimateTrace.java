package org.rl3spark.core.analysis;

import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.vamdp.Vamdp;
import org.rl3spark.core.vamdp.VamdpConfig;

/**
 * The Q-estimates of the VAMDP's learned model along a uniformly random policy (Appendix D.3, Fig.
 * 7): the env is wrapped in a {@link Vamdp}, which after every transition updates its learned model
 * and solves it by value iteration; after step t the full Q-table of the learned model (every state
 * and action, flattened as [s·A + a]) is recorded.
 *
 * <p>Episodes: with {@code episodeLength} L &gt; 0 the env is reset to its start state after every
 * L steps (as inside a meta-episode, where the task horizon truncates episodes and the VAMDP's
 * memory persists); with L = 0 the trace is one episode. An episode that terminates (an absorbing
 * state) restarts at once. States the learned model does not know yet (only with incremental
 * states) have Q = 0.
 */
public final class QEstimateTrace {

  private QEstimateTrace() {}

  /**
   * Runs the random policy and records the learned model's Q-table after every step.
   *
   * @param env a fresh env of the task (owned by the trace)
   * @param config the VAMDP's object-level settings (discount, threshold, sweeps, smoothing)
   * @param taskHorizon the effective task horizon, the VAMDP's default sweep cap
   * @param steps number of steps T ≥ 1
   * @param episodeLength steps per episode L ≥ 0 (0: a single episode)
   * @param envRng the env's dynamics (transitions and reward noise)
   * @param policyRng the random policy's actions
   * @return q with q[t − 1] the Q-table after step t, t = 1..T
   */
  public static double[][] run(
      TabularEnv env,
      VamdpConfig config,
      int taskHorizon,
      int steps,
      int episodeLength,
      Rng envRng,
      Rng policyRng) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    if (episodeLength < 0) {
      throw new IllegalArgumentException("episodeLength must be >= 0, got " + episodeLength);
    }
    int states = env.numStates();
    int actions = env.numActions();
    Vamdp vamdp = new Vamdp(env, config, taskHorizon);
    vamdp.reset(envRng);
    double[][] out = new double[steps][states * actions];
    for (int t = 0; t < steps; t++) {
      if ((t > 0 && episodeLength > 0 && t % episodeLength == 0) || !vamdp.isRunning()) {
        vamdp.reset(envRng);
      }
      vamdp.step(policyRng.nextInt(actions));
      for (int s = 0; s < states; s++) {
        int id = vamdp.model().idOf(s);
        for (int a = 0; a < actions; a++) {
          out[t][s * actions + a] = id < 0 ? 0 : vamdp.solvedQ(id, a);
        }
      }
    }
    return out;
  }
}
