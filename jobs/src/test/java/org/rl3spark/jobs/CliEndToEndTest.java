package org.rl3spark.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entry point {@code bin/rl3} calls, run in-process with its own session: {@code rl3 tasks
 * --conf conf/tasks/bandits.conf --set tasks.count=20 --out <tmp>}.
 */
class CliEndToEndTest {

  @TempDir Path dir;

  @Test
  void tasksCommandPublishesAndStopsItsSession() throws Exception {
    Path conf =
        Path.of(System.getProperty("rl3.repo.root", "..")).resolve("conf/tasks/bandits.conf");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        Rl3.run(
            new String[] {
              "tasks",
              "--conf",
              conf.toString(),
              "--set",
              "tasks.count=20",
              "--set",
              "spark.master=local[2]",
              "--out",
              dir.toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            SessionProvider.DEFAULT);

    assertThat(code).as("exit code; stderr: %s", err).isEqualTo(Rl3.OK);
    Path d = dir.resolve("tasks/bandits/k5/test");
    assertThat(Files.readAllLines(d.resolve("summary.csv")))
        .hasSize(2)
        .first()
        .isEqualTo("family,variant,split,n_tasks,mean_best_arm_p");
    JsonNode m = new ObjectMapper().readTree(d.resolve("_MANIFEST.json").toFile());
    assertThat(m.get("datasets").get(0).get("rows").asLong()).isEqualTo(20);
    assertThat(m.get("config").get("output").get("dir").asText()).isEqualTo(dir.toString());
    assertThat(m.get("config").get("spark").get("master").asText()).isEqualTo("local[2]");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("bandits  k5       test        20")
        .contains("tasks written to " + d);
    assertThat(SparkTestSessions.anyContextActive()).as("session stopped").isFalse();
  }
}
