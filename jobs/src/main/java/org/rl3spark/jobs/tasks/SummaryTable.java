package org.rl3spark.jobs.tasks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Task summaries as CSV and as an aligned text table. The columns are {@code
 * family,variant,split,n_tasks} followed by the summary columns any of the rows has, in {@link
 * TaskSummary#STAT_COLUMNS} order; cells a row has no value for are empty (CSV) or {@code -}
 * (text).
 */
public final class SummaryTable {

  /** The leading columns of every summary. */
  public static final List<String> KEY_COLUMNS = List.of("family", "variant", "split", "n_tasks");

  private SummaryTable() {}

  /** The header: key columns, then the stat columns present in {@code rows}. */
  public static List<String> header(List<TaskSummary> rows) {
    List<String> h = new ArrayList<>(KEY_COLUMNS);
    for (String c : TaskSummary.STAT_COLUMNS) {
      if (rows.stream().anyMatch(r -> r.stats().containsKey(c))) {
        h.add(c);
      }
    }
    return h;
  }

  /** CSV with a header line and one line per summary; numbers at full precision. */
  public static String csv(List<TaskSummary> rows) {
    List<String> header = header(rows);
    StringBuilder b = new StringBuilder(String.join(",", header)).append('\n');
    for (TaskSummary r : rows) {
      List<String> cells =
          new ArrayList<>(List.of(r.family(), r.variant(), r.split(), Long.toString(r.nTasks())));
      for (String c : header.subList(KEY_COLUMNS.size(), header.size())) {
        Double v = r.stats().get(c);
        cells.add(v == null ? "" : plain(v));
      }
      b.append(String.join(",", cells)).append('\n');
    }
    return b.toString();
  }

  /** An aligned table: text left-aligned, numbers right-aligned with 4 decimals. */
  public static String text(List<TaskSummary> rows) {
    List<String> header = header(rows);
    List<List<String>> cells = new ArrayList<>();
    for (TaskSummary r : rows) {
      List<String> line =
          new ArrayList<>(List.of(r.family(), r.variant(), r.split(), Long.toString(r.nTasks())));
      for (String c : header.subList(KEY_COLUMNS.size(), header.size())) {
        Double v = r.stats().get(c);
        line.add(v == null ? "-" : String.format(Locale.ROOT, "%.4f", v));
      }
      cells.add(line);
    }
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> line : cells) {
        width[i] = Math.max(width[i], line.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder();
    appendLine(b, header, width);
    List<String> rule = new ArrayList<>();
    for (int w : width) {
      rule.add("-".repeat(w));
    }
    appendLine(b, rule, width);
    for (List<String> line : cells) {
      appendLine(b, line, width);
    }
    return b.toString();
  }

  private static void appendLine(StringBuilder b, List<String> cells, int[] width) {
    for (int i = 0; i < cells.size(); i++) {
      boolean right = i >= 3;
      String cell = cells.get(i);
      String pad = " ".repeat(width[i] - cell.length());
      b.append(i == 0 ? "" : "  ")
          .append(right ? pad + cell : cell + (i == cells.size() - 1 ? "" : pad));
    }
    b.append('\n');
  }

  private static String plain(double v) {
    return Double.isFinite(v) ? BigDecimal.valueOf(v).toPlainString() : Double.toString(v);
  }
}
