package org.rl3spark.jobs.analysis.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.rl3spark.jobs.SparkTestSessions;

/** dl4j-spark parameter averaging of the same network, on local[2]. */
class ParameterAveragingTest {

  @Test
  void twoWorkersLearnTheEasyCase() {
    SparkSession spark = SparkTestSessions.start("local[2]");
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Examples train = MlpClassifierTest.clusters(20, 30, 1);
      Examples test = MlpClassifierTest.clusters(20, 10, 2);
      MlpClassifier.Result r =
          ParameterAveraging.trainAndTest(jsc, train, test, MlpClassifierTest.EASY, 7, 2, 2);
      assertThat(r.trainAccuracy()).isGreaterThan(0.9);
      assertThat(r.testAccuracy()).isGreaterThan(0.9);
    } finally {
      SparkTestSessions.stop(spark);
    }
  }
}
