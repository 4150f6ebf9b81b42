package org.rl3spark.jobs.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of a training run's metrics ({@code metrics.csv} and {@code metrics/}): the run's
 * identity, then the iteration's PPO statistics and its time split into rollout (the executors'
 * mean playing time), write (the rest of the rollout stage, the rows' transfer to the driver, and
 * the wait for the trajectories' Parquet write where the fit did not hide it), read (the rows into
 * the batch) and fit (values, advantages and the update).
 */
public record TrainMetrics(
    String run,
    String algorithm,
    String family,
    String variant,
    int horizon,
    long seed,
    int iteration,
    double meanReturn,
    double policyLoss,
    double valueLoss,
    double entropy,
    double approxKl,
    double clipFraction,
    int epochs,
    double entropyCoef,
    long envSteps,
    double rolloutSeconds,
    double writeSeconds,
    double readSeconds,
    double fitSeconds,
    double wallSeconds,
    Double evalReturn,
    double explainedVariance) {

  /** Column names, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "run",
          "algorithm",
          "family",
          "variant",
          "horizon",
          "seed",
          "iteration",
          "mean_return",
          "policy_loss",
          "value_loss",
          "entropy",
          "approx_kl",
          "clip_fraction",
          "epochs",
          "entropy_coef",
          "env_steps",
          "rollout_seconds",
          "write_seconds",
          "read_seconds",
          "fit_seconds",
          "wall_seconds",
          "eval_return",
          "explained_variance");

  /** The Parquet schema. */
  public static final StructType SCHEMA =
      new StructType()
          .add("run", DataTypes.StringType, false)
          .add("algorithm", DataTypes.StringType, false)
          .add("family", DataTypes.StringType, false)
          .add("variant", DataTypes.StringType, false)
          .add("horizon", DataTypes.IntegerType, false)
          .add("seed", DataTypes.LongType, false)
          .add("iteration", DataTypes.IntegerType, false)
          .add("mean_return", DataTypes.DoubleType, false)
          .add("policy_loss", DataTypes.DoubleType, false)
          .add("value_loss", DataTypes.DoubleType, false)
          .add("entropy", DataTypes.DoubleType, false)
          .add("approx_kl", DataTypes.DoubleType, false)
          .add("clip_fraction", DataTypes.DoubleType, false)
          .add("epochs", DataTypes.IntegerType, false)
          .add("entropy_coef", DataTypes.DoubleType, false)
          .add("env_steps", DataTypes.LongType, false)
          .add("rollout_seconds", DataTypes.DoubleType, false)
          .add("write_seconds", DataTypes.DoubleType, false)
          .add("read_seconds", DataTypes.DoubleType, false)
          .add("fit_seconds", DataTypes.DoubleType, false)
          .add("wall_seconds", DataTypes.DoubleType, false)
          .add("eval_return", DataTypes.DoubleType, true)
          .add("explained_variance", DataTypes.DoubleType, false);

  /** This row for Spark. */
  public Row toRow() {
    return RowFactory.create(
        run,
        algorithm,
        family,
        variant,
        horizon,
        seed,
        iteration,
        meanReturn,
        policyLoss,
        valueLoss,
        entropy,
        approxKl,
        clipFraction,
        epochs,
        entropyCoef,
        envSteps,
        rolloutSeconds,
        writeSeconds,
        readSeconds,
        fitSeconds,
        wallSeconds,
        evalReturn,
        explainedVariance);
  }

  /** The CSV header. */
  public static String csvHeader() {
    return String.join(",", COLUMNS);
  }

  /** This row as CSV (doubles in full precision; an absent eval_return is empty). */
  public String csv() {
    return String.join(
        ",",
        run,
        algorithm,
        family,
        variant,
        Integer.toString(horizon),
        Long.toString(seed),
        Integer.toString(iteration),
        d(meanReturn),
        d(policyLoss),
        d(valueLoss),
        d(entropy),
        d(approxKl),
        d(clipFraction),
        Integer.toString(epochs),
        d(entropyCoef),
        Long.toString(envSteps),
        d(rolloutSeconds),
        d(writeSeconds),
        d(readSeconds),
        d(fitSeconds),
        d(wallSeconds),
        evalReturn == null ? "" : d(evalReturn),
        d(explainedVariance));
  }

  /**
   * Parses a line written by {@link #csv()}, or by a version without the last column ({@code
   * explained_variance}, then NaN), so that runs started before it was added resume.
   */
  public static TrainMetrics parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length != COLUMNS.size() && f.length != COLUMNS.size() - 1) {
      throw new IllegalArgumentException(
          "metrics line has " + f.length + " fields, expected " + COLUMNS.size() + ": " + line);
    }
    return new TrainMetrics(
        f[0],
        f[1],
        f[2],
        f[3],
        Integer.parseInt(f[4]),
        Long.parseLong(f[5]),
        Integer.parseInt(f[6]),
        p(f[7]),
        p(f[8]),
        p(f[9]),
        p(f[10]),
        p(f[11]),
        p(f[12]),
        Integer.parseInt(f[13]),
        p(f[14]),
        Long.parseLong(f[15]),
        p(f[16]),
        p(f[17]),
        p(f[18]),
        p(f[19]),
        p(f[20]),
        f[21].isEmpty() ? null : p(f[21]),
        f.length > 22 ? p(f[22]) : Double.NaN);
  }

  /**
   * Parses a whole file's lines (header first).
   *
   * @param source the file, named in the message of a line that does not parse
   * @throws IllegalStateException naming the file, the line number and what is wrong with it
   */
  public static List<TrainMetrics> parseAll(List<String> lines, String source) {
    List<TrainMetrics> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        out.add(parse(lines.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            source
                + " line "
                + (i + 1)
                + ": "
                + e.getMessage()
                + " (truncated or edited? metrics/ beside it holds the same rows as Parquet)",
            e);
      }
    }
    return out;
  }

  /** Reads a {@code metrics.csv}; see {@link #parseAll(List, String)}. */
  public static List<TrainMetrics> read(Path csv) throws IOException {
    return parseAll(Files.readAllLines(csv), csv.toString());
  }

  private static String d(double v) {
    return Double.toString(v);
  }

  private static double p(String s) {
    return Double.parseDouble(s);
  }

  /** The progress line of this iteration. */
  public String progress(int total, double etaSeconds) {
    return String.format(
        Locale.ROOT,
        "iteration %d/%d  return %.3f%s  entropy %.3f  kl %.4f  epochs %d  ev %.2f  %.1f s"
            + " (rollout %.1f, read %.1f, fit %.1f)  ETA %s",
        iteration,
        total,
        meanReturn,
        evalReturn == null ? "" : String.format(Locale.ROOT, "  eval %.3f", evalReturn),
        entropy,
        approxKl,
        epochs,
        explainedVariance,
        wallSeconds,
        rolloutSeconds,
        readSeconds,
        fitSeconds,
        eta(etaSeconds));
  }

  private static String eta(double s) {
    long t = Math.round(s);
    return t >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t % 3600 / 60)
        : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
  }
}
