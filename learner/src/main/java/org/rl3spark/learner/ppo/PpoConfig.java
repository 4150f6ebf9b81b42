package org.rl3spark.learner.ppo;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.rl3spark.core.ppo.EntropySchedule;

/**
 * PPO settings (reference §5 and Table 3).
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
 * @param entropy the entropy-bonus schedule
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

  /** Validates and lists every problem. */
  public PpoConfig {
    List<String> p = new ArrayList<>();
    if (iterations < 1
        || envs < 1
        || sequencesPerMinibatch < 1
        || minibatchSteps < 1
        || epochs < 1) {
      p.add("iterations, envs, sequences-per-minibatch, minibatch-steps and epochs must be >= 1");
    }
    if (!(gamma > 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1)) {
      p.add("gamma must be in (0, 1] and lambda in [0, 1]");
    }
    if (!(clip > 0 && clip < 1)) {
      p.add("clip must be in (0, 1), got " + clip);
    }
    if (!(klTarget > 0)) {
      p.add("kl-target must be > 0, got " + klTarget);
    }
    if (entropy == null) {
      p.add("entropy schedule must be set");
    }
    if (!p.isEmpty()) {
      throw new IllegalArgumentException("invalid PPO config: " + String.join("; ", p));
    }
  }
}
