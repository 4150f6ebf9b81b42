package org.rl3spark.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test's second JVM: this JVM's java and test classpath, the Java 17 flags Spark needs and the
 * deserialisation allow-list bin/rl3 gives its driver ({@link BuildInfo#serialFilter}), output to a
 * file. The test owns the process (and kills it by its handle, never by name).
 */
public final class ForkedJvm {

  private ForkedJvm() {}

  /** Starts {@code main} with {@code args}; stdout and stderr go to {@code log}. */
  public static Process start(Class<?> main, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(Arrays.asList(BuildInfo.java17Opens().trim().split("\\s+")));
    cmd.add("-Djdk.serialFilter=" + BuildInfo.serialFilter());
    cmd.add(
        "-Dlog4j2.configurationFile="
            + Path.of(System.getProperty("rl3.repo.root", ".."), "conf", "log4j2.properties")
                .toAbsolutePath()
                .normalize());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(Arrays.asList(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
