package org.rl3spark.jobs.ship;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rl3spark.jobs.train.TrainJob;

/**
 * Every agent shipped under {@code results/agents/} loads and replays its committed per-task
 * returns exactly (the pipeline is deterministic): a change that alters a trained model's behaviour
 * (the network, a wrapper, an observation layout, a seed derivation) fails here.
 */
class ShippedAgentsTest {

  private static Path agentsDir() {
    return Path.of(System.getProperty("rl3.repo.root", "..")).resolve("results/agents").normalize();
  }

  static List<Path> shipped() throws IOException {
    if (!Files.isDirectory(agentsDir())) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(agentsDir())) {
      return s.filter(p -> Files.isRegularFile(p.resolve(TrainJob.RUN_FILE))).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyShippedAgentReplaysExactly() throws IOException {
    List<Path> agents = shipped();
    assertThat(agents).as("shipped agents under " + agentsDir()).isNotEmpty();
    return agents.stream()
        .map(
            a ->
                DynamicTest.dynamicTest(
                    a.getFileName().toString(),
                    () -> {
                      AgentReplay.Returns want = AgentReplay.read(a.resolve(AgentReplay.FILE));
                      AgentReplay.Returns got =
                          AgentReplay.play(a, ShippedRun.family(a), want.returns().length);
                      assertThat(got.policy()).isEqualTo(want.policy());
                      assertThat(got.budget()).isEqualTo(want.budget());
                      for (int i = 0; i < want.returns().length; i++) {
                        assertThat(got.returns()[i])
                            .as("%s: return on test task %d", a.getFileName(), i)
                            .isEqualTo(want.returns()[i]);
                      }
                    }));
  }
}
