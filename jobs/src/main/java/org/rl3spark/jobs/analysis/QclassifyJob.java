package org.rl3spark.jobs.analysis;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.jobs.Job;
import org.rl3spark.jobs.JobContext;
import org.rl3spark.jobs.analysis.classify.Examples;
import org.rl3spark.jobs.analysis.classify.MlpClassifier;
import org.rl3spark.jobs.analysis.classify.MlpSettings;
import org.rl3spark.jobs.analysis.classify.NearestMean;
import org.rl3spark.jobs.analysis.classify.ParameterAveraging;
import org.rl3spark.jobs.config.EstimatesConfig;
import org.rl3spark.jobs.config.QclassifyConfig;
import org.rl3spark.jobs.publish.ExpectedSchema;

/**
 * The {@code qclassify} job (Appendix D.3, Fig. 7 right): n MDPs are n classes; an example is the
 * learned model's Q-table after t steps of a random-policy rollout (6 features), labelled with its
 * MDP. Training rollouts and test rollouts are independent ({@link AppendixDMdps#TRAIN}, {@link
 * AppendixDMdps#TEST}); for each evaluated step t an MLP with one hidden layer is trained on the
 * training examples of step t and tested on the test examples of step t. A nearest-class-mean
 * classifier (no training) is reported beside it.
 *
 * <p>Training ({@code analysis.qclassify.training}): {@code tasks} trains the classifiers of the
 * different steps in parallel, one Spark task each (they are independent); {@code
 * parameter-averaging} trains them one after the other, each with dl4j-spark parameter averaging
 * over the executors. The classifier of step t is seeded with derive(master, {@value #PURPOSE}, t).
 * Published to {@code <output.dir>/}{@value #OUTPUT}: one row per step, columns {@link #SCHEMA};
 * {@code seconds} is the training and evaluation time of the step's classifier.
 */
public final class QclassifyJob implements Job {

  /** The subcommand name. */
  public static final String NAME = "qclassify";

  /** Output directory under {@code output.dir}. */
  public static final String OUTPUT = "analysis/qclassify";

  /** Seed purpose of a step's classifier. */
  public static final String PURPOSE = "appendix-d-qclassify";

  /** The result rows. */
  public static final StructType SCHEMA =
      new StructType()
          .add("step", DataTypes.IntegerType, false)
          .add("n_classes", DataTypes.LongType, false)
          .add("train_examples", DataTypes.LongType, false)
          .add("test_examples", DataTypes.LongType, false)
          .add("accuracy", DataTypes.DoubleType, false)
          .add("train_accuracy", DataTypes.DoubleType, false)
          .add("nearest_mean_accuracy", DataTypes.DoubleType, false)
          .add("training", DataTypes.StringType, false)
          .add("seconds", DataTypes.DoubleType, false);

