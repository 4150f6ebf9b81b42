package org.rl3spark.jobs.eval;

import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of an evaluation summary: a policy at a budget on the tasks of one set.
 *
 * @param family family name
 * @param variant variant name
 * @param split {@code test} or {@code ood}
 * @param budget the budget H in steps
 * @param policy the policy's canonical name
 * @param nTasks number of tasks
 * @param meanReturn mean total reward over the tasks
 * @param seReturn standard error of the mean: sample standard deviation (n − 1) / sqrt(n)
 * @param oracleReturn mean of the tasks' exact optimal expected returns
 * @param fractionOfOracle meanReturn / oracleReturn
 */
public record SummaryRow(
    String family,
    String variant,
    String split,
    int budget,
    String policy,
    long nTasks,
    double meanReturn,
    double seReturn,
    double oracleReturn,
    double fractionOfOracle) {

  /** Requires the names. */
  public SummaryRow {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(policy, "policy");
  }

  /** The (family, variant, split) this row belongs to, as {@code family/variant/split}. */
  public String set() {
    return family + "/" + variant + "/" + split;
  }

  /** As a row of {@link EvalSchemas#SUMMARY}. */
  public Row toRow() {
    return RowFactory.create(
        family,
        variant,
        split,
        budget,
        policy,
        nTasks,
        meanReturn,
        seReturn,
        oracleReturn,
        fractionOfOracle);
  }
}
