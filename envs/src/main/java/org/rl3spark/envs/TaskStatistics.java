package org.rl3spark.envs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rl3spark.core.task.Task;
import org.rl3spark.envs.bandit.BanditSupport;
import org.rl3spark.envs.grid.GridSupport;
import org.rl3spark.envs.mdp.RandomMdpSupport;
import org.rl3spark.envs.mdp.RandomMdpTask;

/**
 * The per-task figures a user checks a task distribution by, as each family's registration ({@link
 * org.rl3spark.envs.family.FamilySupport#statistics}) computes them. Their means over a split are
 * the columns of the {@code tasks} job's summary. The names below are those of the families
 * registered first; a new family's are in its registration.
 */
public final class TaskStatistics {

  /** Bandits: the best arm's success probability. */
  public static final String BEST_ARM_P = BanditSupport.BEST_ARM_P;

  /** Random MDPs: the optimal expected undiscounted episode return from the start state. */
  public static final String ORACLE_EPISODE_RETURN = RandomMdpSupport.ORACLE_EPISODE_RETURN;

  /** Grids: grids drawn to obtain this one under the rejection rule. */
  public static final String ATTEMPTS = GridSupport.ATTEMPTS;

  /** Grids: J, the optimal undiscounted 100-step return from the start. */
  public static final String OPTIMAL_RETURN_100 = GridSupport.OPTIMAL_RETURN_100;

  /** Grids: fraction of obstacle tiles. */
  public static final String OBSTACLE_FRACTION = GridSupport.OBSTACLE_FRACTION;

  /** Grids: fraction of water tiles. */
  public static final String WET_FRACTION = GridSupport.WET_FRACTION;

  /** Grids: number of danger tiles. */
  public static final String DANGER_COUNT = GridSupport.DANGER_COUNT;

  private TaskStatistics() {}

  /**
   * The figures of one task, in a fixed order per family.
   *
   * @throws IllegalArgumentException if the task's family is not registered
   */
  public static Map<String, Double> of(Task task) {
    return new LinkedHashMap<>(Families.get(task.id().family()).statistics(task));
  }

  /** The optimal expected undiscounted return of one episode (task-horizon steps) from start. */
  public static double oracleEpisodeReturn(RandomMdpTask t) {
    return RandomMdpSupport.oracleEpisodeReturn(t);
  }
}
