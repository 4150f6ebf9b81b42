package org.rl3spark.jobs.tasks;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.envs.mdp.RandomMdpFamily;

/**
 * The summary of one task dataset: one row per (family, variant, split).
 *
 * @param family family name
 * @param variant variant name
 * @param split split name
 * @param nTasks number of tasks
 * @param stats the family's summary columns (see {@link #STAT_COLUMNS}), in canonical order
 */
public record TaskSummary(
    String family, String variant, String split, long nTasks, Map<String, Double> stats) {

  /** Bandits: mean best-arm success probability. */
  public static final String MEAN_BEST_ARM_P = "mean_best_arm_p";

  /** MDPs: mean optimal episode return from the start state. */
  public static final String MEAN_ORACLE_EPISODE_RETURN = "mean_oracle_episode_return";

  /** Grids: tasks per grid drawn, n_tasks / Σ attempts. */
  public static final String ACCEPTANCE_RATE = "acceptance_rate";

  /** Grids: mean J. */
  public static final String MEAN_OPTIMAL_RETURN_100 = "mean_optimal_return_100";

  /** Grids: mean obstacle fraction. */
  public static final String OBSTACLE_FRACTION = TaskSchemas.OBSTACLE_FRACTION;

  /** Grids: mean water fraction. */
  public static final String WET_FRACTION = TaskSchemas.WET_FRACTION;

  /** Grids: mean number of dangers. */
  public static final String DANGER_COUNT = TaskSchemas.DANGER_COUNT;

  /** Every summary column after {@code family,variant,split,n_tasks}, in table order. */
  public static final List<String> STAT_COLUMNS =
      List.of(
          MEAN_BEST_ARM_P,
          MEAN_ORACLE_EPISODE_RETURN,
          ACCEPTANCE_RATE,
          MEAN_OPTIMAL_RETURN_100,
          OBSTACLE_FRACTION,
          WET_FRACTION,
          DANGER_COUNT);

  /** Validates and copies the fields. */
  public TaskSummary {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(split, "split");
    for (String k : stats.keySet()) {
      if (!STAT_COLUMNS.contains(k)) {
        throw new IllegalArgumentException("unknown summary column " + k);
      }
    }
    stats = Collections.unmodifiableMap(new LinkedHashMap<>(stats));
  }

  /**
   * Summarises task rows of one family by Spark aggregation; only the summary row reaches the
   * driver.
   *
   * @throws IllegalStateException unless the rows form exactly one (family, variant, split)
   */
  public static TaskSummary compute(Dataset<Row> rows, String family) {
    List<String> names = new ArrayList<>();
    List<Column> aggs = new ArrayList<>();
    switch (family) {
      case BanditFamily.NAME -> {
        names.add(MEAN_BEST_ARM_P);
        aggs.add(avg(col(TaskSchemas.BEST_ARM_P)));
      }
      case RandomMdpFamily.NAME -> {
        names.add(MEAN_ORACLE_EPISODE_RETURN);
        aggs.add(avg(col(TaskSchemas.ORACLE_EPISODE_RETURN)));
      }
      case GridFamily.NAME -> {
        names.addAll(
            List.of(
                ACCEPTANCE_RATE,
                MEAN_OPTIMAL_RETURN_100,
                OBSTACLE_FRACTION,
                WET_FRACTION,
                DANGER_COUNT));
        aggs.add(count(lit(1)).cast("double").divide(sum(col(TaskSchemas.ATTEMPTS))));
        aggs.add(avg(col(TaskSchemas.OPTIMAL_RETURN_100)));
        aggs.add(avg(col(TaskSchemas.OBSTACLE_FRACTION)));
        aggs.add(avg(col(TaskSchemas.WET_FRACTION)));
        aggs.add(avg(col(TaskSchemas.DANGER_COUNT)));
      }
      default -> throw new IllegalArgumentException("no summary for family " + family);
    }
    List<Row> result =
        rows.groupBy(col(TaskSchemas.FAMILY), col(TaskSchemas.VARIANT), col(TaskSchemas.SPLIT))
            .agg(count(lit(1)), aggs.toArray(Column[]::new))
            .collectAsList();
    if (result.size() != 1) {
      throw new IllegalStateException(
          "expected the rows of exactly one (family, variant, split), found " + result.size());
    }
    Row r = result.get(0);
    Map<String, Double> stats = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      stats.put(names.get(i), r.getDouble(4 + i));
    }
    return new TaskSummary(r.getString(0), r.getString(1), r.getString(2), r.getLong(3), stats);
  }
}
