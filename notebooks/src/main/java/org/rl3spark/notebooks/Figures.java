package org.rl3spark.notebooks;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Saves what a notebook shows as committed figures: a PNG, the numbers it plots as a CSV (fixed
 * rounding, sorted rows, so that regenerating from unchanged results gives identical bytes) and
 * tables as Markdown. Only when {@value #DIR_ENV} names a directory ({@code notebooks/figures} sets
 * it); otherwise every method just returns its argument, so notebooks call them always.
 *
 * <p>Each saved figure is also recorded in {@value #INDEX} (figure, notebook from {@value
 * #NOTEBOOK_ENV}, title, the outputs {@link Datasets} has read so far), from which {@link
 * FiguresReadme} writes the figures' README.
 */
public final class Figures {

  /** Environment variable: the directory figures are written to (unset: nothing is written). */
  public static final String DIR_ENV = "RL3_FIGURES";

  /** Environment variable: the notebook being executed (set per notebook by run-all). */
  public static final String NOTEBOOK_ENV = "RL3_NOTEBOOK";

  /**
   * The index of saved figures, inside the figures directory (tab-separated, one line per file).
   */
  public static final String INDEX = ".index.tsv";

  /** Significant digits of every floating value in a figure's CSV. */
  public static final int DIGITS = 6;

  /** The index suffix of a note on what a figure lacks (no file is written). */
  static final String MISSING = ".missing";

  private Figures() {}

  /** Writes {@code <name>.csv} (the numbers of a figure or table) and returns the table. */
  public static Table data(String name, String title, Table t) {
    Path dir = dir();
    if (dir != null) {
      write(dir.resolve(name + ".csv"), csv(t));
      record(dir, name + ".csv", title);
    }
    return t;
  }

  /** Writes {@code <name>.md} (a table as Markdown) and returns the table. */
  public static Table markdown(String name, String title, Table t) {
    Path dir = dir();
    if (dir != null) {
      write(dir.resolve(name + ".md"), "# " + title + "\n\n" + markdown(t));
      record(dir, name + ".md", title);
    }
    return t;
  }

  /** Writes {@code <name>.png} and returns the image (so it still shows as the cell's value). */
  public static BufferedImage png(String name, String title, BufferedImage image) {
    Path dir = dir();
    if (dir != null) {
      try {
        Files.createDirectories(dir);
        ImageIO.write(image, "png", dir.resolve(name + ".png").toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      record(dir, name + ".png", title);
    }
    return image;
  }

  /**
   * Records what a figure still lacks (listed under "Missing" in the figures' README); returns the
   * text.
   */
  public static String missing(String name, String what) {
    Path dir = dir();
    if (dir != null) {
      record(dir, name + MISSING, what);
    }
    return what;
  }

  /**
   * A table as CSV: header, rows sorted (numbers numerically), doubles to {@value #DIGITS}
   * significant digits.
   */
  public static String csv(Table t) {
    List<List<Object>> rows = new ArrayList<>(t.rows());
    rows.sort(Figures::compareRows);
    StringBuilder b =
        new StringBuilder(String.join(",", t.columns().stream().map(Figures::csvCell).toList()));
    b.append('\n');
    for (List<Object> r : rows) {
      b.append(String.join(",", r.stream().map(v -> csvCell(text(v))).toList())).append('\n');
    }
    return b.toString();
  }

  /** A table as a Markdown table (same value text as the CSV). */
  public static String markdown(Table t) {
    StringBuilder b = new StringBuilder("| " + String.join(" | ", t.columns()) + " |\n|");
    t.columns().forEach(c -> b.append("---|"));
    b.append('\n');
    for (List<Object> r : t.rows()) {
      b.append("| ")
          .append(String.join(" | ", r.stream().map(v -> text(v).replace("|", "\\|")).toList()))
          .append(" |\n");
    }
    return b.toString();
  }

  /**
   * A value's text: floating values rounded to {@value #DIGITS} significant digits, NaN and null
   * empty.
   */
  public static String text(Object v) {
    return Table.format(v, Figures::significant);
  }

  private static String significant(double d) {
    if (!Double.isFinite(d)) {
      return String.valueOf(d);
    }
    if (d == 0) {
      return "0";
    }
    return new BigDecimal(d).round(new MathContext(DIGITS)).stripTrailingZeros().toPlainString();
  }

  private static int compareRows(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = compareValues(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    return Comparator.<String>naturalOrder().compare(String.valueOf(a), String.valueOf(b));
  }

  private static String csvCell(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }

  private static Path dir() {
    String d = System.getenv(DIR_ENV);
    return d == null || d.isBlank() ? null : Path.of(d);
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends "file, notebook, title, inputs" to the index. */
  private static void record(Path dir, String file, String title) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String notebook = System.getenv(NOTEBOOK_ENV);
    String line =
        String.join(
                "\t",
                file,
                notebook == null ? "" : notebook,
                title.replace('\t', ' '),
                String.join(" ", Datasets.readSoFar()))
            + "\n";
    try {
      Files.writeString(
          dir.resolve(INDEX),
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
