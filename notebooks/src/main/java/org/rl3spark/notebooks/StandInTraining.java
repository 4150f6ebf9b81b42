package org.rl3spark.notebooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rl3spark.core.ppo.EntropySchedule;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.envs.mdp.RandomMdpFamily;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.ppo.Algorithm;
import org.rl3spark.learner.ppo.IterationMetrics;
import org.rl3spark.learner.ppo.PpoConfig;
import org.rl3spark.learner.ppo.PpoTrainer;
import org.rl3spark.learner.ppo.TrainingSetup;

/**
 * A STAND-IN for {@code bin/rl3 train}, used only by {@code notebooks/make-example-data} until the
 * train job exists: short single-process PPO runs ({@link PpoTrainer}, one ND4J thread) whose
 * metrics are written in the train job's output schema, so that the training notebooks have
 * something to plot. Nothing else reads these runs; delete this class when the train job lands and
 * make the example data with it instead.
 *
 * <p>Writes {@code <out>/train/<run>/metrics.csv} and {@code <out>/train/<run>/metrics/}
 * (Parquet, via DuckDB), one row per PPO iteration, with the columns {@link #COLUMNS}; {@code
 * eval_return} is the mean return on {@code eval-tasks} held-out test tasks every {@code
 * eval-every} iterations (empty otherwise). {@code write_seconds} and {@code read_seconds} are 0
 * (nothing is shipped between processes here); {@code fit_seconds} is the update time.
 *
 * <pre>
 * StandInTraining --out DIR --family bandits|mdps --horizon H --iterations N
 *     [--algorithms rl2,rl3,rl3_markov] [--seeds 1,2] [--envs 64] [--eval-every 10]
 *     [--eval-tasks 200]
 * </pre>
 */
public final class StandInTraining {

  /** The train job's metrics columns, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "run", "algorithm", "family", "variant", "horizon", "seed", "iteration", "mean_return",
          "policy_loss", "value_loss", "entropy", "approx_kl", "clip_fraction", "epochs",
          "entropy_coef", "env_steps", "rollout_seconds", "write_seconds", "read_seconds",
          "fit_seconds", "wall_seconds", "eval_return");

  /** Seed of the held-out evaluation tasks (test split). */
  static final long EVAL_SEED = 99;

  private StandInTraining() {}

  /** Runs the stand-in; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path out = null;
    String family = "bandits";
    int horizon = 10;
    int iterations = 50;
    List<String> algorithms = List.of("rl2", "rl3", "rl3_markov");
    List<Long> seeds = List.of(1L, 2L);
    int envs = 64;
    int evalEvery = 10;
    int evalTasks = 200;
    for (int i = 0; i < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--out" -> out = Path.of(v);
        case "--family" -> family = v;
        case "--horizon" -> horizon = Integer.parseInt(v);
        case "--iterations" -> iterations = Integer.parseInt(v);
        case "--algorithms" -> algorithms = List.of(v.split(","));
        case "--seeds" -> seeds = List.of(v.split(",")).stream().map(Long::parseLong).toList();
        case "--envs" -> envs = Integer.parseInt(v);
        case "--eval-every" -> evalEvery = Integer.parseInt(v);
        case "--eval-tasks" -> evalTasks = Integer.parseInt(v);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out is required");
    }
    Nd4jThreads.set(1);
    TaskFamily f =
        switch (family) {
          case "bandits" -> new BanditFamily(5);
          case "mdps" -> RandomMdpFamily.standard();
          default -> throw new IllegalArgumentException("stand-in families: bandits, mdps");
        };
    for (String a : algorithms) {
      for (long seed : seeds) {
        run(out, f, Algorithm.parse(a), horizon, iterations, seed, envs, evalEvery, evalTasks);
      }
    }
  }

  static void run(
      Path out,
      TaskFamily family,
      Algorithm algorithm,
      int horizon,
      int iterations,
      long seed,
      int envs,
      int evalEvery,
      int evalTasks)
      throws IOException, SQLException {
    String name =
        String.format(
            Locale.ROOT, "%s-h%d-%s-s%d", family.family(), horizon, algorithm.id(), seed);
    PpoConfig ppo =
        new PpoConfig(
            iterations, envs, 32, 160, 8, 0.99, 0.3, 0.2, 0.01,
            new EntropySchedule(0.1, true, iterations, 10));
    TrainingSetup s = new TrainingSetup(family, algorithm, null, horizon, ppo, 3e-4, seed);
    ActorCritic ac = ActorCritic.create(s.networkSpec());
    StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    long start = System.nanoTime();
    for (int it = 1; it <= iterations; it++) {
      long t0 = System.nanoTime();
      IterationMetrics m = PpoTrainer.iteration(ac, s, it);
      String eval = "";
      if (evalEvery > 0 && (it % evalEvery == 0 || it == iterations)) {
        double r = PpoTrainer.evaluate(ac, s, Split.TEST, evalTasks, Math.min(evalTasks, 100),
            EVAL_SEED);
        eval = Double.toString(r);
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      csv.append(
          String.join(
                  ",",
                  name,
                  algorithm.id(),
                  family.family(),
                  family.variant(),
                  Integer.toString(horizon),
                  Long.toString(seed),
                  Integer.toString(it),
                  Double.toString(m.meanReturn()),
                  Double.toString(m.policyLoss()),
                  Double.toString(m.valueLoss()),
                  Double.toString(m.entropy()),
                  Double.toString(m.approxKl()),
                  Double.toString(m.clipFraction()),
                  Integer.toString(m.epochs()),
                  Double.toString(m.entropyCoef()),
                  Long.toString((long) it * envs * horizon),
                  Double.toString(m.rolloutSeconds()),
                  "0.0",
                  "0.0",
                  Double.toString(m.updateSeconds()),
                  Double.toString(wall),
                  eval))
          .append('\n');
    }
    Path dir = out.resolve("train").resolve(name);
    Files.createDirectories(dir);
    Path csvFile = dir.resolve("metrics.csv");
    Files.writeString(csvFile, csv.toString());
    Path parquet = dir.resolve("metrics");
    Files.createDirectories(parquet);
    toParquet(csvFile, parquet.resolve("part-00000.parquet"));
    System.out.printf(
        Locale.ROOT, "stand-in %s: %d iterations in %.1f s%n", name, iterations,
        (System.nanoTime() - start) / 1e9);
  }

  /** Writes the CSV as Parquet with the train job's column types. */
  static void toParquet(Path csv, Path parquet) throws SQLException {
    String types =
        "{'run': 'VARCHAR', 'algorithm': 'VARCHAR', 'family': 'VARCHAR', 'variant': 'VARCHAR',"
            + " 'horizon': 'INTEGER', 'seed': 'BIGINT', 'iteration': 'INTEGER',"
            + " 'epochs': 'INTEGER', 'env_steps': 'BIGINT', 'eval_return': 'DOUBLE'}";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(
          "COPY (SELECT * FROM read_csv('"
              + Nb.quote(csv.toString())
              + "', header = true, types = "
              + types
              + ")) TO '"
              + Nb.quote(parquet.toString())
              + "' (FORMAT parquet)");
    }
  }
}
