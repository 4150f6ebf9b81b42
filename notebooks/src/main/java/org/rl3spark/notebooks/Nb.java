package org.rl3spark.notebooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What notebooks share: where their inputs are, and SQL over Parquet and CSV with an in-process
 * DuckDB (no Spark).
 *
 * <p>Input paths are written relative to the repository root, e.g. {@code
 * data/example/eval/bandits}. The environment variable {@value #DATA_ENV} replaces the {@code
 * data/example} prefix, so the same notebooks read another run's output ({@code notebooks/run-all
 * --data <dir>} sets it). Notebooks only read.
 */
public final class Nb {

  /** Environment variable that replaces {@value #EXAMPLE} in input paths. */
  public static final String DATA_ENV = "RL3_DATA";

  /** Environment variable with the repository root (set by the kernel's launch script). */
  public static final String REPO_ENV = "RL3_REPO";

  /** The example dataset's root, relative to the repository. */
  public static final String EXAMPLE = "data/example";

  private static Connection connection;

  private Nb() {}

  /**
   * The repository root: {@value #REPO_ENV}, else the first ancestor of the working directory with
   * notebooks/pom.xml.
   */
  public static Path repo() {
    String env = System.getenv(REPO_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath().normalize();
    }
    Path p = Path.of("").toAbsolutePath();
    for (Path q = p; q != null; q = q.getParent()) {
      if (Files.isRegularFile(q.resolve("notebooks/pom.xml"))) {
        return q;
      }
    }
    return p;
  }

  /**
   * An input path: absolute paths as given; relative ones against the repository root, with a
   * leading {@value #EXAMPLE} replaced by {@value #DATA_ENV} when that is set.
   */
  public static String input(String path) {
    return input(path, System.getenv(DATA_ENV), repo());
  }

  static String input(String path, String dataOverride, Path repo) {
    Path p = Path.of(path);
    if (p.isAbsolute()) {
      return p.normalize().toString();
    }
    if (dataOverride != null && !dataOverride.isBlank() && p.startsWith(EXAMPLE)) {
      Path root = Path.of(dataOverride);
      if (!root.isAbsolute()) {
        root = repo.resolve(root);
      }
      return root.resolve(Path.of(EXAMPLE).relativize(p)).normalize().toString();
    }
    return repo.resolve(p).normalize().toString();
  }

  /** Whether an input exists (file or directory). */
  public static boolean exists(String path) {
    return Files.exists(Path.of(path));
  }

  /**
   * The SQL table expression of a Parquet dataset directory written by our jobs (its {@code
   * part-*.parquet} files, at any depth, hive partitions as columns).
   */
  public static String parquet(String dir) {
    return "read_parquet('"
        + quote(dir)
        + "/**/*.parquet', hive_partitioning = true, union_by_name = true)";
  }

  /**
   * The union of the Parquet datasets of several directories (those that exist; duplicate rows,
   * e.g. a baseline evaluated in two runs, appear once), as a SQL table expression.
   *
   * @throws IllegalArgumentException if none of the directories exists
   */
  public static String parquet(List<String> dirs) {
    List<String> globs = new ArrayList<>();
    for (String d : dirs) {
      if (exists(d)) {
        globs.add("'" + quote(d) + "/**/*.parquet'");
      }
    }
    if (globs.isEmpty()) {
      throw new IllegalArgumentException("none of these inputs exists: " + dirs);
    }
    return "(select distinct * from read_parquet(["
        + String.join(", ", globs)
        + "], hive_partitioning = true, union_by_name = true))";
  }

  /** The SQL table expression of a CSV file (header row, types inferred). */
  public static String csv(String file) {
    return "read_csv_auto('" + quote(file) + "', header = true)";
  }

  /** Runs a query on the shared in-memory DuckDB connection. */
  public static Table sql(String query) {
    try (Statement s = connection().createStatement();
        ResultSet rs = s.executeQuery(query)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> cols = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        cols.add(md.getColumnLabel(i));
      }
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> r = new ArrayList<>(cols.size());
        for (int i = 1; i <= cols.size(); i++) {
          Object v = rs.getObject(i);
          if (v instanceof java.math.BigDecimal d) {
            v = d.doubleValue();
          } else if (v instanceof java.math.BigInteger n) {
            v = n.longValue();
          }
          r.add(v);
        }
        rows.add(r);
      }
      return new Table(cols, rows);
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + e.getMessage() + "\n" + query, e);
    }
  }

  /** Runs a statement that returns no rows (e.g. {@code copy ... to}) on the shared connection. */
  public static void execute(String statement) {
    try (Statement s = connection().createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException("statement failed: " + e.getMessage() + "\n" + statement, e);
    }
  }

  private static synchronized Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      try {
        Class.forName("org.duckdb.DuckDBDriver");
      } catch (ClassNotFoundException e) {
        throw new SQLException("DuckDB JDBC is not on the classpath (notebooks/target/nb-lib)", e);
      }
      connection = DriverManager.getConnection("jdbc:duckdb:");
    }
    return connection;
  }

  /** A path or string as the inside of a single-quoted SQL literal. */
  public static String quote(String s) {
    return s.replace("'", "''");
  }

  /** A short HTML note (for "no runs found" and similar messages). */
  public static String note(String text) {
    return "<p><em>" + Table.escape(text) + "</em></p>";
  }
}
