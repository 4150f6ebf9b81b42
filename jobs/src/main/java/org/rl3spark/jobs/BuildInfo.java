package org.rl3spark.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Facts fixed at build time (from {@code rl3-build.properties}, filled in by Maven) and at launch
 * time (the git commit passed by {@code bin/rl3}).
 */
public final class BuildInfo {

  /** System property carrying the git commit of the code being run. */
  public static final String GIT_COMMIT_PROPERTY = "rl3.git.commit";

  private static final Properties PROPS = load();

  private BuildInfo() {}

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String projectVersion() {
    return PROPS.getProperty("project.version", "unknown");
  }

  /** The {@code --add-opens} flags Spark needs on Java 17 (from the parent pom). */
  public static String java17Opens() {
    return PROPS.getProperty("java17.opens", "");
  }

  /**
   * The JVM-wide deserialisation allow-list for {@code -Djdk.serialFilter} (from the parent pom),
   * which bin/rl3 gives the driver and {@link org.rl3spark.jobs.spark.SparkSessions} the executors;
   * empty if unknown.
   */
  public static String serialFilter() {
    String f = PROPS.getProperty("jvm.serial-filter", "");
    return f.startsWith("${") ? "" : f;
  }

  /** The git commit from {@code -Drl3.git.commit}, or {@code unknown}. */
  public static String gitCommit() {
    String c = System.getProperty(GIT_COMMIT_PROPERTY);
    return c == null || c.isBlank() ? "unknown" : c.trim();
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in =
        BuildInfo.class.getClassLoader().getResourceAsStream("rl3-build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rl3-build.properties", e);
    }
    return p;
  }
}
