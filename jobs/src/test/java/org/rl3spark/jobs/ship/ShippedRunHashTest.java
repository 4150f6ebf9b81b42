package org.rl3spark.jobs.ship;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rl3spark.jobs.config.ConfigLoader;
import org.rl3spark.jobs.config.Rl3Config;
import org.rl3spark.jobs.train.TrainJob;

/**
 * The settings recorded in every shipped run's {@code _RUN.json} still give its config hash, so
 * that {@code --resume-from} accepts it: a change to how settings are read or printed (a family's
 * settings record, the identity text) fails here without training.
 */
class ShippedRunHashTest {

  @TempDir Path dir;

  static List<Path> shipped() throws Exception {
    return ShippedAgentsTest.shipped();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void theRecordedSettingsGiveTheRecordedHash(Path agent) throws Exception {
    JsonNode run = new ObjectMapper().readTree(agent.resolve("_RUN.json").toFile());
    Path conf = dir.resolve("run.conf");
    Files.writeString(conf, run.get("config").toString());
    Rl3Config c = ConfigLoader.load(conf, List.of(), null, false).config();
    assertThat(TrainJob.identity(c)).isEqualTo(run.get("identity").asText());
    assertThat(TrainJob.configHash(c)).isEqualTo(run.get("config_hash").asText());
  }
}
