package org.rl3spark.envs.grid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rl3spark.core.policy.PolicySet;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.core.task.TaskId;
import org.rl3spark.envs.family.ColumnType;
import org.rl3spark.envs.family.ColumnValues;
import org.rl3spark.envs.family.ConformanceSample;
import org.rl3spark.envs.family.FamilySupport;
import org.rl3spark.envs.family.SummaryColumn;
import org.rl3spark.envs.family.SummaryColumn.Aggregate;
import org.rl3spark.envs.family.TaskColumn;

/**
 * The registration of GridWorlds (every {@link GridVariant}): rows {@code side int, slip double,
 * layout string, attempts int, optimal_return_100 double, obstacle_fraction double, wet_fraction
 * double, danger_count int}; summary {@code acceptance_rate, mean_optimal_return_100,
 * obstacle_fraction, wet_fraction, danger_count}; {@code random} and {@code oracle} only.
 */
public final class GridSupport implements FamilySupport<GridworldConfig> {

  /** Column. */
  public static final String SIDE = "side";

  /** Column. */
  public static final String SLIP = "slip";

  /** Column: the tiles' symbols row by row. */
  public static final String LAYOUT = "layout";

  /** Column and statistic: grids drawn to obtain this one under the rejection rule. */
  public static final String ATTEMPTS = "attempts";

  /** Column and statistic: J, the optimal undiscounted 100-step return from the start. */
  public static final String OPTIMAL_RETURN_100 = "optimal_return_100";

  /** Column, statistic and summary (its mean): the fraction of obstacle tiles. */
  public static final String OBSTACLE_FRACTION = "obstacle_fraction";

  /** Column, statistic and summary (its mean): the fraction of water tiles. */
  public static final String WET_FRACTION = "wet_fraction";

  /** Column, statistic and summary (its mean): the number of danger tiles. */
  public static final String DANGER_COUNT = "danger_count";

  /** Summary: tasks per grid drawn, n_tasks / Σ attempts. */
  public static final String ACCEPTANCE_RATE = "acceptance_rate";

  /** Summary: the mean J. */
  public static final String MEAN_OPTIMAL_RETURN_100 = "mean_optimal_return_100";

  @Override
  public String name() {
    return GridFamily.NAME;
  }

  @Override
  public Class<GridworldConfig> configType() {
    return GridworldConfig.class;
  }

  @Override
  public PolicySet policies() {
    return PolicySet.COMMON;
  }

  @Override
  public List<TaskColumn> columns() {
    return List.of(
        new TaskColumn(SIDE, ColumnType.INT),
        new TaskColumn(SLIP, ColumnType.DOUBLE),
        new TaskColumn(LAYOUT, ColumnType.STRING),
        new TaskColumn(ATTEMPTS, ColumnType.INT),
        new TaskColumn(OPTIMAL_RETURN_100, ColumnType.DOUBLE),
        new TaskColumn(OBSTACLE_FRACTION, ColumnType.DOUBLE),
        new TaskColumn(WET_FRACTION, ColumnType.DOUBLE),
        new TaskColumn(DANGER_COUNT, ColumnType.INT));
  }

  @Override
  public Object[] values(TaskFamily family, Task task) {
    GridTask g = (GridTask) task;
    Map<String, Double> stats = statistics(g);
    return new Object[] {
      g.side(),
      g.slip(),
      g.layout(),
      g.attempts(),
      g.optimalReturn100(),
      stats.get(OBSTACLE_FRACTION),
      stats.get(WET_FRACTION),
      (int) Math.round(stats.get(DANGER_COUNT))
    };
  }

  @Override
  public Task task(TaskId id, ColumnValues row) {
    return new GridTask(
        id,
        row.intValue(SIDE),
        row.string(LAYOUT),
        row.doubleValue(SLIP),
        row.intValue(ATTEMPTS),
        row.doubleValue(OPTIMAL_RETURN_100));
  }

  @Override
  public Map<String, Double> statistics(Task task) {
    GridTask g = (GridTask) task;
    double tiles = g.side() * g.side();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(ATTEMPTS, (double) g.attempts());
    m.put(OPTIMAL_RETURN_100, g.optimalReturn100());
    m.put(OBSTACLE_FRACTION, g.count(Tile.OBSTACLE) / tiles);
    m.put(WET_FRACTION, g.count(Tile.WATER) / tiles);
    m.put(DANGER_COUNT, (double) g.count(Tile.DANGER));
    return m;
  }

  @Override
  public List<SummaryColumn> summary() {
    return List.of(
        new SummaryColumn(ACCEPTANCE_RATE, Aggregate.TASKS_PER_TOTAL, ATTEMPTS),
        SummaryColumn.mean(MEAN_OPTIMAL_RETURN_100, OPTIMAL_RETURN_100),
        SummaryColumn.mean(OBSTACLE_FRACTION, OBSTACLE_FRACTION),
        SummaryColumn.mean(WET_FRACTION, WET_FRACTION),
        SummaryColumn.mean(DANGER_COUNT, DANGER_COUNT));
  }

  @Override
  public List<ConformanceSample> conformanceSamples() {
    List<ConformanceSample> out = new ArrayList<>();
    for (GridVariant v : GridVariant.values()) {
      out.add(new ConformanceSample("grid-" + v.id(), GridFamily.of(v), Split.TRAIN));
    }
    return out;
  }
}
