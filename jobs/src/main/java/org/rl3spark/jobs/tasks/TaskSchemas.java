package org.rl3spark.jobs.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.rl3spark.envs.Families;
import org.rl3spark.envs.bandit.BanditSupport;
import org.rl3spark.envs.family.ColumnType;
import org.rl3spark.envs.family.FamilySupport;
import org.rl3spark.envs.family.TaskColumn;
import org.rl3spark.envs.grid.GridSupport;
import org.rl3spark.envs.mdp.RandomMdpSupport;
import org.rl3spark.jobs.publish.ExpectedSchema;

/**
 * The Parquet schemas of task datasets, one per registered family ({@link Families}): common
 * columns, then the family's ({@link FamilySupport#columns()}, each {@link ColumnType} as one Spark
 * SQL type).
 *
 * <p>Common: {@code schema_version int, family string, variant string, split string, task_index
 * long, seed long}. Bandits: {@code arms int, p array<double>, best_arm_p double}. Random MDPs:
 * {@code states int, actions int, alpha double, transitions array<double>, mean_rewards
 * array<double>, oracle_episode_return double, noise_std double, episode_length int, start_state
 * int} (the last three make a row a complete task). Grids: {@code side int, slip double, layout
 * string, attempts int, optimal_return_100 double, obstacle_fraction double, wet_fraction double,
 * danger_count int}. No column is nullable. Rows are keyed by (family, variant, split, task_index).
 * The family columns' names below are those of the families registered first, for readers; a new
 * family's are in its registration.
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
  public static final String ARMS = BanditSupport.ARMS;

  /** Bandits: the arms' parameters as drawn. */
  public static final String P = BanditSupport.P;

  /** Bandits. */
  public static final String BEST_ARM_P = BanditSupport.BEST_ARM_P;

  /** MDPs. */
  public static final String STATES = RandomMdpSupport.STATES;

  /** MDPs. */
  public static final String ACTIONS = RandomMdpSupport.ACTIONS;

  /** MDPs: the Dirichlet concentration the split's tasks were drawn with. */
  public static final String ALPHA = RandomMdpSupport.ALPHA;

  /** MDPs: T flattened as [(s·A + a)·S + s']. */
  public static final String TRANSITIONS = RandomMdpSupport.TRANSITIONS;

  /** MDPs: R flattened as [s·A + a]. */
  public static final String MEAN_REWARDS = RandomMdpSupport.MEAN_REWARDS;

  /** MDPs. */
  public static final String ORACLE_EPISODE_RETURN = RandomMdpSupport.ORACLE_EPISODE_RETURN;

  /** MDPs. */
  public static final String NOISE_STD = RandomMdpSupport.NOISE_STD;

  /** MDPs. */
  public static final String EPISODE_LENGTH = RandomMdpSupport.EPISODE_LENGTH;

  /** MDPs. */
  public static final String START_STATE = RandomMdpSupport.START_STATE;

  /** Grids. */
  public static final String SIDE = GridSupport.SIDE;

  /** Grids. */
  public static final String SLIP = GridSupport.SLIP;

  /** Grids: the tiles' symbols row by row. */
  public static final String LAYOUT = GridSupport.LAYOUT;

  /** Grids. */
  public static final String ATTEMPTS = GridSupport.ATTEMPTS;

  /** Grids. */
  public static final String OPTIMAL_RETURN_100 = GridSupport.OPTIMAL_RETURN_100;

  /** Grids. */
  public static final String OBSTACLE_FRACTION = GridSupport.OBSTACLE_FRACTION;

  /** Grids. */
  public static final String WET_FRACTION = GridSupport.WET_FRACTION;

  /** Grids. */
  public static final String DANGER_COUNT = GridSupport.DANGER_COUNT;

  /** The key of task rows. */
  public static final List<String> KEYS = List.of(FAMILY, VARIANT, SPLIT, TASK_INDEX);

  private static final Map<String, StructType> BY_FAMILY = byFamily();

  private TaskSchemas() {}

  /** The schema of {@code family}'s task rows. */
  public static StructType forFamily(String family) {
    StructType schema = BY_FAMILY.get(family);
    if (schema == null) {
      throw new IllegalArgumentException("no task schema for family " + family);
    }
    return schema;
  }

  /** What readers of {@code family}'s task datasets require. */
  public static ExpectedSchema expected(String family) {
    return new ExpectedSchema(forFamily(family), KEYS);
  }

  private static Map<String, StructType> byFamily() {
    Map<String, StructType> m = new LinkedHashMap<>();
    for (FamilySupport<?> f : Families.all()) {
      m.put(f.name(), schema(f.columns().stream().map(TaskSchemas::field).toList()));
    }
    return Map.copyOf(m);
  }

  private static StructType schema(List<StructField> specific) {
    List<StructField> fields = new ArrayList<>();
    fields.add(field(SCHEMA_VERSION_COL, DataTypes.IntegerType));
    fields.add(field(FAMILY, DataTypes.StringType));
    fields.add(field(VARIANT, DataTypes.StringType));
    fields.add(field(SPLIT, DataTypes.StringType));
    fields.add(field(TASK_INDEX, DataTypes.LongType));
    fields.add(field(SEED, DataTypes.LongType));
    fields.addAll(specific);
    return DataTypes.createStructType(fields);
  }

  private static StructField field(TaskColumn c) {
    return field(c.name(), type(c.type()));
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, false);
  }

  /** The Parquet (Spark SQL) type of a column type; arrays hold no nulls. */
  private static DataType type(ColumnType t) {
    return switch (t) {
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case STRING -> DataTypes.StringType;
      case DOUBLE_ARRAY -> DataTypes.createArrayType(DataTypes.DoubleType, false);
    };
  }
}
