package org.rl3spark.jobs.eval;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.rollout.MetaEpisodeRunner;
import org.rl3spark.core.rollout.Trajectory;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.jobs.config.TestingConfig;
import org.rl3spark.jobs.testing.FaultInjection;

/**
 * Executor function: maps a partition of task indices to trajectory rows of {@link
 * EvalSchemas#TRAJECTORIES}, one row per step of each of the task's meta-episodes. The task is
 * generated from (family settings, split, index, master seed) and meta-episode e is {@link
 * MetaEpisodeRunner#play} with episode e, so rows do not depend on the partition or the attempt.
 * One meta-episode is held in memory at a time.
 */
public final class RolloutSteps implements MapPartitionsFunction<Long, Row> {

  private static final long serialVersionUID = 1L;

  private final TaskFamily family;
  private final Split split;
  private final Policy policy;
  private final int budget;
  private final int episodes;
  private final long masterSeed;
  private final TestingConfig hooks;

  /**
   * @param family the family (a serialisable record)
   * @param split the split
   * @param policy the policy (small: rollout ships it in the closure)
   * @param budget the budget H
   * @param episodes meta-episodes per task
   * @param masterSeed the master seed
   * @param hooks fault hooks ({@link TestingConfig#NONE} outside tests)
   */
  public RolloutSteps(
      TaskFamily family,
      Split split,
      Policy policy,
      int budget,
      int episodes,
      long masterSeed,
      TestingConfig hooks) {
    this.family = family;
    this.split = split;
    this.policy = policy;
    this.budget = budget;
    this.episodes = episodes;
    this.masterSeed = masterSeed;
    this.hooks = hooks;
  }

  @Override
  public Iterator<Row> call(Iterator<Long> indices) {
    MetaEpisodeRunner runner = new MetaEpisodeRunner();
    String policyName = policy.name();
    return new Iterator<>() {
      private Task task;
      private Trajectory trajectory;
      private int episode;
      private int step;

      @Override
      public boolean hasNext() {
        if (trajectory != null && step < budget) {
          return true;
        }
        if (task != null && episode + 1 < episodes) {
          episode++;
        } else if (indices.hasNext()) {
          long index = indices.next();
          FaultInjection.beforeTask(hooks, index);
          task = family.generate(split, index, masterSeed);
          episode = 0;
        } else {
          return false;
        }
        trajectory = runner.play(task, policy, budget, masterSeed, episode);
        step = 0;
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Trajectory t = trajectory;
        int s = step++;
        return RowFactory.create(
            EvalSchemas.SCHEMA_VERSION,
            task.id().family(),
            task.id().variant(),
            task.id().split().id(),
            budget,
            policyName,
            task.id().index(),
            episode,
            s,
            t.states()[s],
            t.episodeSteps()[s],
            t.actions()[s],
            t.rewards()[s],
            t.episodeEnds()[s]);
      }
    };
  }
}
