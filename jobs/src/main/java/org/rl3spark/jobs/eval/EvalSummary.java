package org.rl3spark.jobs.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.rl3spark.core.policy.Policy;

/**
 * The summary of per-task evaluation rows: one {@link SummaryRow} per (family, variant, split,
 * budget, policy).
 *
 * <p>Computed by Spark: each group's (task_index, return, oracle_return) values are collected,
 * sorted by task index and summarised on the executors by {@link SummarizeGroup}, so that every sum
 * runs in the same order whatever the partitioning, and the summary is bit-identical across runs.
 * Only the summary rows reach the driver.
 */
public final class EvalSummary {

  private EvalSummary() {}

  /**
   * A group the summary must have.
   *
   * @param family family name
   * @param variant variant name
   * @param split split name
   * @param budget budget H
   * @param policy policy name
   */
  public record Key(String family, String variant, String split, int budget, String policy) {

    @Override
    public String toString() {
      return family + "/" + variant + "/" + split + " H=" + budget + " " + policy;
    }
  }

  /** The groups of a plan, in table order: sets in config order, budgets ascending, policies. */
  public static List<Key> expectedKeys(EvalPlan plan) {
    List<Key> keys = new ArrayList<>();
    for (EvalPlan.PlanSet s : plan.sets()) {
      for (int budget : plan.budgets()) {
        for (Policy p : s.policies()) {
          keys.add(
              new Key(s.family().family(), s.family().variant(), s.split().id(), budget, p.name()));
        }
      }
    }
    return keys;
  }

  /**
   * Summarises per-task rows and checks them: every expected group present with {@code count}
   * tasks, no other group, unique task indices, finite returns.
   *
   * @param results rows of {@link EvalSchemas#RESULTS}
   * @param expected the groups, in table order
   * @param count tasks per group
   * @return the summary in the order of {@code expected}
   * @throws IllegalStateException listing what is wrong (nothing is aggregated silently)
   */
  public static List<SummaryRow> compute(Dataset<Row> results, List<Key> expected, long count) {
    Dataset<Row> grouped =
        results
            .groupBy(
                col(EvalSchemas.FAMILY),
                col(EvalSchemas.VARIANT),
                col(EvalSchemas.SPLIT),
                col(EvalSchemas.BUDGET),
                col(EvalSchemas.POLICY))
            .agg(
                sort_array(
                        collect_list(
                            struct(
                                col(EvalSchemas.TASK_INDEX),
                                col(EvalSchemas.RETURN),
                                col(EvalSchemas.ORACLE_RETURN))))
                    .as("values"));
    List<Row> stats =
        grouped.map(new SummarizeGroup(), Encoders.row(SummarizeGroup.SCHEMA)).collectAsList();
    Map<Key, Row> byKey = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Row r : stats) {
      Key k = new Key(r.getString(0), r.getString(1), r.getString(2), r.getInt(3), r.getString(4));
      byKey.put(k, r);
    }
    List<SummaryRow> out = new ArrayList<>();
    for (Key k : expected) {
      Row r = byKey.remove(k);
      if (r == null) {
        problems.add(k + ": no rows");
        continue;
      }
      long n = r.getLong(5);
      long nonFinite = r.getLong(10);
      long duplicates = r.getLong(11);
      if (nonFinite > 0) {
        problems.add(
            k + ": " + nonFinite + " non-finite returns (first at task " + r.getLong(12) + ")");
      }
      if (duplicates > 0) {
        problems.add(k + ": " + duplicates + " repeated task indices");
      }
      if (n != count) {
        problems.add(k + ": " + n + " tasks, expected " + count);
      }
      out.add(
          new SummaryRow(
              k.family(),
              k.variant(),
              k.split(),
              k.budget(),
              k.policy(),
              n,
              r.getDouble(6),
              r.getDouble(7),
              r.getDouble(8),
              r.getDouble(9)));
    }
    for (Key k : byKey.keySet()) {
      problems.add(k + ": unexpected group");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "the evaluation rows failed validation ("
              + problems.size()
              + " problems): "
              + String.join("; ", problems.subList(0, Math.min(10, problems.size())))
              + (problems.size() > 10 ? "; ..." : ""));
    }
    return out;
  }
}
