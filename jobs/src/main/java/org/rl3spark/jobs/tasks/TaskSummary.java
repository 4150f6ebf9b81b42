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
import org.rl3spark.envs.Families;
import org.rl3spark.envs.bandit.BanditSupport;
import org.rl3spark.envs.family.FamilySupport;
import org.rl3spark.envs.family.SummaryColumn;
import org.rl3spark.envs.grid.GridSupport;
import org.rl3spark.envs.mdp.RandomMdpSupport;

/**
 * The summary of one task dataset: one row per (family, variant, split), with the columns of the
 * family's registration ({@link FamilySupport#summary()}).
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
  public static final String MEAN_BEST_ARM_P = BanditSupport.MEAN_BEST_ARM_P;

  /** MDPs: mean optimal episode return from the start state. */
  public static final String MEAN_ORACLE_EPISODE_RETURN =
      RandomMdpSupport.MEAN_ORACLE_EPISODE_RETURN;

  /** Grids: tasks per grid drawn, n_tasks / Σ attempts. */
  public static final String ACCEPTANCE_RATE = GridSupport.ACCEPTANCE_RATE;

  /** Grids: mean J. */
  public static final String MEAN_OPTIMAL_RETURN_100 = GridSupport.MEAN_OPTIMAL_RETURN_100;

  /** Grids: mean obstacle fraction. */
  public static final String OBSTACLE_FRACTION = GridSupport.OBSTACLE_FRACTION;

  /** Grids: mean water fraction. */
  public static final String WET_FRACTION = GridSupport.WET_FRACTION;

  /** Grids: mean number of dangers. */
  public static final String DANGER_COUNT = GridSupport.DANGER_COUNT;

  /**
   * Every summary column after {@code family,variant,split,n_tasks}, in table order: the registered
   * families' ({@link FamilySupport#summary()}) in registration order, each once.
   */
  public static final List<String> STAT_COLUMNS =
      Families.all().stream()
          .flatMap(f -> f.summary().stream())
          .map(SummaryColumn::name)
          .distinct()
          .toList();

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
    FamilySupport<?> support =
        Families.find(family)
            .orElseThrow(() -> new IllegalArgumentException("no summary for family " + family));
    for (SummaryColumn c : support.summary()) {
      names.add(c.name());
      aggs.add(aggregate(c));
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

  /** The Spark aggregate of a summary column over one split's task rows. */
  private static Column aggregate(SummaryColumn c) {
    return switch (c.aggregate()) {
      case MEAN -> avg(col(c.column()));
      case TASKS_PER_TOTAL -> count(lit(1)).cast("double").divide(sum(col(c.column())));
    };
  }
}
