package org.rl3spark.jobs.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rl3spark.envs.grid.GridTask;

/**
 * The upper bound of every count, size and length key, in one place; {@link LimitChecks} applies
 * them when a config is loaded, before any Spark session exists. Each key's comment in {@code
 * rl3-defaults.conf} repeats its bound.
 *
 * <p>A {@link Bound} has a soft part, derived from what the machines this project runs on hold (a
 * driver with the {@code -Xmx8g} of {@code bin/rl3}, about 70 GB of free disk for all outputs, 2 to
 * 16 cores), and a hard part, derived from the data layout (an {@code int} counter, one Java
 * array). {@code limits.allow-large = true} (or {@code --allow-large}) lifts the soft part only.
 *
 * <p>Disk-bound keys are measured in bytes of Parquet per row (plain encoding of the numeric
 * columns; the strings are dictionary-encoded and cost next to nothing) against {@link
 * #OUTPUT_BYTES}. Memory-bound keys are measured against half of the driver's heap, the other half
 * being left to the networks, their Adam state and Spark. Intervals ({@code checkpoint-every},
 * {@code eval-every}, {@code averaging-frequency}, {@code entropy.block-size}) have no upper bound:
 * a large one only means "rarely". Grid sizes have none either: the variant fixes them (at most
 * 15x15).
 */
public final class Limits {

  /** The config key that lifts the soft bounds. */
  public static final String ALLOW_LARGE = "limits.allow-large";

  /**
   * Disk budget of one job's output: 10 GB, a seventh of the free disk of the reference machine,
   * and about 10 minutes of writing at the ~20 MB/s a 2-core run sustains.
   */
  public static final long OUTPUT_BYTES = 10_000_000_000L;

  /** The longest Java array (the JDK's own soft maximum, {@code Integer.MAX_VALUE - 8}). */
  public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** Parquet bytes of a task row's common columns: schema_version, task_index, seed (4 + 8 + 8). */
  static final long TASK_ROW_BYTES = 20;

  /**
   * Parquet bytes of a step row of {@code rollout}: task_index 8, episode, step, state,
   * episode_step, action, reward 4 each, episode_end 1.
   */
  static final long STEP_ROW_BYTES = 33;

  /**
   * Driver bytes per observation value of a training iteration: the collected Spark rows box every
   * float (~24 B with its reference and the serialized copy), beside the batch's float array (4 B)
   * and the minibatch tensors.
   */
  static final long DRIVER_BYTES_PER_OBSERVATION = 32;

  /**
   * Largest transition table of a random MDP, in probabilities: 10^7 doubles are 80 MB, held by
   * every executor task that plays or generates the task and written in every task row.
   */
  static final long MDP_TRANSITIONS = 10_000_000;

  private static final long INT = Integer.MAX_VALUE;
  private static final String AN_INT = "it is counted in an int";
  private static final String ONE_ARRAY = "the values are one Java array";

  /** {@code evaluate.count}. */
  public static final Bound EVALUATE_COUNT =
      new Bound(
          1_000_000,
          "the summary sorts each group's returns in driver memory",
          MAX_ARRAY,
          "a group's returns are one Java array");

  /** Each of {@code evaluate.budgets}. */
  public static final Bound EVALUATE_BUDGET =
      new Bound(
          100_000,
          "every per-task row carries the H rewards: 400 kB a row at 100,000",
          MAX_ARRAY,
          "a row's rewards are one Java array");

  /** {@code rollout.budget}. */
  public static final Bound ROLLOUT_BUDGET =
      new Bound(
          1_000_000,
          "a meta-episode of H steps is held in memory by its executor task",
          MAX_ARRAY,
          "a meta-episode's steps are Java arrays");

  /** {@code rollout.episodes}. */
  public static final Bound ROLLOUT_EPISODES =
      new Bound(100_000, "every meta-episode of every task is a block of step rows", INT, AN_INT);

  /** {@code train.horizon}. */
  public static final Bound TRAIN_HORIZON =
      new Bound(
          5_000,
          "the transformer's positional table has H rows and its attention H² entries"
              + " per sequence",
          MAX_ARRAY - 1,
          "a sequence of H + 1 observations is one Java array");

