package org.rl3spark.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.jobs.publish.Manifest;
import org.rl3spark.learner.dl4j.Checkpoint;
import org.rl3spark.learner.policy.Checkpoints;
import org.rl3spark.learner.ppo.UpdateDiagnostics;

/** The diagnose job on a trained run: its tables, what they hold, and a config of another run. */
class DiagnoseJobTest extends TrainRuns {

  private Path diagnose(Path out, String... sets) throws Exception {
    LoadedConfig config = config(out, sets);
    return Path.of(
        java.net.URI.create(
            new DiagnoseJob()
                .run(
                    TestConfigs.context(
                        spark,
                        config,
                        DiagnoseJob.NAME,
                        new ByteArrayOutputStream(),
                        new ByteArrayOutputStream()))));
  }

  @Test
  void measuresTheUpdatesAfterTheNewestCheckpoint() throws Exception {
    Path out = fresh();
    Path run = train(out, new ByteArrayOutputStream());
    Path result = diagnose(out, "train.diagnose.batches=2", "train.diagnose.groups=4");
    assertThat(result).isEqualTo(out.resolve("diagnose/t").toAbsolutePath());
    assertThat(result.resolve(Manifest.FILE_NAME)).isRegularFile();

    List<String> batches = Files.readAllLines(result.resolve(DiagnoseJob.BATCHES_CSV));
    assertThat(batches.get(0)).isEqualTo(DiagnoseJob.BATCH_HEADER);
    assertThat(batches).hasSize(3);
    // the checkpoint after the last of 4 iterations; the batches of iterations 5 and 6
    assertThat(batches.get(1)).startsWith("4,5,");
    assertThat(batches.get(2)).startsWith("4,6,");
    List<String> epochs = Files.readAllLines(result.resolve(DiagnoseJob.EPOCHS_CSV));
    assertThat(epochs.get(0)).isEqualTo(DiagnoseJob.EPOCH_HEADER);
    assertThat(epochs).hasSize(1 + 2 * 2);

    // the first row is the measurement of the checkpoint's networks on iteration 5's batch
    var ckpt = Checkpoint.read(Checkpoints.resolve(run));
    UpdateDiagnostics.Result r =
        UpdateDiagnostics.measure(
            ckpt.networks(),
            TrainJob.setup(TestConfigs.load(dir.resolve("conf-check"), TrainJobTest.CONF).config()),
            5,
            4);
    String[] row = batches.get(1).split(",");
    assertThat(Double.parseDouble(row[2])).isEqualTo(r.meanReturn());
    assertThat(Double.parseDouble(row[5])).isEqualTo(r.explainedBefore());
    assertThat(Double.parseDouble(row[8])).isEqualTo(r.actor().halvesCosine());
    assertThat(Files.list(run.resolve(Checkpoints.DIR)).count())
        .as("nothing is written to the run")
        .isEqualTo(2);
  }

  @Test
  void refusesAConfigOfOtherSettingsAndAMissingRun() throws Exception {
    Path out = fresh();
    train(out, new ByteArrayOutputStream());
    assertThatThrownBy(() -> diagnose(out, "train.epochs=3"))
        .hasMessageContaining("other settings than this config");
    assertThatThrownBy(() -> diagnose(fresh()))
        .hasMessageContaining("no training run or checkpoint at");
    assertThatThrownBy(() -> diagnose(out, "train.diagnose.groups=9"))
        .hasMessageContaining("train.diagnose.groups = 9 is more than train.envs = 8");
  }
}
