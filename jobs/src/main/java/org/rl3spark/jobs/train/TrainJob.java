package org.rl3spark.jobs.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.DoubleAccumulator;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.jobs.Job;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.config.Rl3Config;
import org.rl3spark.jobs.config.TrainConfig;
import org.rl3spark.jobs.publish.OutputPaths;
import org.rl3spark.jobs.ship.ShippedRun;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.dl4j.FitThreads;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.policy.Checkpoints;
import org.rl3spark.learner.ppo.Advantages;
import org.rl3spark.learner.ppo.BatchOutputs;
import org.rl3spark.learner.ppo.EpochFitter;
import org.rl3spark.learner.ppo.PpoUpdate;
import org.rl3spark.learner.ppo.RolloutBatch;
import org.rl3spark.learner.ppo.TrainingSetup;
import org.rl3spark.learner.ppo.UpdateStats;

/**
 * The {@code train} job: PPO meta-training of one agent (reference §5).
 *
 * <p>Each iteration: broadcast a snapshot of the actor; play {@code train.envs} meta-episodes on
 * fresh training tasks on the executors ({@link RolloutWork}); write them to {@code
 * trajectories/iteration=<i>/}; read them back on the driver and validate them; compute values and
 * GAE advantages; fit actor and critic (on the driver, or by parameter averaging over executor
 * tasks, {@link ParameterAveragingFitter}), with the KL early stop; append a metrics row;
 * checkpoint every {@code checkpoint-every} iterations and after the last. {@code --resume}
 * continues from the newest valid checkpoint; with the same settings the parameters are those of an
 * uninterrupted run, because every stream derives from (master seed, iteration, env) and the
 * checkpoint holds the networks and Adam state; damaged checkpoints newer than the one resumed from
 * are reported on stderr and moved aside ({@link CheckpointQuarantine}), never overwritten. {@code
 * train.fork} starts a new run from another run's checkpoint ({@link ForkStart}).
 */
public final class TrainJob implements Job {

  /** The subcommand name. */
  public static final String NAME = "train";

  /** The run's identity, written when it starts. */
  public static final String RUN_FILE = "_RUN.json";

  /** Metrics as CSV. */
  public static final String METRICS_CSV = "metrics.csv";

  /** Metrics as Parquet. */
  public static final String METRICS_DIR = "metrics";

