package org.rl3spark.jobs.config;

import java.util.Objects;
import org.rl3spark.core.task.TaskFamily;

/**
 * A validated rl3 config: one field per top-level HOCON block.
 *
 * @param masterSeed ({@code master-seed}) root of every random stream, ≥ 0
 * @param output {@code output}
 * @param spark {@code spark}
 * @param tasks {@code tasks}
 * @param family {@code family}
 * @param demo {@code demo}
 * @param rollout {@code rollout}
 * @param evaluate {@code evaluate}
 * @param analysis {@code analysis} (the Appendix D jobs)
 * @param train {@code train}
 * @param render {@code render}
 * @param testing {@code testing} ({@link TestingConfig#NONE} outside tests)
 */
public record Rl3Config(
    long masterSeed,
    OutputConfig output,
    SparkConfig spark,
    TasksConfig tasks,
    FamiliesConfig family,
    DemoConfig demo,
    RolloutConfig rollout,
    EvaluateConfig evaluate,
    AnalysisConfig analysis,
    TrainConfig train,
    RenderConfig render,
    TestingConfig testing) {

  /** Validates the fields. */
  public Rl3Config {
    if (masterSeed < 0) {
      throw new IllegalArgumentException("master-seed must be >= 0, got " + masterSeed);
    }
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(tasks, "tasks");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(demo, "demo");
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(evaluate, "evaluate");
    Objects.requireNonNull(analysis, "analysis");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(render, "render");
    Objects.requireNonNull(testing, "testing");
    TaskFamily f = family.get(tasks.family()).toFamily();
    if (!f.supports(tasks.split())) {
      throw new IllegalArgumentException(DemoSet.unsupportedSplit(f, tasks.split()));
    }
  }

  /** The family the {@code rollout} job plays: {@code family.<rollout.family>}. */
  public TaskFamily rolloutFamily() {
    return family.get(rollout.family()).toFamily();
  }

  /** The family the {@code tasks} job generates: {@code family.<tasks.family>}. */
  public TaskFamily tasksFamily() {
    return family.get(tasks.family()).toFamily();
  }
}