  /** {@code train.iterations} and {@code train.entropy.schedule-iterations}. */
  public static final Bound TRAIN_ITERATIONS =
      new Bound(
          1_000_000,
          "metrics.csv and metrics/ hold a row per iteration, read back on the"
              + " driver to resume; the paper's longest run has 20,000",
          INT,
          AN_INT);

  /** {@code train.eval-count}. */
  public static final Bound TRAIN_EVAL_COUNT =
      new Bound(
          EVALUATE_COUNT.soft(),
          "every evaluation plays each task and collects the returns"
              + " on the driver, like evaluate.count",
          MAX_ARRAY,
          ONE_ARRAY);

  /** {@code render.budget}. */
  public static final Bound RENDER_BUDGET =
      new Bound(
          100_000,
          "the replayed meta-episode and trajectory.csv hold a row per step",
          MAX_ARRAY,
          "the replay's steps are one Java array");

  /** {@code render.tile-size}: the PNG is 15 tiles × tile-size pixels a side at most. */
  public static final Bound RENDER_TILE_SIZE =
      new Bound(
          200,
          "a 15x15 grid is then a 3000-pixel PNG",
          3_089,
          "the image's pixels are one Java int array");

  /** The length of {@code render.steps}. */
  public static final Bound RENDER_SNAPSHOTS =
      new Bound(1_000, "every snapshot is a PNG file", INT, AN_INT);

  /** Keys whose bound depends on no other key, by full path. */
  static final Map<String, Bound> FIXED = fixed();

  /** Keys of the family blocks (also in the sets of demo and evaluate) with fixed bounds. */
  static final Map<String, Map<String, Bound>> FAMILY = family();

  private Limits() {}

  private static Map<String, Bound> fixed() {
    Map<String, Bound> m = new LinkedHashMap<>();
    m.put("rollout.budget", ROLLOUT_BUDGET);
    m.put("rollout.episodes", ROLLOUT_EPISODES);
    m.put("evaluate.count", EVALUATE_COUNT);
    m.put("train.horizon", TRAIN_HORIZON);
    m.put("train.iterations", TRAIN_ITERATIONS);
    m.put("train.entropy.schedule-iterations", TRAIN_ITERATIONS);
    m.put("train.eval-count", TRAIN_EVAL_COUNT);
    m.put(
        "train.sequences-per-minibatch",
        new Bound(
            100_000, "a minibatch's sequences are fitted at once on the driver", INT, AN_INT));
    m.put(
        "train.minibatch-steps",
        new Bound(10_000_000, "a minibatch's steps are fitted at once on the driver", INT, AN_INT));
    m.put("train.epochs", new Bound(1_000, "every epoch passes over the whole batch", INT, AN_INT));
    String network =
        "the networks and their Adam state are held by the driver and every executor task";
    m.put("train.network.d-model", new Bound(1_024, network, INT, AN_INT));
    m.put("train.network.heads", new Bound(64, network, INT, AN_INT));
    m.put("train.network.blocks", new Bound(16, network, INT, AN_INT));
    m.put("train.network.ff-size", new Bound(16_384, network, INT, AN_INT));
    m.put("train.network.hidden", new Bound(16_384, network, INT, AN_INT));
    m.put(
        "train.workers",
        new Bound(
            1_024,
            "every worker is a Spark task holding both networks and their Adam state",
            INT,
            AN_INT));
    m.put(
        "train.threads",
        new Bound(
            256,
            "threads per JVM beyond the cores only add switching",
            256,
            "ND4J's thread settings"));
    m.put(
        "train.rollout-partitions",
        new Bound(
            100_000,
            "every partition is a Spark task scheduled by the driver each iteration",
            INT,
            AN_INT));
    m.put(
        "train.ship.replay-tasks",
        new Bound(
            10_000,
            "a shipped agent's replay.csv is checked by a unit test",
            MAX_ARRAY,
            ONE_ARRAY));
    m.put(
        "analysis.qunique.n-mdps",
        new Bound(1_000_000, "all-pairs compares n(n-1)/2 pairs: 5·10^11 at 10^6", INT, AN_INT));
    m.put(
        "analysis.qunique.horizon",
        new Bound(
            10_000, "every MDP's Q-table takes a value-iteration sweep per step", INT, AN_INT));
    m.put(
        "analysis.qunique.block-size",
        new Bound(
            1_000_000,
            "a task compares two blocks: block-size² pairs held by one executor task",
            INT,
            AN_INT));
    m.put(
        "analysis.estimates.steps",
        new Bound(10_000, "every MDP keeps a Q-table per step", INT, AN_INT));
    m.put(
        "analysis.estimates.episode-length",
        new Bound(10_000, "an episode is at most the estimates' steps", INT, AN_INT));
    m.put(
        "analysis.estimates.sweeps",
        new Bound(10_000, "every step runs up to this many value-iteration sweeps", INT, AN_INT));
    m.put(
        "analysis.qdup.n-mdps",
        new Bound(1_000_000, "n Q-tables per step are compared pairwise", INT, AN_INT));
    m.put(
        "analysis.qclassify.n-mdps",
        new Bound(
            100_000, "every MDP is a class: the MLP's output layer has n units", INT, AN_INT));
    m.put(
        "analysis.qclassify.train-rollouts",
        new Bound(
            1_000,
            "n × rollouts examples per step are held by the classifier's task",
            INT,
            AN_INT));
    m.put(
        "analysis.qclassify.test-rollouts",
        new Bound(
            1_000,
            "n × rollouts examples per step are held by the classifier's task",
            INT,
            AN_INT));
    m.put(
        "analysis.qclassify.hidden",
        new Bound(10_000, "the MLP has hidden × (n + 7) parameters", INT, AN_INT));
    m.put(
        "analysis.qclassify.epochs",
        new Bound(10_000, "every epoch passes over all examples", INT, AN_INT));
    m.put(
        "analysis.qclassify.batch-size",
        new Bound(10_000_000, "a batch is one tensor on the classifier's task", INT, AN_INT));
    m.put(
        "analysis.qclassify.threads",
        new Bound(256, "threads per classifier beyond the cores only add switching", INT, AN_INT));
    m.put(
        "analysis.qclassify.workers",
        new Bound(1_024, "every worker is a Spark task holding the MLP", INT, AN_INT));
    m.put("render.budget", RENDER_BUDGET);
    m.put("render.tile-size", RENDER_TILE_SIZE);
    return m;
  }