  /** Trajectories, partitioned by iteration. */
  public static final String TRAJECTORIES = "trajectories";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "PPO meta-training (RL2, RL3, ...) with rollouts on the executors and checkpoints";
  }

  /** The run directory of a config (a local or mounted path). */
  public static Path runDir(Rl3Config c) {
    String dir = OutputPaths.resolve(c.output().dir(), NAME + "/" + c.train().name());
    if (dir.startsWith("file:")) {
      dir = java.net.URI.create(dir).getPath();
    } else if (dir.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      throw new IllegalArgumentException(
          "the train job writes checkpoints to a local or mounted"
              + " directory; output.dir "
              + c.output().dir()
              + " is a "
              + dir.substring(0, dir.indexOf(':'))
              + " URI: mount it or use a shared path");
    }
    return Path.of(dir).toAbsolutePath();
  }

  /** The training setup of a config. */
  public static TrainingSetup setup(Rl3Config c) {
    TrainConfig t = c.train();
    TaskFamily family = c.family().get(t.family()).toFamily();
    double lr =
        c.testing().trainLearningRate() > 0 ? c.testing().trainLearningRate() : t.learningRate();
    return new TrainingSetup(
        family, t.algo(), t.vamdp(), t.horizon(), t.ppo(), lr, c.masterSeed(), t.network());
  }

  /** Everything that determines the trained parameters, as text ({@link RunIdentity}). */
  public static String identity(Rl3Config c) {
    return RunIdentity.of(c);
  }

  /** SHA-256 of everything that determines the trained parameters ({@link #identity}). */
  public static String configHash(Rl3Config c) {
    return RunIdentity.hash(c);
  }

  @Override
  public String run(JobContext ctx) throws Exception {
    Rl3Config c = ctx.config();
    TrainConfig t = c.train();
    SparkSession spark = ctx.spark();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Nd4jThreads.set(t.threads());
    FitThreads.set(t.fitThreads());
    Path run = runDir(c);
    TrainingSetup setup = setup(c);
    String hash = configHash(c);
    if (!t.resumeFrom().isEmpty()) {
      Path shipped = Path.of(t.resumeFrom());
      if (Files.isRegularFile(shipped.resolve(RUN_FILE))) {
        // refused before anything is copied, naming the settings that differ
        new TrainRunDir(shipped).requireHash(hash, identity(c));
      }
      ShippedRun.seed(shipped, run, ctx.out());
    }
    TrainRunDir dir = new TrainRunDir(run);
    ActorCritic ac;
    int start;
    List<TrainMetrics> metrics;
    if (dir.exists() || t.resume()) {
      if (!dir.exists()) {
        throw new IllegalArgumentException(
            "--resume: there is no training run "
                + run
                + " to continue (start it without --resume, or continue a shipped copy with"
                + " --resume-from results/agents/"
                + t.name()
                + ")");
      }
      if (!t.resume()) {
        throw new IllegalArgumentException(
            "training run "
                + run
                + " exists: pass --resume to"
                + " continue it, or choose another train.name");
      }
      dir.requireHash(hash, identity(c));
      Checkpoints.Scan scan = Checkpoints.scan(run);
      List<CheckpointQuarantine.Moved> moved = CheckpointQuarantine.moveAside(run, scan.skipped());
      dir.recordQuarantined(moved, ctx.run());
      for (CheckpointQuarantine.Moved m : moved) {
        ctx.warn(
            "checkpoint "
                + m.from()
                + " is damaged ("
                + m.problem()
                + "): moved to "
                + m.to()
                + ", recorded in "
                + run.resolve(RUN_FILE)
                + "; resuming from "
                + scan.newestValid()
                    .map(p -> p.getFileName().toString())
                    .orElse("iteration 1 (no valid checkpoint left)"));
      }
      Optional<Path> newest = scan.newestValid();
      if (newest.isPresent()) {
        Checkpoint.Loaded loaded = Checkpoint.read(newest.get());
        if (!loaded.state().configHash().equals(hash)) {
          throw new IllegalArgumentException(
              "checkpoint "
                  + newest.get()
                  + " was written with"
                  + " other settings (config hash "
                  + loaded.state().configHash()
                  + ", now "
                  + hash
                  + ")");
        }
        ac = loaded.networks();
        start = loaded.state().iteration() + 1;
        ctx.out()
            .println(
                "resuming "
                    + run
                    + " from "
                    + newest.get().getFileName()
                    + " (iteration "
                    + loaded.state().iteration()
                    + ")");
      } else {
        ac = ActorCritic.create(setup.networkSpec());
        start = 1;
        ctx.out().println("no valid checkpoint in " + run + ": starting from iteration 1");
      }
      metrics = dir.metricsUpTo(start - 1);
    } else if (t.fork().isSet()) {
      ForkStart fork = ForkStart.load(t.fork(), setup, t.algorithm());
      dir.create(hash, identity(c), ctx.loaded().resolvedJson(), ctx.run(), fork.parent());
      ac = fork.networks();
      start = t.fork().iteration() + 1;
      metrics = new ArrayList<>(fork.metrics());
      ctx.out()
          .println(
              "forked "
                  + run
                  + " from "
                  + t.fork().from()
                  + " (run "
                  + fork.parent().run()
                  + ", iteration "
                  + t.fork().iteration()
                  + ")");
    } else {
      dir.create(hash, identity(c), ctx.loaded().resolvedJson(), ctx.run(), null);
      ac = ActorCritic.create(setup.networkSpec());
      start = 1;
      metrics = new ArrayList<>();
    }
    EpochFitter fitter =
        t.parameterAveraging()
            ? new ParameterAveragingFitter(jsc, t.workers(), t.averagingFrequency(), t.threads())
            : EpochFitter.LOCAL;
    int partitions = t.rolloutPartitions() > 0 ? t.rolloutPartitions() : jsc.defaultParallelism();
    int[] sizes = setup.sizes();
    ctx.out()
        .printf(
            Locale.ROOT,
            "training %s on %s/%s, H=%d, %d envs x %d iterations -> %s%n",
            t.algorithm(),
            setup.family().family(),
            setup.family().variant(),
            t.horizon(),
            t.ppo().envs(),
            t.ppo().iterations(),
            run);
    long started = System.nanoTime();
    int done = 0;
    // The distributed fit runs on the executors: its jobs and a concurrent write would share them.
    TrajectoryWrite writes = new TrajectoryWrite(!t.parameterAveraging());
    try {
      for (int it = start; it <= t.ppo().iterations(); it++) {
        long t0 = System.nanoTime();
        RolloutWork work =
            new RolloutWork(
                setup,
                ac.stepActors(),
                it,
                false,
                t.threads(),
                c.testing().trainFaultAtIteration(),
                c.testing().trainFault());
        Broadcast<RolloutWork> shipped = jsc.broadcast(work);
        Path trajDir = dir.trajectories(it);
        dir.deleteTree(trajDir); // a crashed attempt of this iteration may have left some
        DoubleAccumulator playSeconds = spark.sparkContext().doubleAccumulator("play-seconds");
        JavaRDD<Row> rows =
            envs(jsc, t.ppo().envs(), partitions)
                .mapPartitions(envIt -> shipped.value().rows(envIt, playSeconds))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> back = rows.collect();
        long t1 = System.nanoTime();
        double played = playSeconds.value(); // before the write job reads the cached rows
        writes.start(spark, rows, trajDir);
        RolloutBatch batch =
            TrajectorySchema.batch(back, t.ppo().envs(), t.horizon(), sizes[0], sizes[1]);
        long t2 = System.nanoTime();
        long cpu2 = FitTimes.processCpuNanos();
        float[] values = BatchOutputs.values(ac, batch);
        if (fitter instanceof ParameterAveragingFitter averaging) {
          averaging.times().add(FitTimes.VALUES, System.nanoTime() - t2);
        }
        Advantages adv = Advantages.of(batch, values, t.ppo().gamma(), t.ppo().lambda());
        double explained = adv.explainedVariance(values, t.horizon());
        double entropyCoef = setup.ppo().entropy().at(it);
        UpdateStats u =
            PpoUpdate.run(ac, batch, adv, setup.ppo(), entropyCoef, setup.minibatchRng(it), fitter);
        long t3 = System.nanoTime();
        long cpu3 = FitTimes.processCpuNanos();
        Double evalReturn = null;
        if (t.evalEvery() > 0 && (it % t.evalEvery() == 0 || it == t.ppo().iterations())) {
          evalReturn = evaluate(jsc, setup, ac, it, t, partitions);
        }
        double writeWait = writes.await();
        shipped.destroy();
        long t4 = System.nanoTime();
        // The executors play in one stage whose rows go to the driver: "rollout" is their mean
        // playing time; "write" the rest of that stage (scheduling, the rows' transfer) plus the
        // wait for the trajectories' Parquet write that the fit did not hide; "read" turning the
        // rows into the batch.
        int used = Math.max(1, Math.min(t.ppo().envs(), partitions));
        double stage = (t1 - t0) / 1e9;
        double play = Math.min(stage, played / used);
        TrainMetrics m =
            new TrainMetrics(
                t.name(),
                t.algorithm(),
                setup.family().family(),
                setup.family().variant(),
                t.horizon(),
                c.masterSeed(),
                it,
                batch.meanReturn(),
                u.policyLoss(),
                u.valueLoss(),
                u.entropy(),
                u.approxKl(),
                u.clipFraction(),
                u.epochs(),
                entropyCoef,
                (long) it * t.ppo().envs() * t.horizon(),
                play,
                stage - play + writeWait,
                (t2 - t1) / 1e9,
                (t3 - t2) / 1e9,
                (t4 - t0) / 1e9,
                evalReturn,
                explained);
        metrics.add(m);
        dir.writeMetricsCsv(metrics);
        if (it == c.testing().trainCrashAfterIteration()) {
          throw new IllegalStateException("testing: crash after iteration " + it);
        }
        if (it % t.checkpointEvery() == 0 || it == t.ppo().iterations()) {
          Path ckpt = Checkpoints.of(run, it);
          dir.deleteTree(ckpt); // left by a run that crashed after writing it: same content
          Checkpoint.write(
              ckpt,
              ac,
              new Checkpoint.State(
                  it,
                  c.masterSeed(),
                  hash,
                  ac.spec(),
                  t.algorithm(),
                  t.name(),
                  setup.family().family(),
                  setup.family().variant(),
                  setup.resolvedVamdp()));
          dir.writeMetricsParquet(spark, metrics);
        }
        dir.retainTrajectories(it, t.keepTrajectories());
        done++;
        double perIt = (System.nanoTime() - started) / 1e9 / done;
        ctx.out().println(m.progress(t.ppo().iterations(), perIt * (t.ppo().iterations() - it)));
        if (fitter instanceof ParameterAveragingFitter averaging) {
          ctx.out().println("  fit by parameter averaging: " + averaging.times().summary(1));
          averaging.times().reset();
        } else if (cpu2 >= 0) {
          ctx.out()
              .printf(
                  Locale.ROOT,
                  "  fit on the driver: %.2f s, the driver process's CPU %.2f s%n",
                  (t3 - t2) / 1e9,
                  (cpu3 - cpu2) / 1e9);
        }
        ctx.out().flush();
      }
    } finally {
      writes.close();
    }
    dir.writeManifest(ctx, hash, metrics);
    ctx.out()
        .printf(
            Locale.ROOT,
            "trained %s: %d iterations, final mean return %.3f; run %s"
                + " (checkpoints/, metrics.csv, metrics/, trajectories/)%n",
            t.name(),
            metrics.size(),
            metrics.isEmpty() ? Double.NaN : metrics.get(metrics.size() - 1).meanReturn(),
            run);
    return run.toString();
  }

  /** Env indices 0 .. n − 1 in contiguous partitions. */
  static JavaRDD<Integer> envs(JavaSparkContext jsc, int n, int partitions) {
    List<Integer> list = IntStream.range(0, n).boxed().toList();
    return jsc.parallelize(list, Math.max(1, Math.min(n, partitions)));
  }

  /** Mean return of the current actor on {@code eval-count} test tasks, on the executors. */
  static double evaluate(
      JavaSparkContext jsc,
      TrainingSetup setup,
      ActorCritic ac,
      int it,
      TrainConfig t,
      int partitions) {
    Broadcast<RolloutWork> w =
        jsc.broadcast(new RolloutWork(setup, ac.stepActors(), it, true, t.threads(), -1, ""));
    List<Double> returns =
        envs(jsc, t.evalCount(), partitions)
            .mapPartitions(envIt -> w.value().returns(envIt))
            .collect();
    w.destroy();
    return returns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Reads the CSV metrics of a run (tests, notebooks). */
  public static List<TrainMetrics> metrics(Path run) {
    try {
      return TrainMetrics.read(run.resolve(METRICS_CSV));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
