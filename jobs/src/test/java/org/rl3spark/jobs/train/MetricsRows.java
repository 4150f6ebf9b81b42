package org.rl3spark.jobs.train;

import java.nio.file.Path;
import java.util.List;

/** A run's metrics as comparable text: every learning column, no timing (times differ by run). */
public final class MetricsRows {

  private MetricsRows() {}

  /** One line per iteration: return, losses, entropy, KL, epochs and the entropy coefficient. */
  public static List<String> withoutTimes(Path run) {
    return TrainJob.metrics(run).stream()
        .map(
            m ->
                m.iteration()
                    + " "
                    + m.meanReturn()
                    + " "
                    + m.policyLoss()
                    + " "
                    + m.valueLoss()
                    + " "
                    + m.entropy()
                    + " "
                    + m.approxKl()
                    + " "
                    + m.epochs()
                    + " "
                    + m.entropyCoef())
        .toList();
  }
}