  private static Map<String, Map<String, Bound>> family() {
    Map<String, Map<String, Bound>> m = new LinkedHashMap<>();
    m.put(
        "bandits",
        Map.of(
            "arms",
            new Bound(
                10_000,
                "the networks' input (4 × arms + 8) and output layers and every task's arrays grow with"
                    + " it",
                (MAX_ARRAY - 8) / 4,
                "the observation of 4 × arms + 8 floats is one array")));
    Map<String, Bound> mdps = new LinkedHashMap<>();
    mdps.put(
        "actions",
        new Bound(
            10_000,
            "the networks' input (4 × actions + states + 6) and output layers grow with it",
            (MAX_ARRAY - 8) / 4,
            "the observation of 4 × actions + states + 6 floats is one array"));
    mdps.put(
        "episode-length",
        new Bound(
            100_000,
            "the oracle runs a value-iteration sweep per step of an episode",
            INT,
            AN_INT));
    m.put("mdps", mdps);
    m.put(
        "gridworld",
        Map.of(
            "max-attempts",
            new Bound(
                1_000_000,
                "every attempt draws a grid and solves it (~1 ms): 10^6 attempts are ~20 minutes a task",
                INT,
                AN_INT)));
    return m;
  }

  /**
   * {@code family.mdps.states} given the number of actions: the transition table of states² ×
   * actions probabilities is kept within {@link #MDP_TRANSITIONS}.
   */
  static Bound mdpStates(long actions) {
    long a = Math.max(1, actions);
    long soft = (long) Math.floor(Math.sqrt((double) MDP_TRANSITIONS / a));
    long hard = (long) Math.floor(Math.sqrt((double) MAX_ARRAY / a));
    return new Bound(
        Math.min(soft, hard),
        "a task's transition table has states² × "
            + a
            + " probabilities, kept within "
            + MDP_TRANSITIONS
            + " (80 MB) per task",
        hard,
        "the transition table is one Java array of states² × actions doubles");
  }

