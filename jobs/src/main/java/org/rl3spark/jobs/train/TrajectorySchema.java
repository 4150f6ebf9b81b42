package org.rl3spark.jobs.train;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.rl3spark.learner.ppo.RolloutBatch;

/**
 * One row per meta-episode of an iteration's rollouts, in {@code trajectories/iteration=<i>/}:
 * {@code env, task_index, return, observations (H + 1 × m, row-major), actions (H), rewards (H),
 * probabilities (H × n, the acting policy's)}. The iteration is the directory's partition column.
 */
public final class TrajectorySchema {

  /** The schema of the files (without the partition column). */
  public static final StructType SCHEMA =
      new StructType()
          .add("env", DataTypes.IntegerType, false)
          .add("task_index", DataTypes.LongType, false)
          .add("return", DataTypes.DoubleType, false)
          .add("observations", DataTypes.createArrayType(DataTypes.FloatType, false), false)
          .add("actions", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
          .add("rewards", DataTypes.createArrayType(DataTypes.FloatType, false), false)
          .add("probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private TrajectorySchema() {}

  /** The rows of a batch of envs {@code firstEnv ..}, with their task indices. */
  public static Row[] rows(RolloutBatch b, int firstEnv, long[] taskIndices) {
    int h = b.horizon();
    int m = b.obsSize();
    int a = b.numActions();
    Row[] out = new Row[b.envs()];
    for (int e = 0; e < b.envs(); e++) {
      float[] obs = new float[(h + 1) * m];
      System.arraycopy(b.observations(), b.obs(e, 0), obs, 0, obs.length);
      int[] actions = new int[h];
      System.arraycopy(b.actions(), e * h, actions, 0, h);
      float[] rewards = new float[h];
      System.arraycopy(b.rewards(), e * h, rewards, 0, h);
      float[] probs = new float[h * a];
      System.arraycopy(b.probabilities(), e * h * a, probs, 0, probs.length);
      out[e] =
          RowFactory.create(
              firstEnv + e, taskIndices[e], b.returns()[e], obs, actions, rewards, probs);
    }
    return out;
  }

  /**
   * The batch of the rollout's rows as collected from the executors, which must be exactly envs 0
   * .. n − 1 (in any order) with the given shape.
   *
   * @throws IllegalStateException naming the problem: a missing or repeated env, a wrong length, a
   *     non-finite value
   */
  public static RolloutBatch batch(
      List<Row> rows, int envs, int horizon, int obsSize, int numActions) {
    if (rows.size() != envs) {
      throw new IllegalStateException("read " + rows.size() + " trajectories, expected " + envs);
    }
    Row[] byEnv = new Row[envs];
    for (Row r : rows) {
      int e = r.getInt(0);
      if (e < 0 || e >= envs || byEnv[e] != null) {
        throw new IllegalStateException("trajectory of env " + e + " is out of range or repeated");
      }
      byEnv[e] = r;
    }
    int stride = (horizon + 1) * obsSize;
    float[] observations = new float[envs * stride];
    int[] actions = new int[envs * horizon];
    float[] rewards = new float[envs * horizon];
    float[] probs = new float[envs * horizon * numActions];
    double[] returns = new double[envs];
    for (int e = 0; e < envs; e++) {
      Row r = byEnv[e];
      returns[e] = r.getDouble(2);
      copy(floats(r, 3), observations, e * stride, stride, e, "observations");
      int[] act = ints(r, 4);
      if (act.length != horizon) {
        throw new IllegalStateException(
            "env " + e + ": " + act.length + " actions, expected " + horizon);
      }
      for (int t = 0; t < horizon; t++) {
        int x = act[t];
        if (x < 0 || x >= numActions) {
          throw new IllegalStateException("env " + e + ": action " + x + " out of range");
        }
        actions[e * horizon + t] = x;
      }
      copy(floats(r, 5), rewards, e * horizon, horizon, e, "rewards");
      copy(floats(r, 6), probs, e * horizon * numActions, horizon * numActions, e, "probabilities");
      if (!Double.isFinite(returns[e])) {
        throw new IllegalStateException("env " + e + ": non-finite return " + returns[e]);
      }
    }
    return new RolloutBatch(
        envs, horizon, obsSize, numActions, observations, actions, rewards, probs, returns);
  }

  /** A float array column of a row as {@link #rows} made it. */
  private static float[] floats(Row r, int i) {
    if (r.get(i) instanceof float[] f) {
      return f;
    }
    throw new IllegalStateException("trajectory column " + i + " is not a float array");
  }

  /** An int array column of a row as {@link #rows} made it. */
  private static int[] ints(Row r, int i) {
    if (r.get(i) instanceof int[] a) {
      return a;
    }
    throw new IllegalStateException("trajectory column " + i + " is not an int array");
  }

  private static void copy(float[] src, float[] dst, int off, int len, int env, String what) {
    if (src.length != len) {
      throw new IllegalStateException(
          "env " + env + ": " + src.length + " " + what + ", expected " + len);
    }
    for (int i = 0; i < len; i++) {
      float v = src[i];
      if (!Float.isFinite(v)) {
        throw new IllegalStateException(
            "env "
                + env
                + ": non-finite "
                + what
                + " value "
                + v
                + " at "
                + i
                + ": refusing to train on it");
      }
      dst[off + i] = v;
    }
  }
}
