package org.rl3spark.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * R3's static ban: the jobs' code never draws random numbers from global, time-seeded or unseeded
 * generators (every stream comes from {@code Seeds} / the families' task seeds).
 */
class NoUnseededRandomnessTest {

  private static final Pattern BANNED =
      Pattern.compile(
          "Math\\.random|new\\s+(java\\.util\\.)?Random\\s*\\(|ThreadLocalRandom|new\\s+SplittableRandom"
              + "|new\\s+SecureRandom|nanoTime\\(\\)\\s*\\)");

  @Test
  void mainSourcesUseNoUnseededGenerators() throws IOException {
    Path src = Path.of(System.getProperty("rl3.repo.root", "..")).resolve("jobs/src/main/java");
    List<String> hits = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(src)) {
      files = s.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(files).as("sources scanned").hasSizeGreaterThan(20);
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f);
      for (int i = 0; i < lines.size(); i++) {
        if (BANNED.matcher(lines.get(i)).find()) {
          hits.add(f + ":" + (i + 1) + ": " + lines.get(i).trim());
        }
      }
    }
    assertThat(hits).isEmpty();
  }
}
