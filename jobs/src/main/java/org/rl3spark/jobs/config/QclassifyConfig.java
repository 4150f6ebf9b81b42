package org.rl3spark.jobs.config;

import java.util.HashSet;
import java.util.List;

/**
 * The {@code analysis.qclassify} block (Appendix D.3, Fig. 7 right): an MLP that predicts which of
 * n MDPs produced a Q-estimate table after t steps (estimates from {@code analysis.estimates}).
 *
 * @param nMdps ({@code n-mdps}) MDPs = classes, in [2, 2³¹ − 1] (paper: 10,000)
 * @param trainRollouts ({@code train-rollouts}) independent training rollouts per MDP, ≥ 1
 * @param testRollouts ({@code test-rollouts}) independent test rollouts per MDP, ≥ 1
 * @param steps the steps t at which a classifier is trained and tested, each in [1, estimates
 *     steps], strictly increasing; empty = every step
 * @param hidden hidden ReLU units (paper: 64)
 * @param epochs training epochs per classifier, ≥ 1
 * @param batchSize ({@code batch-size}) examples per Adam step, ≥ 1
 * @param learningRate ({@code learning-rate}) Adam step size, &gt; 0
 * @param l2 L2 weight decay, ≥ 0
 * @param threads ND4J/BLAS threads per classifier, ≥ 1
 * @param training {@code tasks}: one Spark task per step t, each training its classifier in one
 *     executor JVM (the steps are independent); {@code parameter-averaging}: the steps one after
 *     the other, each classifier trained by dl4j-spark's parameter averaging over the executors
 * @param workers parameter averaging: data partitions trained in parallel, ≥ 1
 * @param averagingFrequency ({@code averaging-frequency}) parameter averaging: minibatches per
 *     worker between averagings, ≥ 1
 */
public record QclassifyConfig(
    long nMdps,
    int trainRollouts,
    int testRollouts,
    List<Integer> steps,
    int hidden,
    int epochs,
    int batchSize,
    double learningRate,
    double l2,
    int threads,
    String training,
    int workers,
    int averagingFrequency) {

  /** Training mode: one Spark task per evaluated step. */
  public static final String TASKS = "tasks";

  /** Training mode: dl4j-spark parameter averaging. */
  public static final String PARAMETER_AVERAGING = "parameter-averaging";

  /** The training modes. */
  public static final List<String> TRAINING = List.of(TASKS, PARAMETER_AVERAGING);

  /** Validates every field and lists every problem. */
  public QclassifyConfig {
    steps = List.copyOf(steps);
    InvalidFields.Checker check = new InvalidFields.Checker();
    check.require(
        nMdps >= 2 && nMdps <= Integer.MAX_VALUE,
        "n-mdps",
        "must be in [2, " + Integer.MAX_VALUE + "], got " + nMdps);
    check.require(trainRollouts >= 1, "train-rollouts", "must be >= 1, got " + trainRollouts);
    check.require(testRollouts >= 1, "test-rollouts", "must be >= 1, got " + testRollouts);
    for (int i = 0; i < steps.size(); i++) {
      check.require(steps.get(i) >= 1, "steps", "must be >= 1, got " + steps.get(i));
      if (i > 0) {
        check.require(
            steps.get(i) > steps.get(i - 1), "steps", "must be strictly increasing, got " + steps);
      }
    }
    check.require(new HashSet<>(steps).size() == steps.size(), "steps", "lists a step twice");
    check.require(hidden >= 1, "hidden", "must be >= 1, got " + hidden);
    check.require(epochs >= 1, "epochs", "must be >= 1, got " + epochs);
    check.require(batchSize >= 1, "batch-size", "must be >= 1, got " + batchSize);
    check.require(
        learningRate > 0 && Double.isFinite(learningRate),
        "learning-rate",
        "must be finite and > 0, got " + learningRate);
    check.require(l2 >= 0 && Double.isFinite(l2), "l2", "must be finite and >= 0, got " + l2);
    check.require(threads >= 1, "threads", "must be >= 1, got " + threads);
    check.require(
        TRAINING.contains(training),
        "training",
        "unknown mode '"
            + training
            + "': expected "
            + TRAINING
            + (training == null ? "" : Suggestions.didYouMean(training, TRAINING)));
    check.require(workers >= 1, "workers", "must be >= 1, got " + workers);
    check.require(
        averagingFrequency >= 1, "averaging-frequency", "must be >= 1, got " + averagingFrequency);
    check.throwIfAny();
  }

  /** The evaluated steps for estimates of {@code maxStep} steps: {@link #steps} or 1..maxStep. */
  public int[] stepsUpTo(int maxStep) {
    if (steps.isEmpty()) {
      int[] all = new int[maxStep];
      for (int t = 1; t <= maxStep; t++) {
        all[t - 1] = t;
      }
      return all;
    }
    return steps.stream().mapToInt(Integer::intValue).toArray();
  }
}