  /** What readers of the output require. */
  public static final ExpectedSchema EXPECTED = new ExpectedSchema(SCHEMA, List.of("step"));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "App. D.3: accuracy of an MLP predicting the MDP from Q-estimates, per step";
  }

  /**
   * The result of one step.
   *
   * @param step t
   * @param mlp the MLP's accuracies and time
   * @param nearestMean the nearest-class-mean accuracy
   */
  record StepResult(int step, MlpClassifier.Result mlp, double nearestMean)
      implements Serializable {}

  @Override
  public String run(JobContext ctx) throws Exception {
    SparkSession spark = ctx.spark();
    EstimatesConfig e = ctx.config().analysis().estimates();
    QclassifyConfig q = ctx.config().analysis().qclassify();
    long master = ctx.config().masterSeed();
    int partitions = ctx.config().spark().partitionsFor(spark.sparkContext().defaultParallelism());
    int n = (int) q.nMdps();
    int[] steps = evaluatedSteps(e, q);
    long t0 = System.nanoTime();
    double[][] train =
        TableStages.estimates(
            spark, master, e, n, AppendixDMdps.TRAIN, q.trainRollouts(), steps, partitions);
    double[][] test =
        TableStages.estimates(
            spark, master, e, n, AppendixDMdps.TEST, q.testRollouts(), steps, partitions);
    ctx.out()
        .printf(
            Locale.ROOT,
            "%d x (%d + %d) rollouts of %d steps in %.1f s%n",
            n,
            q.trainRollouts(),
            q.testRollouts(),
            e.steps(),
            QuniqueJob.seconds(t0));
    MlpSettings settings =
        new MlpSettings(
            q.hidden(), q.epochs(), q.batchSize(), q.learningRate(), q.l2(), q.threads());
    Data data = new Data(train, test, n, q.trainRollouts(), q.testRollouts(), steps);
    t0 = System.nanoTime();
    List<StepResult> results =
        q.training().equals(QclassifyConfig.TASKS)
            ? inTasks(spark, data, settings, master)
            : averaged(spark, data, settings, master, q);
    ctx.out().printf(Locale.ROOT, "classifiers trained in %.1f s%n", QuniqueJob.seconds(t0));
    List<Row> rows = new ArrayList<>();
    for (StepResult r : results) {
      rows.add(
          RowFactory.create(
              r.step(),
              (long) n,
              (long) train.length,
              (long) test.length,
              r.mlp().testAccuracy(),
              r.mlp().trainAccuracy(),
              r.nearestMean(),
              q.training(),
              r.mlp().seconds()));
    }
    return ResultTable.publishAndReport(ctx, OUTPUT, EXPECTED, rows);
  }

  /**
   * The steps with a classifier.
   *
   * @throws IllegalArgumentException if one is beyond the estimates' steps
   */
  static int[] evaluatedSteps(EstimatesConfig e, QclassifyConfig q) {
    int[] steps = q.stepsUpTo(e.steps());
    for (int t : steps) {
      if (t > e.steps()) {
        throw new IllegalArgumentException(
            "analysis.qclassify.steps has step "
                + t
                + ", beyond analysis.estimates.steps = "
                + e.steps()
                + ": lower it or raise the estimates' steps");
      }
    }
    return steps;
  }

  /**
   * The examples of every kept step.
   *
   * @param train rows i·K + r: training rollout r of MDP i, 6 values per kept step
   * @param test rows i·R + r: test rollout r of MDP i
   * @param classes n
   * @param trainRollouts K
   * @param testRollouts R
   * @param steps the kept steps, in the rows' order
   */
  record Data(
      double[][] train,
      double[][] test,
      int classes,
      int trainRollouts,
      int testRollouts,
      int[] steps)
      implements Serializable {

    /** The training or test examples of kept step j. */
    Examples examples(int j, boolean training) {
      double[][] rows = training ? train : test;
      int per = training ? trainRollouts : testRollouts;
      int w = AppendixDMdps.TABLE;
      float[][] x = new float[rows.length][w];
      int[] y = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        for (int k = 0; k < w; k++) {
          x[i][k] = (float) rows[i][j * w + k];
        }
        y[i] = i / per;
      }
      return new Examples(x, y, classes);
    }
  }

  /** The classifier of kept step j, trained in this JVM. */
  static StepResult trainStep(Data d, int j, MlpSettings s, long master) {
    Examples train = d.examples(j, true);
    Examples test = d.examples(j, false);
    int t = d.steps()[j];
    MlpClassifier.Result r =
        MlpClassifier.trainAndTest(train, test, s, Seeds.derive(master, PURPOSE, t));
    return new StepResult(t, r, NearestMean.accuracy(train, test));
  }

  /** One Spark task per kept step. */
  static List<StepResult> inTasks(SparkSession spark, Data d, MlpSettings s, long master) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> indices = new ArrayList<>();
    for (int j = 0; j < d.steps().length; j++) {
      indices.add(j);
    }
    Broadcast<Data> b = jsc.broadcast(d);
    try {
      return jsc.parallelize(indices, indices.size()).map(new TrainStep(b, s, master)).collect();
    } finally {
      b.destroy();
    }
  }

  /** The steps one after the other, each with parameter averaging over the executors. */
  static List<StepResult> averaged(
      SparkSession spark, Data d, MlpSettings s, long master, QclassifyConfig q) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<StepResult> out = new ArrayList<>();
    for (int j = 0; j < d.steps().length; j++) {
      Examples train = d.examples(j, true);
      Examples test = d.examples(j, false);
      int t = d.steps()[j];
      MlpClassifier.Result r =
          ParameterAveraging.trainAndTest(
              jsc,
              train,
              test,
              s,
              Seeds.derive(master, PURPOSE, t),
              q.workers(),
              q.averagingFrequency());
      out.add(new StepResult(t, r, NearestMean.accuracy(train, test)));
    }
    return out;
  }

  /** Executor function: trains and tests the classifier of one kept step. */
  static final class TrainStep implements Function<Integer, StepResult> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<Data> data;
    private final MlpSettings settings;
    private final long master;

    TrainStep(Broadcast<Data> data, MlpSettings settings, long master) {
      this.data = data;
      this.settings = settings;
      this.master = master;
    }

    @Override
    public StepResult call(Integer j) {
      return trainStep(data.value(), j, settings, master);
    }
  }
}
