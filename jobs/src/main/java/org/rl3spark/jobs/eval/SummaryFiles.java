package org.rl3spark.jobs.eval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary as {@code summary.csv} (full precision) and {@code summary.md} (a table to paste into
 * a paper). Both have exactly the columns {@link EvalSchemas#SUMMARY_COLUMNS}, one line per row in
 * the order given. Text depends only on the values, so equal summaries give byte-identical files.
 */
public final class SummaryFiles {

  /** The policy whose row is the reference, never marked best. */
  static final String ORACLE = "oracle";

  private SummaryFiles() {}

  /** CSV: a header and one line per row; numbers as the shortest exact decimal of the double. */
  public static String csv(List<SummaryRow> rows) {
    StringBuilder b = new StringBuilder(String.join(",", EvalSchemas.SUMMARY_COLUMNS)).append('\n');
    for (SummaryRow r : rows) {
      List<String> cells =
          List.of(
              csvCell(r.family()),
              csvCell(r.variant()),
              csvCell(r.split()),
              Integer.toString(r.budget()),
              csvCell(r.policy()),
              Long.toString(r.nTasks()),
              plain(r.meanReturn()),
              plain(r.seReturn()),
              plain(r.oracleReturn()),
              plain(r.fractionOfOracle()));
      b.append(String.join(",", cells)).append('\n');
    }
    return b.toString();
  }

  /**
   * A Markdown table with aligned columns (readable as plain text too). Per row, mean_return,
   * se_return and oracle_return show the decimals that give the SE two significant digits (between
   * 1 and 6); fraction_of_oracle shows 3. The best mean of each (family, variant, split, budget)
   * other than the oracle's is bold, where there is more than one such policy. A one-line legend
   * follows the table.
   */
  public static String markdown(List<SummaryRow> rows) {
    Map<String, Double> best = new HashMap<>();
    Map<String, Integer> candidates = new HashMap<>();
    for (SummaryRow r : rows) {
      if (!r.policy().equals(ORACLE)) {
        best.merge(group(r), r.meanReturn(), Math::max);
        candidates.merge(group(r), 1, Integer::sum);
      }
    }
    List<List<String>> lines = new ArrayList<>();
    for (SummaryRow r : rows) {
      int d = decimals(r.seReturn());
      String mean = fixed(r.meanReturn(), d);
      if (!r.policy().equals(ORACLE)
          && candidates.get(group(r)) > 1
          && r.meanReturn() == best.get(group(r))) {
        mean = "**" + mean + "**";
      }
      lines.add(
          List.of(
              r.family(),
              r.variant(),
              r.split(),
              Integer.toString(r.budget()),
              r.policy().replace("|", "\\|"),
              Long.toString(r.nTasks()),
              mean,
              fixed(r.seReturn(), d),
              fixed(r.oracleReturn(), d),
              fixed(r.fractionOfOracle(), 3)));
    }
    List<String> header = EvalSchemas.SUMMARY_COLUMNS;
    boolean[] right = new boolean[header.size()];
    int[] width = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      right[i] = i == 3 || i >= 5;
      width[i] = Math.max(3, header.get(i).length());
      for (List<String> l : lines) {
        width[i] = Math.max(width[i], l.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder();
    appendLine(b, header, width, right);
    b.append('|');
    for (int i = 0; i < width.length; i++) {
      b.append(' ')
          .append("-".repeat(width[i] - (right[i] ? 1 : 0)))
          .append(right[i] ? ":" : "")
          .append(" |");
    }
    b.append('\n');
    for (List<String> l : lines) {
      appendLine(b, l, width, right);
    }
    b.append('\n')
        .append(
            "Mean total reward over n_tasks held-out tasks per set and budget H (steps);"
                + " se_return = sample sd / sqrt(n_tasks); oracle_return = mean exact optimal"
                + " expected return; fraction_of_oracle = mean_return / oracle_return;"
                + " **bold** = best policy of the set and budget (oracle excluded).\n");
    return b.toString();
  }

  /**
   * Decimals that show {@code se} with two significant digits, at least 1 (as the published tables)
   * and at most 6; 2 if se is 0.
   */
  static int decimals(double se) {
    if (!(se > 0) || Double.isInfinite(se)) {
      return 2;
    }
    int d = 1 - (int) Math.floor(Math.log10(se));
    return Math.max(1, Math.min(6, d));
  }

  private static String group(SummaryRow r) {
    return r.set() + "/" + r.budget();
  }

  private static void appendLine(
      StringBuilder b, List<String> cells, int[] width, boolean[] right) {
    b.append('|');
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      String pad = " ".repeat(width[i] - c.length());
      b.append(' ').append(right[i] ? pad + c : c + pad).append(" |");
    }
    b.append('\n');
  }

  private static String fixed(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "NaN";
  }

  private static String plain(double v) {
    return Double.isFinite(v) ? BigDecimal.valueOf(v).toPlainString() : Double.toString(v);
  }

  private static String csvCell(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
