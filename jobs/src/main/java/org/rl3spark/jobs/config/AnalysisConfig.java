package org.rl3spark.jobs.config;

import java.util.Objects;

/**
 * The {@code analysis} block: the Appendix D jobs.
 *
 * @param qunique {@code analysis.qunique}
 * @param estimates {@code analysis.estimates} (shared by qdup and qclassify)
 * @param qdup {@code analysis.qdup}
 * @param qclassify {@code analysis.qclassify}
 */
public record AnalysisConfig(
    QuniqueConfig qunique,
    EstimatesConfig estimates,
    QdupConfig qdup,
    QclassifyConfig qclassify) {

  /** Requires every block; the steps qclassify evaluates must exist in the estimates. */
  public AnalysisConfig {
    Objects.requireNonNull(qunique, "qunique");
    Objects.requireNonNull(estimates, "estimates");
    Objects.requireNonNull(qdup, "qdup");
    Objects.requireNonNull(qclassify, "qclassify");
    InvalidFields.Checker check = new InvalidFields.Checker();
    for (int t : qclassify.steps()) {
      check.require(
          t <= estimates.steps(),
          "qclassify.steps",
          "step " + t + " is beyond analysis.estimates.steps = " + estimates.steps());
    }
    check.throwIfAny();
  }
}
