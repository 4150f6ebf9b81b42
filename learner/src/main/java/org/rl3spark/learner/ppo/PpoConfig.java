package org.rl3spark.learner.ppo;

import java.io.Serializable;
import org.rl3spark.core.config.InvalidSettings;
import org.rl3spark.core.ppo.EntropySchedule;

/**
 * PPO settings (reference §5 and Table 3). The config's {@code train} block holds them as flat keys
 * ({@code train.envs}, {@code train.kl-target}, the {@code train.entropy} block), each the
 * component's name in kebab-case, so that a new setting is a component here, its default in {@code
 * rl3-defaults.conf} and its use.
 *
 * @param iterations PPO iterations to run
 * @param envs meta-episodes (one per env, each on a fresh training task) per iteration: N
 * @param sequencesPerMinibatch whole sequences per minibatch (transformer, LSTM)
 * @param minibatchSteps steps per shuffled minibatch (Markov)
 * @param epochs epochs per iteration (8)
 * @param gamma meta-level discount (0.99)
 * @param lambda GAE λ (0.3)
 * @param clip ε (0.2)
 * @param klTarget the actor stops for the iteration once KL(old ‖ new) ≥ this (0.01)
 * @param entropy the entropy-bonus schedule (its length 0: {@code iterations})
 */
public record PpoConfig(
    int iterations,
    int envs,
    int sequencesPerMinibatch,
    int minibatchSteps,
    int epochs,
    double gamma,
    double lambda,
    double clip,
    double klTarget,
    EntropySchedule entropy)
    implements Serializable {

  /**
   * Validates and lists every problem, each under its config key; an entropy schedule of length 0
   * becomes one over {@code iterations}.
   */
  public PpoConfig {
    InvalidSettings.Checker c = new InvalidSettings.Checker();
    c.require(iterations >= 1, "iterations", "must be >= 1, got " + iterations);
    c.require(envs >= 1, "envs", "must be >= 1, got " + envs);
    c.require(
        sequencesPerMinibatch >= 1,
        "sequences-per-minibatch",
        "must be >= 1, got " + sequencesPerMinibatch);
    c.require(minibatchSteps >= 1, "minibatch-steps", "must be >= 1, got " + minibatchSteps);
    c.require(epochs >= 1, "epochs", "must be >= 1, got " + epochs);
    c.require(gamma > 0 && gamma <= 1, "gamma", "must be in (0, 1], got " + gamma);
    c.require(lambda >= 0 && lambda <= 1, "lambda", "must be in [0, 1], got " + lambda);
    c.require(clip > 0 && clip < 1, "clip", "must be in (0, 1), got " + clip);
    c.require(
        klTarget > 0 && Double.isFinite(klTarget), "kl-target", "must be > 0, got " + klTarget);
    c.require(entropy != null, "entropy", "the entropy schedule must be set");
    c.throwIfAny();
    entropy = entropy.over(iterations);
  }
}
