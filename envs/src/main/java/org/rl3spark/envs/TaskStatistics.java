package org.rl3spark.envs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rl3spark.core.model.ValueIteration;
import org.rl3spark.core.task.Task;
import org.rl3spark.envs.bandit.BanditTask;
import org.rl3spark.envs.grid.GridTask;
import org.rl3spark.envs.grid.Tile;
import org.rl3spark.envs.mdp.RandomMdpTask;

/**
 * The per-task figures a user checks a task distribution by. Their means over a split are the
 * columns of the {@code tasks} job's summary.
 */
public final class TaskStatistics {

  /** Bandits: the best arm's success probability. */
  public static final String BEST_ARM_P = "best_arm_p";
  /** Random MDPs: the optimal expected undiscounted episode return from the start state. */
  public static final String ORACLE_EPISODE_RETURN = "oracle_episode_return";
  /** Grids: grids drawn to obtain this one under the rejection rule. */
  public static final String ATTEMPTS = "attempts";
  /** Grids: J, the optimal undiscounted 100-step return from the start. */
  public static final String OPTIMAL_RETURN_100 = "optimal_return_100";
  /** Grids: fraction of obstacle tiles. */
  public static final String OBSTACLE_FRACTION = "obstacle_fraction";
  /** Grids: fraction of water tiles. */
  public static final String WET_FRACTION = "wet_fraction";
  /** Grids: number of danger tiles. */
  public static final String DANGER_COUNT = "danger_count";

  private TaskStatistics() {}

  /** The figures of one task, in a fixed order per family. */
  public static Map<String, Double> of(Task task) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (task instanceof BanditTask b) {
      m.put(BEST_ARM_P, b.bestArmProbability());
    } else if (task instanceof RandomMdpTask t) {
      m.put(ORACLE_EPISODE_RETURN, oracleEpisodeReturn(t));
    } else if (task instanceof GridTask g) {
      double tiles = g.side() * g.side();
      m.put(ATTEMPTS, (double) g.attempts());
      m.put(OPTIMAL_RETURN_100, g.optimalReturn100());
      m.put(OBSTACLE_FRACTION, g.count(Tile.OBSTACLE) / tiles);
      m.put(WET_FRACTION, g.count(Tile.WATER) / tiles);
      m.put(DANGER_COUNT, (double) g.count(Tile.DANGER));
    } else {
      throw new IllegalArgumentException("no statistics for task type " + task.getClass());
    }
    return m;
  }

  /** The optimal expected undiscounted return of one episode (task-horizon steps) from start. */
  public static double oracleEpisodeReturn(RandomMdpTask t) {
    double[][] v = ValueIteration.finiteHorizon(t.model(), t.episodeLength(), 1.0);
    return v[t.episodeLength()][t.startState()];
  }
}
