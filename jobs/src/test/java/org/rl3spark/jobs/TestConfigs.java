package org.rl3spark.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.rl3spark.jobs.config.ConfigLoader;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.jobs.publish.RunInfo;

/** Configs and job contexts for tests. */
public final class TestConfigs {

  private TestConfigs() {}

  /** Writes {@code hocon} to {@code dir/<name>} and returns the path. */
  public static Path write(Path dir, String name, String hocon) {
    try {
      Path f = dir.resolve(name);
      Files.createDirectories(f.getParent());
      Files.writeString(f, hocon, StandardCharsets.UTF_8);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads {@code hocon} (written to {@code dir/test.conf}) with testing hooks allowed. */
  public static LoadedConfig load(Path dir, String hocon, String... sets) {
    return ConfigLoader.load(write(dir, "test.conf", hocon), List.of(sets), null, true);
  }

  /** A job context with output captured in {@code out}. */
  public static JobContext context(
      SparkSession spark, LoadedConfig config, String job, ByteArrayOutputStream out) {
    return new JobContext(
        spark, config, RunInfo.start(job), new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  /** A job context with its report in {@code out} and its warnings in {@code err}. */
  public static JobContext context(
      SparkSession spark,
      LoadedConfig config,
      String job,
      ByteArrayOutputStream out,
      ByteArrayOutputStream err) {
    return new JobContext(
        spark,
        config,
        RunInfo.start(job),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** A job context that discards its report. */
  public static JobContext context(SparkSession spark, LoadedConfig config, String job) {
    return context(spark, config, job, new ByteArrayOutputStream());
  }
}
