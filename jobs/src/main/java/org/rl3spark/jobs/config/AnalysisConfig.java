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
    QuniqueConfig qunique, EstimatesConfig estimates, QdupConfig qdup, QclassifyConfig qclassify) {

  /**
   * Requires every block. (Whether {@code qclassify.steps} lie within {@code estimates.steps} is
   * checked by the qclassify job before it starts, so that other jobs may use fewer steps.)
   */
  public AnalysisConfig {
    Objects.requireNonNull(qunique, "qunique");
    Objects.requireNonNull(estimates, "estimates");
    Objects.requireNonNull(qdup, "qdup");
    Objects.requireNonNull(qclassify, "qclassify");
  }
}
