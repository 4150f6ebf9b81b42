package org.rl3spark.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.publish.StagingOwner.Liveness;

/**
 * Issue 16, item 2: the staging directories of killed runs are removed when a run of the same
 * output begins, with a line saying what and how big; those of live runs (and of other hosts) are
 * kept.
 */
class StagingLitterTest {

  @TempDir Path dir;

  private final Configuration conf = new Configuration();
  private final List<String> lines = new ArrayList<>();
  private final String host = StagingOwner.current("probe").host();

  private Path target() {
    return dir.resolve("out/target");
  }

  /** A staging directory of {@code runId}: three 1000-byte part files and the marker, if any. */
  private Path staging(String runId, StagingOwner owner) throws IOException {
    Path d = dir.resolve("out/.target.staging-" + runId);
    Files.createDirectories(d.resolve("parquet"));
    for (int i = 0; i < 3; i++) {
      Files.write(d.resolve("parquet/part-" + i + ".parquet"), new byte[1000]);
    }
    if (owner != null) {
      Files.writeString(d.resolve(StagingOwner.FILE_NAME), owner.toJson());
    }
    return d;
  }

  private String line(String runId) {
    return lines.stream()
        .filter(l -> l.contains(".target.staging-" + runId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line about " + runId + " in " + lines));
  }

  @Test
  void aKilledRunsStagingIsRemovedAndALiveRunsKept() throws Exception {
    Process child = new ProcessBuilder("sleep", "600").start();
    StagingOwner killedOwner =
        new StagingOwner(child.pid(), host, child.info().startInstant().orElse(null), "killed");
    Path killed = staging("killed", killedOwner);
    Path live = staging("live", StagingOwner.current("live"));
    assertThat(killedOwner.liveness()).as("before the kill").isEqualTo(Liveness.ALIVE);
    child.destroyForcibly().waitFor();
    assertThat(killedOwner.liveness()).as("after the kill").isEqualTo(Liveness.DEAD);

    StagedOutput next = StagedOutput.begin(target().toString(), "next", conf, lines::add);

    assertThat(killed).as("the killed run's staging").doesNotExist();
    assertThat(live).as("the live run's staging").exists();
    assertThat(line("killed"))
        .startsWith("removed staging directory ")
        .containsPattern("\\(3\\.\\d kB in 4 files\\)")
        .contains("run killed (pid " + child.pid() + " on " + host + ") is no longer running");
    assertThat(line("live")).startsWith("kept staging directory ").contains("is still writing it");
    next.abort();
  }

  @Test
  void aReusedPidIsNotTheOwner() throws Exception {
    long self = ProcessHandle.current().pid();
    Path reused =
        staging(
            "reused",
            new StagingOwner(self, host, Instant.parse("2000-01-01T00:00:00Z"), "reused"));

    List<org.apache.hadoop.fs.Path> removed =
        StagingLitter.collect(
            org.apache.hadoop.fs.FileSystem.getLocal(conf),
            new org.apache.hadoop.fs.Path(target().toUri()),
            lines::add);

    assertThat(removed).hasSize(1);
    assertThat(reused).doesNotExist();
    assertThat(line("reused")).contains("is no longer running");
  }

  @Test
  void anotherHostsStagingIsKeptAndSaidSo() throws Exception {
    Path other = staging("other", new StagingOwner(1, "some-other-host", null, "other"));

    StagedOutput.begin(target().toString(), "next", conf, lines::add).abort();

    assertThat(other).exists();
    assertThat(line("other"))
        .startsWith("kept staging directory ")
        .contains("ran on some-other-host, whose processes this host cannot check");
  }

  @Test
  void unmarkedStagingIsRemovedOnlyOnceOldEnough() throws Exception {
    Path old = staging("old", null);
    Path fresh = staging("fresh", null);
    FileTime twoDaysAgo = FileTime.from(Instant.now().minus(Duration.ofHours(48)));
    try (Stream<Path> s = Files.walk(old)) {
      for (Path p : s.toList()) {
        Files.setLastModifiedTime(p, twoDaysAgo);
      }
    }

    StagedOutput.begin(target().toString(), "next", conf, lines::add).abort();

    assertThat(old).doesNotExist();
    assertThat(fresh).exists();
    assertThat(line("old"))
        .startsWith("removed staging directory ")
        .contains("(3.0 kB in 3 files)")
        .contains("no owner marker and was last written 48.0 h ago");
    assertThat(line("fresh")).contains("it is removed once untouched for 24 h");
  }

  @Test
  void beginMarksTheStagingWithThisProcessAndPublishRemovesTheMark() throws Exception {
    StagedOutput out = StagedOutput.begin(target().toString(), "r1", conf, lines::add);
    Path marker = Path.of(out.staging().toUri()).resolve(StagingOwner.FILE_NAME);
    StagingOwner owner = StagingOwner.fromJson(Files.readString(marker)).orElseThrow();
    assertThat(owner.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(owner.runId()).isEqualTo("r1");
    assertThat(owner.liveness()).isEqualTo(Liveness.ALIVE);

    HadoopFiles.writeText(
        out.fileSystem(), new org.apache.hadoop.fs.Path(out.staging(), "v.txt"), "v1");
    out.publish(
        new Manifest(
            "tasks",
            "r1",
            42,
            "abc",
            "0.1",
            Map.of(),
            Map.of(),
            Instant.parse("2025-01-01T00:00:00Z"),
            Instant.parse("2025-01-01T00:01:00Z"),
            List.of(new DatasetEntry(".", 1, List.of(new DataFile("v.txt", 2)))),
            "{}",
            List.of()));

    assertThat(target().resolve("v.txt")).hasContent("v1");
    assertThat(target().resolve(StagingOwner.FILE_NAME)).as("no marker published").doesNotExist();
    assertThat(lines).as("nothing to clean").isEmpty();
  }
}
