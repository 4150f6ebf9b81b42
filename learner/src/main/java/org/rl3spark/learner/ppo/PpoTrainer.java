package org.rl3spark.learner.ppo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.infer.StepActor;

/**
 * The single-process PPO loop (one JVM, no Spark): each iteration plays one meta-episode per env on
 * fresh training tasks with the current actor, computes values and GAE advantages with the critic,
 * and updates both networks. The pieces ({@link RolloutCollector}, {@link BatchOutputs}, {@link
 * Advantages}, {@link PpoUpdate}) are the ones the Spark job distributes.
 */
public final class PpoTrainer {

  private PpoTrainer() {}

  /** Runs one iteration (1-based) and returns its metrics. */
  public static IterationMetrics iteration(ActorCritic ac, TrainingSetup s, int iteration) {
    long t0 = System.nanoTime();
    RolloutBatch batch = collect(ac, s, iteration);
    long t1 = System.nanoTime();
    float[] values = BatchOutputs.values(ac, batch);
    Advantages adv = Advantages.of(batch, values, s.ppo().gamma(), s.ppo().lambda());
    double entropyCoef = s.ppo().entropy().at(iteration);
    UpdateStats u = PpoUpdate.run(ac, batch, adv, s.ppo(), entropyCoef, s.minibatchRng(iteration));
    long t2 = System.nanoTime();
    return new IterationMetrics(
        iteration,
        batch.meanReturn(),
        u.policyLoss(),
        u.valueLoss(),
        u.entropy(),
        u.approxKl(),
        u.clipFraction(),
        u.epochs(),
        entropyCoef,
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9);
  }

  /**
   * The meta-episodes of an iteration (1-based), played in this process by the current actor on
   * that iteration's training tasks, with its dynamics and policy streams.
   */
  public static RolloutBatch collect(ActorCritic ac, TrainingSetup s, int iteration) {
    int n = s.ppo().envs();
    List<Task> tasks = new ArrayList<>(n);
    Rng[] dynamics = new Rng[n];
    Rng[] policy = new Rng[n];
    for (int e = 0; e < n; e++) {
      tasks.add(s.family().generate(Split.TRAIN, s.taskIndex(iteration, e), s.masterSeed()));
      dynamics[e] = s.dynamicsRng(iteration, e);
      policy[e] = s.policyRng(iteration, e);
    }
    StepActor actor = ac.stepActor(n);
    return RolloutCollector.collect(
        tasks, s.innerEnv(), s.horizon(), actor, dynamics, policy, false);
  }

  /** Runs iterations {@code from..to} (inclusive), reporting each. */
  public static List<IterationMetrics> train(
      ActorCritic ac, TrainingSetup s, int from, int to, Consumer<IterationMetrics> report) {
    List<IterationMetrics> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      IterationMetrics m = iteration(ac, s, i);
      out.add(m);
      report.accept(m);
    }
    return out;
  }

  /**
   * Mean meta-episode return of the current actor on {@code count} tasks of a split (stochastic
   * actions, as the reference tests), in batches of {@code batch} envs.
   */
  public static double evaluate(
      ActorCritic ac, TrainingSetup s, Split split, int count, int batch, long evalSeed) {
    double total = 0;
    for (int from = 0; from < count; from += batch) {
      int k = Math.min(batch, count - from);
      List<Task> tasks = new ArrayList<>(k);
      Rng[] dynamics = new Rng[k];
      Rng[] policy = new Rng[k];
      for (int e = 0; e < k; e++) {
        tasks.add(s.family().generate(split, from + e, evalSeed));
        dynamics[e] = TrainingSetup.evaluationDynamicsRng(evalSeed, from + e);
        policy[e] = TrainingSetup.evaluationPolicyRng(evalSeed, from + e);
      }
      RolloutBatch b =
          RolloutCollector.collect(
              tasks, s.innerEnv(), s.horizon(), ac.stepActor(k), dynamics, policy, false);
      for (double r : b.returns()) {
        total += r;
      }
    }
    return total / count;
  }
}
