package org.rl3spark.jobs.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.Job;
import org.rl3spark.jobs.SparkTestSessions;

/**
 * The Appendix D jobs give the same rows (all but wall times) on local[1] and local[2] and with any
 * number of partitions: every stream is derived from identifiers and every count is a sum of
 * integers over independent pieces of work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisDeterminismTest {

  private static final String QUNIQUE =
      "analysis.qunique { n-mdps = 300, deltas = [0.5, 1.0], block-size = 50,"
          + " settings = [{alpha = 0.1, beta = 0.5}] }";
  private static final String QDUP =
      "analysis.estimates { steps = 8 }\nanalysis.qdup { n-mdps = 200, deltas = [0.1, 0.5] }";
  private static final String QCLASSIFY =
      "analysis.estimates { steps = 10 }\n"
          + "analysis.qclassify { n-mdps = 30, train-rollouts = 3, steps = [3, 10], epochs = 3,"
          + " batch-size = 32 }";

  @TempDir static Path dir;

  private SparkSession spark;
  private List<List<Object>> qunique;
  private List<List<Object>> qdup;
  private List<List<Object>> qclassify;
  private int runs;

  /** The rows without their wall-time column, sorted by their text. */
  private List<List<Object>> rows(Job job, String hocon, String... extra) throws Exception {
    String conf = hocon + "\n" + String.join("\n", extra);
    AnalysisJobsTest.Run r = AnalysisJobsTest.run(spark, dir.resolve("run-" + runs++), job, conf);
    List<List<Object>> out = new ArrayList<>();
    for (Row row : r.rows()) {
      List<Object> values = new ArrayList<>();
      for (String f : row.schema().fieldNames()) {
        if (!f.equals("seconds")) {
          values.add(row.getAs(f));
        }
      }
      out.add(values);
    }
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }

  @BeforeAll
  void baselineOnOneThread() throws Exception {
    spark = SparkTestSessions.start("local[1]");
    qunique = rows(new QuniqueJob(), QUNIQUE, "spark.partitions = 1");
    qdup = rows(new QdupJob(), QDUP, "spark.partitions = 1");
    qclassify = rows(new QclassifyJob(), QCLASSIFY, "spark.partitions = 1");
    SparkTestSessions.stop(spark);
    spark = SparkTestSessions.start("local[2]");
    assertThat(qunique).hasSize(2 * 2);
    assertThat(qdup).hasSize(8 * 2);
    assertThat(qclassify).hasSize(2);
  }

  @AfterAll
  void stopSpark() {
    SparkTestSessions.stop(spark);
  }

  @Test
  void rowsDoNotDependOnThreadsOrPartitions() throws Exception {
    for (int partitions : new int[] {0, 3, 7}) {
      String p = "spark.partitions = " + partitions;
      assertThat(rows(new QuniqueJob(), QUNIQUE, p)).as("qunique, %s", p).isEqualTo(qunique);
      assertThat(rows(new QdupJob(), QDUP, p)).as("qdup, %s", p).isEqualTo(qdup);
    }
    assertThat(rows(new QclassifyJob(), QCLASSIFY, "spark.partitions = 3"))
        .as("qclassify on local[2]")
        .isEqualTo(qclassify);
  }

  @Test
  void theGridMethodAloneGivesTheSameCounts() throws Exception {
    List<List<Object>> grid =
        rows(
            new QuniqueJob(), QUNIQUE, "analysis.qunique.methods = [grid]", "spark.partitions = 5");
    List<List<Object>> expected = qunique.stream().filter(r -> r.get(4).equals("grid")).toList();
    assertThat(grid).isEqualTo(expected);
  }
}