  /**
   * {@code tasks.count} and {@code demo.count}: rows of {@code bytesEach} bytes of Parquet kept
   * within {@link #OUTPUT_BYTES}.
   *
   * @param what the rows, e.g. {@code bandits/k5 tasks}
   */
  static Bound taskRows(String what, double bytesEach) {
    return new Bound(
        round(OUTPUT_BYTES / bytesEach),
        "Parquet rows of " + what + "; one output is kept within " + Bound.bytes(OUTPUT_BYTES),
        Long.MAX_VALUE,
        "task indices are longs",
        bytesEach);
  }

  /** {@code rollout.count}: budget × episodes step rows per task, kept within the output budget. */
  static Bound rolloutCount(long budget, long episodes) {
    double rows = (double) budget * episodes;
    return new Bound(
        round(OUTPUT_BYTES / (rows * STEP_ROW_BYTES)),
        "Parquet step rows: budget "
            + budget
            + " × episodes "
            + episodes
            + " rows per task at ~"
            + STEP_ROW_BYTES
            + " B; one output is kept within "
            + Bound.bytes(OUTPUT_BYTES),
        Long.MAX_VALUE,
        "task indices are longs",
        rows * STEP_ROW_BYTES);
  }

  /**
   * {@code train.envs}: an iteration's observations, envs × (horizon + 1) × width floats, are held
   * on the driver within half of its heap, and are one Java array.
   *
   * @param width observation width ({@link #observationWidth})
   * @param actions the number of actions (the policy's probabilities are envs × horizon × actions)
   * @param heapBytes the driver's maximum heap
   */
  static Bound trainEnvs(long horizon, long width, long actions, long heapBytes) {
    double values = (double) (horizon + 1) * width;
    long hard = (long) Math.min(MAX_ARRAY / values, MAX_ARRAY / ((double) horizon * actions));
    long soft = (long) (heapBytes / 2.0 / (values * DRIVER_BYTES_PER_OBSERVATION));
    return new Bound(
        Math.min(soft, hard),
        "an iteration's observations, envs × (horizon "
            + horizon
            + " + 1) × "
            + width
            + " floats, are held on the driver at ~"
            + DRIVER_BYTES_PER_OBSERVATION
            + " B each within half of its "
            + Bound.bytes(heapBytes)
            + " heap, which RL3_JAVA_OPTS=-Xmx... raises",
        hard,
        "an iteration's observations are one Java float array");
  }

  /**
   * The widest observation the networks see: the RL³ layout, {@code MetaLayout} (actions + 4)
   * around {@code VamdpLayout} (state encoding + 3 × actions + 2).
   */
  static long observationWidth(long actions, long stateEncoding) {
    return 4 * actions + stateEncoding + 6;
  }

  /** Actions of a gridworld task. */
  static long gridActions() {
    return GridTask.ACTIONS;
  }

  /** Parquet bytes of a bandit task row with {@code arms} arms: arms, p[], best_arm_p. */
  static double banditTaskBytes(long arms) {
    return TASK_ROW_BYTES + 4 + 8.0 * arms + 8;
  }

  /**
   * Parquet bytes of a random-MDP task row: the S²·A transitions and S·A mean rewards as doubles,
   * plus states, actions, alpha, the oracle return, noise_std, episode_length and start_state.
   */
  static double mdpTaskBytes(long states, long actions) {
    double sa = (double) states * actions;
    return TASK_ROW_BYTES + 40 + 8 * (sa * states + sa);
  }

  /** Parquet bytes of a gridworld task row: the side² layout symbols and 7 numbers. */
  static double gridTaskBytes(long side) {
    return TASK_ROW_BYTES + 44 + (double) side * side;
  }

  /** {@code x} rounded down to two significant digits, so that bounds read as round numbers. */
  static long round(double x) {
    if (!(x >= 1)) {
      return 0;
    }
    long v = x >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) x;
    long p = 1;
    while (v / p >= 100) {
      p *= 10;
    }
    return v / p * p;
  }
}
