package org.rl3spark.notebooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns a notebook expects of one kind of dataset our jobs publish, and the key that
 * identifies a row. {@link Datasets} refuses a dataset whose columns or types differ, or whose key
 * repeats. Extra columns are allowed (newer jobs add some); missing or retyped ones are not.
 *
 * @param name what the dataset holds, for messages (e.g. "evaluation summary")
 * @param path the dataset's path inside its job output, as the output's {@code _MANIFEST.json}
 *     lists it (e.g. {@code summary})
 * @param columns column name to its kind, in the jobs' order
 * @param key the columns that identify a row
 */
public record Schema(String name, String path, Map<String, Kind> columns, List<String> key) {

  /**
   * A column's kind: DuckDB integer types are one kind, as are floating ones (widening is no
   * drift).
   */
  public enum Kind {
    INTEGER(
        "BIGINT",
        "TINYINT",
        "SMALLINT",
        "INTEGER",
        "BIGINT",
        "HUGEINT",
        "UTINYINT",
        "USMALLINT",
        "UINTEGER",
        "UBIGINT"),
    DOUBLE("DOUBLE", "FLOAT", "DOUBLE", "REAL"),
    STRING("VARCHAR", "VARCHAR");

    /** The DuckDB type the results assembly casts this kind to. */
    public final String sqlType;

    private final List<String> accepted;

    Kind(String sqlType, String... accepted) {
      this.sqlType = sqlType;
      this.accepted = List.of(accepted);
    }

    /** Whether a DuckDB column type (as {@code DESCRIBE} prints it) is of this kind. */
    public boolean accepts(String duckDbType) {
      return accepted.contains(duckDbType.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** Copies and checks that every key column is a column. */
  public Schema {
    columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    key = List.copyOf(key);
    for (String k : key) {
      if (!columns.containsKey(k)) {
        throw new IllegalArgumentException("key column " + k + " is not a column of " + name);
      }
    }
  }

  /**
   * {@code bin/rl3 evaluate}: one row per (family, variant, split, budget, policy, n_tasks): the
   * same policy evaluated on another number of tasks is another row, not a conflict.
   */
  public static final Schema EVAL_SUMMARY =
      of(
          "evaluation summary",
          "summary",
          "family:S variant:S split:S budget:I policy:S n_tasks:I mean_return:D se_return:D"
              + " oracle_return:D fraction_of_oracle:D",
          "family",
          "variant",
          "split",
          "budget",
          "policy",
          "n_tasks");

  /** {@code bin/rl3 train}: one row per (run, iteration). */
  public static final Schema TRAIN_METRICS =
      of(
          "training metrics",
          "metrics",
          "run:S algorithm:S family:S variant:S horizon:I seed:I iteration:I mean_return:D"
              + " policy_loss:D value_loss:D entropy:D approx_kl:D clip_fraction:D epochs:I"
              + " entropy_coef:D env_steps:I wall_seconds:D eval_return:D",
          "run",
          "iteration");

  /** {@code bin/rl3 qunique}: one row per (alpha, beta, n_mdps, delta, method). */
  public static final Schema QUNIQUE =
      of(
          "Appendix D.2 probabilities",
          "parquet",
          "alpha:D beta:D n_mdps:I delta:D method:S pairs:I close_pairs:I probability:D",
          "alpha",
          "beta",
          "n_mdps",
          "delta",
          "method");

  /** {@code bin/rl3 qdup}: one row per (delta, step). */
  public static final Schema QDUP =
      of(
          "Fig. 7 left duplicates",
          "parquet",
          "step:I delta:D n_mdps:I pairs:I close_pairs:I close_pair_fraction:D mdps_with_close:I"
              + " mdps_with_close_fraction:D",
          "delta",
          "step");

  /** {@code bin/rl3 qclassify}: one row per step. */
  public static final Schema QCLASSIFY =
      of(
          "Fig. 7 right classifier",
          "parquet",
          "step:I n_classes:I train_examples:I test_examples:I accuracy:D train_accuracy:D"
              + " nearest_mean_accuracy:D training:S",
          "step");

  /** A schema from "name:K ..." with K one of I (integer), D (floating), S (string). */
  static Schema of(String name, String path, String columns, String... key) {
    Map<String, Kind> cols = new LinkedHashMap<>();
    for (String c : columns.trim().split("\\s+")) {
      String[] nk = c.split(":");
      Kind kind =
          switch (nk[1]) {
            case "I" -> Kind.INTEGER;
            case "D" -> Kind.DOUBLE;
            case "S" -> Kind.STRING;
            default -> throw new IllegalArgumentException("unknown kind in " + c);
          };
      cols.put(nk[0], kind);
    }
    return new Schema(name, path, cols, List.of(key));
  }
}
