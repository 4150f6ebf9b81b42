package org.rl3spark.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 3: a truncated {@code metrics.csv} (a run killed mid-write by an older version, or
 * a file cut by a copy) is reported with its path and line, not only with the line's content.
 */
class TruncatedMetricsTest {

  @TempDir Path dir;

  private static TrainMetrics row(int iteration) {
    return new TrainMetrics(
        "run", "rl3", "bandits", "k5", 100, 42, iteration, 1.5, 0.1, 0.2, 0.3, 0.01, 0.1, 8, 0.1,
        6400, 1, 0.1, 0.1, 2, 3.3, null, 0.5);
  }

  /** A run directory whose metrics.csv has rows 1 and 2, the second cut after {@code keep}. */
  private Path runWithTruncatedMetrics(int keep) throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    String second = row(2).csv();
    Files.writeString(
        run.resolve(TrainJob.METRICS_CSV),
        TrainMetrics.csvHeader() + "\n" + row(1).csv() + "\n" + second.substring(0, keep) + "\n");
    return run;
  }

  @Test
  void aTruncatedLineIsReportedWithTheFileAndLine() throws Exception {
    Path run = runWithTruncatedMetrics(20);
    Path csv = run.resolve(TrainJob.METRICS_CSV);

    Throwable resume = catchThrowable(() -> new TrainRunDir(run).metricsUpTo(2));
    Throwable read = catchThrowable(() -> TrainJob.metrics(run));

    assertThat(resume)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(csv + " line 3: metrics line has ")
        .hasMessageContaining("fields, expected 23")
        .hasMessageContaining("truncated or edited?");
    assertThat(read).hasMessageStartingWith(csv + " line 3: ");
  }

  @Test
  void aDamagedNumberIsReportedWithTheFileAndLine() throws Exception {
    String line = row(2).csv();
    // All 23 fields, but env_steps is not a number (a spliced or damaged line).
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(
        run.resolve(TrainJob.METRICS_CSV),
        TrainMetrics.csvHeader() + "\n" + line.replace(",6400,", ",64x,") + "\n");

    assertThat(catchThrowable(() -> TrainJob.metrics(run)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(run.resolve(TrainJob.METRICS_CSV) + " line 2: ")
        .hasMessageContaining("64x");
  }

  @Test
  void anIntactFileReadsBack() throws Exception {
    Path run = runWithTruncatedMetrics(row(2).csv().length());
    assertThat(new TrainRunDir(run).metricsUpTo(2)).containsExactly(row(1), row(2));
  }
}
