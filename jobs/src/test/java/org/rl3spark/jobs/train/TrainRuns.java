package org.rl3spark.jobs.train;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.learner.dl4j.Nd4jThreads;

/**
 * What the train job's test classes share: one local[2] session per class, a temporary folder, and
 * runs of the tiny {@link TrainJobTest#CONF} in this JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TrainRuns {

  @TempDir Path dir;
  SparkSession spark;
  int runs;

  @BeforeAll
  void start() {
    Nd4jThreads.set(1);
    spark = SparkTestSessions.start("local[2]");
  }

  @AfterAll
  void stop() {
    SparkTestSessions.stop(spark);
  }

  /**
   * Runs the train job on {@link TrainJobTest#CONF} with {@code sets} and output root {@code out};
   * its warnings go to {@code err}. Returns the run directory.
   */
  Path train(Path out, ByteArrayOutputStream err, String... sets) throws Exception {
    LoadedConfig config = config(out, sets);
    return Path.of(
        new TrainJob()
            .run(
                TestConfigs.context(
                    spark, config, TrainJob.NAME, new ByteArrayOutputStream(), err)));
  }

  /** {@link TrainJobTest#CONF} with {@code sets} and output root {@code out}. */
  LoadedConfig config(Path out, String... sets) {
    List<String> all = new ArrayList<>(List.of(sets));
    all.add("output.dir=\"" + out + "\"");
    return TestConfigs.load(
        dir.resolve("conf-" + runs++), TrainJobTest.CONF, all.toArray(String[]::new));
  }

  /** A fresh output root. */
  Path fresh() {
    return dir.resolve("out-" + runs++);
  }
}
