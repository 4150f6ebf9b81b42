package org.rl3spark.jobs.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code spark} block.
 *
 * @param master the master URL used when the JVM was not launched by spark-submit: {@code local},
 *     {@code local[N]}, {@code local[*]}, {@code local[N,F]}, {@code local-cluster[...]}, {@code
 *     spark://...}, {@code yarn}, {@code k8s://...} or {@code mesos://...}
 * @param partitions partitions of generated datasets, or 0 for twice the default parallelism
 * @param conf extra Spark settings applied to the session (keys start with {@code spark.}; a key a
 *     couple of edits from a setting Spark knows is refused as a typo, see {@link SparkSettings})
 * @param noExecutorTimeoutSeconds ({@code no-executor-timeout}) on a cluster master, how long a
 *     running Spark job may wait without any executor (every worker lost, or none ever came) before
 *     the job is cancelled with a message saying so; 0 = wait forever, as Spark does
 */
public record SparkConfig(
    String master, int partitions, Map<String, String> conf, int noExecutorTimeoutSeconds) {

  /** The default of {@code spark.no-executor-timeout}, in seconds. */
  public static final int DEFAULT_NO_EXECUTOR_TIMEOUT_SECONDS = 300;

  /** Settings that make Spark silently drop input; never allowed to be true. */
  public static final Set<String> FORBIDDEN_TRUE =
      Set.of(
          "spark.sql.files.ignoreCorruptFiles",
          "spark.sql.files.ignoreMissingFiles",
          "spark.files.ignoreCorruptFiles",
          "spark.files.ignoreMissingFiles");

  private static final Pattern MASTER =
      Pattern.compile(
          "local|local\\[(\\*|[1-9][0-9]*)(,\\s*[1-9][0-9]*)?\\]|local-cluster\\[.+\\]"
              + "|(spark|k8s|mesos)://.+|yarn");

  /** Validates every field and lists every problem. */
  public SparkConfig {
    InvalidFields.Checker check = new InvalidFields.Checker();
    check.require(
        master != null && MASTER.matcher(master.trim()).matches(),
        "master",
        "'"
            + master
            + "' is not a Spark master URL: use local[*], local[N], local[N,F],"
            + " spark://host:port, yarn or k8s://...");
    check.require(partitions >= 0, "partitions", "must be >= 0 (0 = automatic), got " + partitions);
    check.require(
        noExecutorTimeoutSeconds >= 0,
        "no-executor-timeout",
        "must be >= 0 seconds (0 = wait forever), got " + noExecutorTimeoutSeconds);
    conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf == null ? Map.of() : conf));
    for (Map.Entry<String, String> e : conf.entrySet()) {
      String key = e.getKey();
      String value = e.getValue().trim();
      String field = "conf.\"" + key + "\"";
      boolean spark = key.startsWith("spark.");
      check.require(
          spark,
          field,
          "Spark settings start with 'spark.' (Spark ignores others)"
              + (spark ? "" : SparkSettings.didYouMean(key)));
      Optional<String> typo = spark ? SparkSettings.typoOf(key) : Optional.empty();
      check.require(
          typo.isEmpty(),
          field,
          "not a setting Spark knows (it would ignore it silently): did you mean '"
              + typo.orElse("")
              + "'?");
      check.require(
          !key.equals("spark.master"), field, "set spark.master (the key of this block) instead");
      check.require(
          !(FORBIDDEN_TRUE.contains(key) && value.toLowerCase(Locale.ROOT).equals("true")),
          field,
          "must not be true: it makes Spark silently drop unreadable input; inputs are validated"
              + " instead");
      if (key.equals("spark.task.maxFailures")) {
        Integer n = parseInt(value);
        check.require(
            n != null && n >= 1,
            field,
            "must be an integer >= 1 (attempts per task), got " + value);
      }
    }
    check.throwIfAny();
  }

  /** The block with the default {@code no-executor-timeout}. */
  public SparkConfig(String master, int partitions, Map<String, String> conf) {
    this(master, partitions, conf, DEFAULT_NO_EXECUTOR_TIMEOUT_SECONDS);
  }

  /** The number of partitions for a dataset, given Spark's default parallelism. */
  public int partitionsFor(int defaultParallelism) {
    return partitions > 0 ? partitions : Math.max(1, 2 * defaultParallelism);
  }

  private static Integer parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
