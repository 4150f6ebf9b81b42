package org.rl3spark.notebooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The notebooks' only way to read a published dataset: it checks the job output's {@code
 * _MANIFEST.json}, the files it lists, the schema and the key before any query, and refuses (an
 * {@link InputRefused} naming the output, the dataset and the problem) what a plain {@code
 * read_parquet} would silently turn into NULL columns or merged rows.
 *
 * <p>Checks, in order: the output has a {@code _MANIFEST.json}; it lists the dataset; every file it
 * lists exists with the listed size and no other Parquet file lies in the dataset's directory;
 * every column of the {@link Schema} is there with its kind; the row count is the manifest's; no
 * key repeats. Several outputs read together ({@link #readAll}) may share rows (a baseline
 * evaluated twice on the same tasks): identical ones appear once, but one key with different values
 * in two outputs is refused, naming both.
 */
public final class Datasets {

  /** The manifest every published output carries (written last, when the job publishes). */
  public static final String MANIFEST = "_MANIFEST.json";

  /** The outputs read so far in this JVM (one notebook), for {@link Figures}' provenance. */
  private static final Set<String> READ = new LinkedHashSet<>();

  private Datasets() {}

  /**
   * A dataset refused before any query: the message names the output, the dataset and the problem.
   */
  public static final class InputRefused extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    InputRefused(String output, Schema schema, String problem) {
      super("refusing " + schema.name() + " '" + schema.path() + "' of " + output + ": " + problem);
    }
  }

  /**
   * Outputs read together.
   *
   * @param sql the SQL table expression of their rows (null when none of them exists)
   * @param found the outputs read, in the order given
   * @param missing the outputs that do not exist, in the order given
   * @param schema the schema every output was checked against
   */
  public record Read(String sql, List<String> found, List<String> missing, Schema schema) {

    /** The rows' SQL table expression; with no output, an empty table of the schema's columns. */
    public String table() {
      return sql != null ? sql : empty(schema);
    }

    /** Whether none of the outputs exists. */
    public boolean isEmpty() {
      return sql == null;
    }

    /** An HTML note naming the missing outputs (empty when none is missing). */
    public String missingNote() {
      return missing.isEmpty()
          ? ""
          : Nb.note("missing (not produced yet): " + String.join(", ", missing));
    }
  }

  /**
   * One job output's dataset, checked, as a SQL table expression.
   *
   * @param output the job's output directory (holding {@code _MANIFEST.json})
   * @throws InputRefused if the output is missing, incomplete, drifted or has duplicate keys
   */
  public static String read(String output, Schema schema) {
    List<String> files = check(Path.of(output), schema);
    synchronized (READ) {
      READ.add(Path.of(output).toAbsolutePath().normalize().toString());
    }
    return expression(files);
  }

  /**
   * Several outputs' datasets of one schema, each checked, as one table: outputs that do not exist
   * are skipped (and listed in {@link Read#missing()}), rows shared by two outputs appear once.
   *
   * @throws InputRefused if an existing output fails a check, or two outputs disagree on a key
   */
  public static Read readAll(List<String> outputs, Schema schema) {
    Read labelled = union(outputs, schema, "_output", o -> o);
    if (labelled.isEmpty()) {
      return labelled;
    }
    String all = labelled.sql();
    String key = String.join(", ", schema.key());
    String cols = String.join(", ", schema.columns().keySet());
    Table conflicts =
        Nb.sql(
            """
        select %2$s, count(*) as versions from (select distinct %3$s from %1$s)
        group by all having count(*) > 1 order by all limit 3
        """
                .formatted(all, key, cols));
    if (!conflicts.isEmpty()) {
      Table where =
          Nb.sql(
              "select distinct _output from %s where %s order by 1"
                  .formatted(all, firstKeyEquals(conflicts, schema)));
      throw new InputRefused(
          String.join(" and ", where.strings("_output")),
          schema,
          "the same key ("
              + key
              + ") has different values in these outputs, e.g. "
              + conflicts.rows().get(0).subList(0, schema.key().size()));
    }
    String rows =
        "(select * exclude (_output) from %s qualify row_number() over (partition by %s order by _output) = 1)"
            .formatted(all, key);
    return new Read(rows, labelled.found(), labelled.missing(), schema);
  }

  /**
   * Several outputs' datasets of one schema, each checked, as one table with a column naming each
   * row's output (its directory's name): rows are kept apart, e.g. a forked run's copy of its
   * parent's first iterations. Outputs that do not exist are skipped and listed.
   *
   * @throws InputRefused if an existing output fails a check
   */
  public static Read readEach(List<String> outputs, Schema schema, String column) {
    return union(outputs, schema, column, o -> Path.of(o).getFileName().toString());
  }

  /**
   * The existing outputs, each checked, unioned by column name with a column holding each one's
   * label.
   */
  private static Read union(
      List<String> outputs,
      Schema schema,
      String column,
      java.util.function.UnaryOperator<String> label) {
    List<String> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (String o : outputs) {
      if (!Files.exists(Path.of(o))) {
        missing.add(o);
        continue;
      }
      found.add(o);
      parts.add(
          "select '" + Nb.quote(label.apply(o)) + "' as " + column + ", * from " + read(o, schema));
    }
    return new Read(
        parts.isEmpty() ? null : "(" + String.join(" union all by name ", parts) + ")",
        found,
        missing,
        schema);
  }

  /** An empty table with a schema's columns (for notebooks whose inputs are all missing). */
  public static String empty(Schema schema) {
    List<String> cols = new ArrayList<>();
    schema.columns().forEach((c, k) -> cols.add("cast(null as " + k.sqlType + ") as " + c));
    return "(select " + String.join(", ", cols) + " where false)";
  }

  /**
   * The subdirectories of a directory, sorted (none if it does not exist): e.g. every run under
   * train/.
   */
  public static List<String> children(String dir) {
    Path d = Path.of(dir);
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .map(Path::toString)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The outputs read so far by this JVM, in first-read order (absolute paths). */
  public static List<String> readSoFar() {
    synchronized (READ) {
      return List.copyOf(READ);
    }
  }

  /** A SQL condition selecting the rows with the first conflicting key. */
  private static String firstKeyEquals(Table conflicts, Schema schema) {
    List<String> terms = new ArrayList<>();
    for (String k : schema.key()) {
      Object v = conflicts.get(0, k);
      terms.add(k + (v instanceof Number ? " = " + v : " = '" + Nb.quote(String.valueOf(v)) + "'"));
    }
    return String.join(" and ", terms);
  }

  /** Runs every check; returns the dataset's files (absolute paths) as the manifest lists them. */
  static List<String> check(Path output, Schema schema) {
    String out = output.toString();
    if (!Files.isDirectory(output)) {
      throw new InputRefused(out, schema, "no such output directory");
    }
    Path manifest = output.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new InputRefused(
          out,
          schema,
          "no "
              + MANIFEST
              + " (an output is complete only once its job wrote the manifest; a copy must include it)");
    }
    String m =
        "read_json_auto('" + Nb.quote(manifest.toString()) + "', maximum_object_size = 67108864)";
    Table top;
    try {
      top = Nb.sql("select * from " + m);
    } catch (IllegalStateException e) {
      throw new InputRefused(
          out,
          schema,
          MANIFEST + " is unreadable: " + e.getMessage().lines().findFirst().orElse(""));
    }
    long rows;
    List<String> files;
    if (top.columns().contains("datasets")) {
      rows = listedRows(output, schema, m);
      files = listedFiles(output, schema, m);
    } else if (top.columns().contains("iterations") && "train".equals(top.get(0, "job"))) {
      // A training run's manifest counts its metrics rows (one per iteration) and lists no files.
      rows = ((Number) top.get(0, "iterations")).longValue();
      files = parquetFiles(output.resolve(schema.path())).stream().map(Path::toString).toList();
      if (files.isEmpty()) {
        throw new InputRefused(out, schema, "no Parquet file in " + schema.path() + "/");
      }
    } else {
      throw new InputRefused(
          out,
          schema,
          MANIFEST + " lists no datasets (columns: " + String.join(", ", top.columns()) + ")");
    }
    String expr = expression(files);
    checkColumns(out, schema, expr);
    long actualRows =
        ((Number) Nb.sql("select count(*) as n from " + expr).get(0, "n")).longValue();
    if (actualRows != rows) {
      throw new InputRefused(
          out, schema, "has " + actualRows + " rows, " + MANIFEST + " says " + rows);
    }
    String key = String.join(", ", schema.key());
    Table dup =
        Nb.sql(
            "select %s, count(*) as copies from %s group by all having count(*) > 1 order by all limit 3"
                .formatted(key, expr));
    if (!dup.isEmpty()) {
      throw new InputRefused(
          out,
          schema,
          "duplicate rows: the key ("
              + key
              + ") repeats, e.g. "
              + dup.rows().get(0).subList(0, schema.key().size())
              + " appears "
              + dup.get(0, "copies")
              + " times");
    }
    return files;
  }

  /** The manifest's row count of the schema's dataset. */
  private static long listedRows(Path output, Schema schema, String m) {
    Table datasets =
        Nb.sql(
            "select d.path as path, d.rows as rows from (select unnest(datasets) as d from "
                + m
                + ")");
    Table entry = datasets.where("path", schema.path());
    if (entry.isEmpty()) {
      throw new InputRefused(
          output.toString(),
          schema,
          MANIFEST
              + " lists no dataset '"
              + schema.path()
              + "' (it lists: "
              + String.join(", ", datasets.strings("path"))
              + ")");
    }
    return ((Number) entry.get(0, "rows")).longValue();
  }

  /**
   * The dataset's files as the manifest lists them, each checked to exist with its listed size; no
   * other Parquet file may lie in the dataset's directory.
   */
  private static List<String> listedFiles(Path output, Schema schema, String m) {
    String out = output.toString();
    Table listed =
        Nb.sql(
            """
        select f.path as file, f.bytes as bytes
        from (select unnest(d.files) as f from (select unnest(datasets) as d from %s) where d.path = '%s')
        order by 1"""
                .formatted(m, Nb.quote(schema.path())));
    if (listed.isEmpty()) {
      throw new InputRefused(out, schema, MANIFEST + " lists no file of the dataset");
    }
    List<String> files = new ArrayList<>();
    Set<Path> listedPaths = new TreeSet<>();
    for (int i = 0; i < listed.size(); i++) {
      Path f = output.resolve(listed.strings("file").get(i)).normalize();
      long bytes = ((Number) listed.get(i, "bytes")).longValue();
      if (!Files.isRegularFile(f)) {
        throw new InputRefused(
            out, schema, "file " + output.relativize(f) + " listed in " + MANIFEST + " is missing");
      }
      long actual = size(f);
      if (actual != bytes) {
        throw new InputRefused(
            out,
            schema,
            "file "
                + output.relativize(f)
                + " has "
                + actual
                + " bytes, "
                + MANIFEST
                + " says "
                + bytes
                + " (changed after the job published it)");
      }
      listedPaths.add(f);
      files.add(f.toString());
    }
    for (Path f : parquetFiles(output.resolve(schema.path()))) {
      if (!listedPaths.contains(f.normalize())) {
        throw new InputRefused(
            out,
            schema,
            "file "
                + output.relativize(f)
                + " is not listed in "
                + MANIFEST
                + " (left by another run, or copied in later)");
      }
    }
    return files;
  }

  private static void checkColumns(String out, Schema schema, String expr) {
    Table described = Nb.sql("describe select * from " + expr);
    List<String> names = described.strings("column_name");
    List<String> types = described.strings("column_type");
    List<String> problems = new ArrayList<>();
    schema
        .columns()
        .forEach(
            (column, kind) -> {
              int i = names.indexOf(column);
              if (i < 0) {
                problems.add("column '" + column + "' is missing");
              } else if (!kind.accepts(types.get(i))) {
                problems.add(
                    "column '" + column + "' is " + types.get(i) + ", expected " + kind.sqlType);
              }
            });
    if (!problems.isEmpty()) {
      throw new InputRefused(
          out,
          schema,
          "schema drift: "
              + String.join("; ", problems)
              + " (columns: "
              + String.join(", ", names)
              + ")");
    }
  }

  private static String expression(List<String> files) {
    return "read_parquet(["
        + files.stream().map(f -> "'" + Nb.quote(f) + "'").collect(Collectors.joining(", "))
        + "], hive_partitioning = true, union_by_name = true)";
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> parquetFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
