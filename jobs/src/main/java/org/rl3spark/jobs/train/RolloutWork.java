package org.rl3spark.jobs.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.infer.StepActorFactory;
import org.rl3spark.learner.ppo.RolloutBatch;
import org.rl3spark.learner.ppo.RolloutCollector;
import org.rl3spark.learner.ppo.TrainingSetup;

/**
 * The rollouts of one iteration (or one evaluation), shipped to the executors: a snapshot of the
 * actor and what each env plays. Env e's task and generators depend only on (master seed,
 * iteration, e), never on the partition that plays it, and the step actor computes each env's row
 * on its own, so the rows are the same for any partitioning.
 *
 * @param setup the run's setup
 * @param actors the actor snapshot
 * @param iteration 1-based iteration (training), or the iteration evaluated
 * @param evaluation play held-out test tasks 0 .. envs − 1 with the evaluation streams instead of
 *     the iteration's training tasks
 * @param threads ND4J threads of an executor task
 * @param faultAtIteration testing hook: a non-finite value in env 0's trajectory of this iteration;
 *     −1 = off
 * @param fault what the hook injects: {@code nan-reward}, {@code inf-reward} or {@code
 *     nan-observation} ({@link org.rl3spark.jobs.config.TestingConfig#trainFault})
 */
public record RolloutWork(
    TrainingSetup setup,
    StepActorFactory actors,
    int iteration,
    boolean evaluation,
    int threads,
    int faultAtIteration,
    String fault)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The task index of env e. */
  public long taskIndex(int env) {
    return evaluation ? env : setup.taskIndex(iteration, env);
  }

  /** Plays the envs of a partition (contiguous, ascending) and returns their batch. */
  public RolloutBatch play(int[] envs) {
    Nd4jThreads.set(threads);
    int n = envs.length;
    List<Task> tasks = new ArrayList<>(n);
    Rng[] dynamics = new Rng[n];
    Rng[] policy = new Rng[n];
    long seed = setup.masterSeed();
    for (int i = 0; i < n; i++) {
      int e = envs[i];
      if (evaluation) {
        tasks.add(setup.family().generate(Split.TEST, e, seed));
        dynamics[i] = setup.testDynamicsRng(iteration, e);
        policy[i] = setup.testPolicyRng(iteration, e);
      } else {
        tasks.add(setup.family().generate(Split.TRAIN, taskIndex(e), seed));
        dynamics[i] = setup.dynamicsRng(iteration, e);
        policy[i] = setup.policyRng(iteration, e);
      }
    }
    RolloutBatch b =
        RolloutCollector.collect(
            tasks,
            setup.innerEnv(),
            setup.horizon(),
            actors.create(n, envs[0]),
            dynamics,
            policy,
            false);
    if (!evaluation && iteration == faultAtIteration && envs[0] == 0) {
      switch (fault) {
        case "inf-reward" -> b.rewards()[0] = Float.POSITIVE_INFINITY;
        case "nan-observation" -> b.observations()[b.obsSize()] = Float.NaN;
        default -> b.rewards()[0] = Float.NaN;
      }
    }
    return b;
  }

  /** Spark: the trajectory rows of a partition of env indices. */
  public Iterator<org.apache.spark.sql.Row> rows(
      Iterator<Integer> envIndices, org.apache.spark.util.DoubleAccumulator playSeconds) {
    int[] envs = collect(envIndices);
    if (envs.length == 0) {
      return java.util.Collections.emptyIterator();
    }
    long t0 = System.nanoTime();
    RolloutBatch b = play(envs);
    playSeconds.add((System.nanoTime() - t0) / 1e9);
    long[] tasks = new long[envs.length];
    for (int i = 0; i < envs.length; i++) {
      tasks[i] = taskIndex(envs[i]);
    }
    return List.of(TrajectorySchema.rows(b, envs[0], tasks)).iterator();
  }

  /** Spark: the returns of a partition of env indices. */
  public Iterator<Double> returns(Iterator<Integer> envIndices) {
    int[] envs = collect(envIndices);
    if (envs.length == 0) {
      return java.util.Collections.emptyIterator();
    }
    List<Double> out = new ArrayList<>(envs.length);
    for (double r : play(envs).returns()) {
      out.add(r);
    }
    return out.iterator();
  }

  private static int[] collect(Iterator<Integer> it) {
    List<Integer> l = new ArrayList<>();
    it.forEachRemaining(l::add);
    int[] out = new int[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = l.get(i);
      if (i > 0 && out[i] != out[i - 1] + 1) {
        throw new IllegalStateException("a rollout partition's envs must be contiguous");
      }
    }
    return out;
  }
}
