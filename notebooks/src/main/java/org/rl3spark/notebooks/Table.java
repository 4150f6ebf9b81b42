package org.rl3spark.notebooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A small query result: column names and rows of JDBC values (null allowed). Notebooks aggregate in
 * SQL; this only carries the result to a plot or an HTML table.
 *
 * @param columns column names, in order
 * @param rows rows, each with one value per column
 */
public record Table(List<String> columns, List<List<Object>> rows) {

  /** Copies and checks the shape. */
  public Table {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> r : rows) {
      if (r.size() != columns.size()) {
        throw new IllegalArgumentException(
            "row has " + r.size() + " values but there are " + columns.size() + " columns");
      }
      copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(r)));
    }
    rows = List.copyOf(copy);
  }

  /** Number of rows. */
  public int size() {
    return rows.size();
  }

  /** Whether there are no rows. */
  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Index of a column. */
  public int index(String column) {
    int i = columns.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + column + " in " + columns);
    }
    return i;
  }

  /** The value at (row, column). */
  public Object get(int row, String column) {
    return rows.get(row).get(index(column));
  }

  /** A column as doubles (null becomes NaN). */
  public double[] doubles(String column) {
    int c = index(column);
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = rows.get(i).get(c);
      out[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
    }
    return out;
  }

  /** A column as strings (null stays null). */
  public List<String> strings(String column) {
    int c = index(column);
    List<String> out = new ArrayList<>(rows.size());
    for (List<Object> r : rows) {
      out.add(r.get(c) == null ? null : String.valueOf(r.get(c)));
    }
    return out;
  }

  /** The distinct values of a column, in first-seen order. */
  public List<String> distinct(String column) {
    List<String> out = new ArrayList<>();
    for (String s : strings(column)) {
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The rows whose {@code column} equals {@code value} (compared as strings). */
  public Table where(String column, Object value) {
    int c = index(column);
    String v = String.valueOf(value);
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> r : rows) {
      if (Objects.equals(String.valueOf(r.get(c)), v)) {
        out.add(r);
      }
    }
    return new Table(columns, out);
  }

  /** An HTML table; doubles with 4 significant digits, null as an empty cell. */
  public String html() {
    StringBuilder b = new StringBuilder("<table>\n<thead><tr>");
    for (String c : columns) {
      b.append("<th>").append(escape(c)).append("</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    for (List<Object> r : rows) {
      b.append("<tr>");
      for (Object v : r) {
        boolean number = v instanceof Number;
        b.append(number ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
            .append(escape(format(v)))
            .append("</td>");
      }
      b.append("</tr>\n");
    }
    return b.append("</tbody>\n</table>").toString();
  }

  /** Plain text (tab-separated), for logs and tests. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(String.join("\t", columns)).append('\n');
    for (List<Object> r : rows) {
      List<String> cells = new ArrayList<>();
      r.forEach(v -> cells.add(format(v)));
      b.append(String.join("\t", cells)).append('\n');
    }
    return b.toString();
  }

  /** A value as table text. */
  public static String format(Object v) {
    return format(v, d -> String.format(Locale.ROOT, "%.4g", d));
  }

  /**
   * A value as text: null and NaN empty, floating values through {@code number}, anything else as
   * {@link String#valueOf}.
   */
  public static String format(Object v, java.util.function.DoubleFunction<String> number) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isNaN(d) ? "" : number.apply(d);
    }
    return String.valueOf(v);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
