package org.rl3spark.jobs.tasks;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.rl3spark.envs.TaskStatistics;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.envs.mdp.RandomMdpFamily;
import org.rl3spark.jobs.publish.ExpectedSchema;

/**
 * The Parquet schemas of task datasets, one per family: common columns, then the family's.
 *
 * <p>Common: {@code schema_version int, family string, variant string, split string, task_index
 * long, seed long}. Bandits: {@code arms int, p array<double>, best_arm_p double}. Random MDPs:
 * {@code states int, actions int, alpha double, transitions array<double>, mean_rewards
 * array<double>, oracle_episode_return double, noise_std double, episode_length int, start_state
 * int} (the last three make a row a complete task). Grids: {@code side int, slip double, layout
 * string, attempts int, optimal_return_100 double, obstacle_fraction double, wet_fraction double,
 * danger_count int}. No column is nullable. Rows are keyed by (family, variant, split, task_index).
 */
public final class TaskSchemas {

  /** Value of {@code schema_version}; bump when columns change. */
  public static final int SCHEMA_VERSION = 1;

  /** Column names. */
  public static final String SCHEMA_VERSION_COL = "schema_version";

  /** Column. */
  public static final String FAMILY = "family";

  /** Column. */
  public static final String VARIANT = "variant";

  /** Column. */
  public static final String SPLIT = "split";

  /** Column. */
  public static final String TASK_INDEX = "task_index";

  /** Column. */
  public static final String SEED = "seed";

  /** Bandits. */
  public static final String ARMS = "arms";

  /** Bandits: the arms' parameters as drawn. */
  public static final String P = "p";

  /** Bandits. */
  public static final String BEST_ARM_P = TaskStatistics.BEST_ARM_P;

  /** MDPs. */
  public static final String STATES = "states";

  /** MDPs. */
  public static final String ACTIONS = "actions";

  /** MDPs: the Dirichlet concentration the split's tasks were drawn with. */
  public static final String ALPHA = "alpha";

  /** MDPs: T flattened as [(s·A + a)·S + s']. */
  public static final String TRANSITIONS = "transitions";

  /** MDPs: R flattened as [s·A + a]. */
  public static final String MEAN_REWARDS = "mean_rewards";

  /** MDPs. */
  public static final String ORACLE_EPISODE_RETURN = TaskStatistics.ORACLE_EPISODE_RETURN;

  /** MDPs. */
  public static final String NOISE_STD = "noise_std";

  /** MDPs. */
  public static final String EPISODE_LENGTH = "episode_length";

  /** MDPs. */
  public static final String START_STATE = "start_state";

  /** Grids. */
  public static final String SIDE = "side";

  /** Grids. */
  public static final String SLIP = "slip";

  /** Grids: the tiles' symbols row by row. */
  public static final String LAYOUT = "layout";

  /** Grids. */
  public static final String ATTEMPTS = TaskStatistics.ATTEMPTS;

  /** Grids. */
  public static final String OPTIMAL_RETURN_100 = TaskStatistics.OPTIMAL_RETURN_100;

  /** Grids. */
  public static final String OBSTACLE_FRACTION = TaskStatistics.OBSTACLE_FRACTION;

  /** Grids. */
  public static final String WET_FRACTION = TaskStatistics.WET_FRACTION;

  /** Grids. */
  public static final String DANGER_COUNT = TaskStatistics.DANGER_COUNT;

  /** The key of task rows. */
  public static final List<String> KEYS = List.of(FAMILY, VARIANT, SPLIT, TASK_INDEX);

  private static final StructType BANDITS =
      schema(
          field(ARMS, DataTypes.IntegerType),
          field(P, doubles()),
          field(BEST_ARM_P, DataTypes.DoubleType));
  private static final StructType MDPS =
      schema(
          field(STATES, DataTypes.IntegerType),
          field(ACTIONS, DataTypes.IntegerType),
          field(ALPHA, DataTypes.DoubleType),
          field(TRANSITIONS, doubles()),
          field(MEAN_REWARDS, doubles()),
          field(ORACLE_EPISODE_RETURN, DataTypes.DoubleType),
          field(NOISE_STD, DataTypes.DoubleType),
          field(EPISODE_LENGTH, DataTypes.IntegerType),
          field(START_STATE, DataTypes.IntegerType));
  private static final StructType GRIDWORLD =
      schema(
          field(SIDE, DataTypes.IntegerType),
          field(SLIP, DataTypes.DoubleType),
          field(LAYOUT, DataTypes.StringType),
          field(ATTEMPTS, DataTypes.IntegerType),
          field(OPTIMAL_RETURN_100, DataTypes.DoubleType),
          field(OBSTACLE_FRACTION, DataTypes.DoubleType),
          field(WET_FRACTION, DataTypes.DoubleType),
          field(DANGER_COUNT, DataTypes.IntegerType));

  private TaskSchemas() {}

  /** The schema of {@code family}'s task rows. */
  public static StructType forFamily(String family) {
    return switch (family) {
      case BanditFamily.NAME -> BANDITS;
      case RandomMdpFamily.NAME -> MDPS;
      case GridFamily.NAME -> GRIDWORLD;
      default -> throw new IllegalArgumentException("no task schema for family " + family);
    };
  }

  /** What readers of {@code family}'s task datasets require. */
  public static ExpectedSchema expected(String family) {
    return new ExpectedSchema(forFamily(family), KEYS);
  }

  private static StructType schema(StructField... specific) {
    List<StructField> fields = new ArrayList<>();
    fields.add(field(SCHEMA_VERSION_COL, DataTypes.IntegerType));
    fields.add(field(FAMILY, DataTypes.StringType));
    fields.add(field(VARIANT, DataTypes.StringType));
    fields.add(field(SPLIT, DataTypes.StringType));
    fields.add(field(TASK_INDEX, DataTypes.LongType));
    fields.add(field(SEED, DataTypes.LongType));
    fields.addAll(List.of(specific));
    return DataTypes.createStructType(fields);
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
    return DataTypes.createStructField(name, type, false);
  }

  private static org.apache.spark.sql.types.DataType doubles() {
    return DataTypes.createArrayType(DataTypes.DoubleType, false);
  }
}
