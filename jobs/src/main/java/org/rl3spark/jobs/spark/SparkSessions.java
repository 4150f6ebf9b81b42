package org.rl3spark.jobs.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.rl3spark.jobs.BuildInfo;
import org.rl3spark.jobs.config.ConfigLoader;
import org.rl3spark.jobs.config.SparkConfig;

/** Builds the Spark session of a job. */
public final class SparkSessions {

  /** Loopback address for the driver of local runs. */
  public static final String LOOPBACK = "127.0.0.1";

  /** How long a failed run waits for its remaining tasks to stop before deleting its staging. */
  public static final long ABORT_WAIT_MILLIS = 30_000;

  /** Spark's driver-side executor heartbeat timeout key (defaults to spark.network.timeout). */
  static final String HEARTBEAT_TIMEOUT_KEY = "spark.storage.blockManagerHeartbeatTimeoutMs";

  /** The heartbeat timeout of local masters: a day, so that a paused JVM keeps its run. */
  static final String LOCAL_HEARTBEAT_TIMEOUT_MS = "86400000";

  private SparkSessions() {}

  /**
   * The session of job {@code job} (app name {@code rl3-<job>}).
   *
   * <ul>
   *   <li>{@code spark.master} from the config applies only if the JVM has none yet (spark-submit
   *       sets it as a system property);
   *   <li>local masters get {@code spark.driver.host} and {@code spark.driver.bindAddress} =
   *       127.0.0.1 unless set, and a driver-side executor heartbeat timeout of a day ({@link
   *       #LOCAL_HEARTBEAT_TIMEOUT_MS}) unless it or {@code spark.network.timeout} is set: a local
   *       run's only executor is the driver's own JVM, and with Spark's default (120 s) a JVM
   *       paused for longer (SIGSTOP, a suspended laptop, a long GC) loses its executor and exits
   *       about ten minutes later ("Exit as unable to send heartbeats to driver more than 60
   *       times");
   *   <li>the Spark UI is off under tests ({@code -Drl3.testing=true}) unless set;
   *   <li>executors get the Java 17 {@code --add-opens} flags and the {@code -Djdk.serialFilter}
   *       allow-list unless {@code spark.executor.extraJavaOptions} is set;
   *   <li>the config's {@code spark.conf} entries are applied last;
   *   <li>on a cluster master, an {@link ExecutorMonitor} reports lost executors on stderr and
   *       cancels a job that has had no executor for {@code spark.no-executor-timeout}.
   * </ul>
   *
   * @throws IllegalStateException if the JVM's Spark settings (e.g. from spark-submit) make Spark
   *     silently drop unreadable input
   */
  public static SparkSession create(String job, SparkConfig config) {
    SparkConf existing = new SparkConf();
    for (String key : SparkConfig.FORBIDDEN_TRUE) {
      if (existing.get(key, "false").trim().equalsIgnoreCase("true")) {
        throw new IllegalStateException(
            key
                + "=true is set for this JVM (spark-submit --conf or spark-defaults.conf): it"
                + " makes Spark silently drop unreadable input; remove it");
      }
    }
    Map<String, String> settings = settings(job, config, existing, ConfigLoader.testingEnabled());
    SparkSession.Builder b = SparkSession.builder();
    settings.forEach(b::config);
    SparkSession session = b.getOrCreate();
    if (!session.sparkContext().isLocal()) {
      ExecutorMonitor.install(
          session.sparkContext(), config.noExecutorTimeoutSeconds(), System.err);
    }
    return session;
  }

  /**
   * The settings {@link #create} applies, given what is already set in this JVM ({@code existing},
   * which loads {@code spark.*} system properties).
   */
  static Map<String, String> settings(
      String job, SparkConfig config, SparkConf existing, boolean testing) {
    Map<String, String> s = new LinkedHashMap<>();
    String master =
        existing.contains("spark.master") ? existing.get("spark.master") : config.master();
    if (!existing.contains("spark.master")) {
      s.put("spark.master", config.master());
    }
    if (!existing.contains("spark.app.name")) {
      s.put("spark.app.name", "rl3-" + job);
    }
    if (master.startsWith("local")) {
      putIfAbsent(s, existing, config, "spark.driver.host", LOOPBACK);
      putIfAbsent(s, existing, config, "spark.driver.bindAddress", LOOPBACK);
      if (!existing.contains("spark.network.timeout")
          && !config.conf().containsKey("spark.network.timeout")) {
        putIfAbsent(s, existing, config, HEARTBEAT_TIMEOUT_KEY, LOCAL_HEARTBEAT_TIMEOUT_MS);
      }
    }
    if (testing) {
      putIfAbsent(s, existing, config, "spark.ui.enabled", "false");
    }
    String executorOptions = executorJavaOptions();
    if (!executorOptions.isBlank()) {
      putIfAbsent(s, existing, config, "spark.executor.extraJavaOptions", executorOptions);
    }
    s.putAll(config.conf());
    return s;
  }

  /** The Java 17 flags and the deserialisation allow-list, as executor JVM options. */
  static String executorJavaOptions() {
    String filter = BuildInfo.serialFilter();
    return (BuildInfo.java17Opens() + (filter.isBlank() ? "" : " -Djdk.serialFilter=" + filter))
        .trim();
  }

  private static void putIfAbsent(
      Map<String, String> s, SparkConf existing, SparkConfig config, String key, String value) {
    if (!existing.contains(key) && !config.conf().containsKey(key)) {
      s.put(key, value);
    }
  }

  /**
   * Waits (up to {@code timeoutMillis}) until no stage is active and no executor runs a task. After
   * a job fails, Spark kills the stage's other tasks asynchronously; a task still running could
   * write into an output directory that is being cleaned up, so jobs call this before deleting a
   * failed run's staging directory.
   *
   * @return whether the cluster became idle in time
   */
  public static boolean awaitIdle(SparkSession spark, long timeoutMillis) {
    var tracker = spark.sparkContext().statusTracker();
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      int running = 0;
      for (var e : tracker.getExecutorInfos()) {
        running += e.numRunningTasks();
      }
      if (running == 0 && tracker.getActiveStageIds().length == 0) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
