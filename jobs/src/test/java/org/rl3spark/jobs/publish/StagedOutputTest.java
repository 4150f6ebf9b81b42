package org.rl3spark.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging, publishing and manifests on the local file system through the Hadoop API. */
class StagedOutputTest {

  @TempDir Path dir;

  private final Configuration conf = new Configuration();

  private static Manifest manifest(String runId, long rows) {
    return new Manifest(
        "tasks",
        runId,
        42,
        "abc",
        "0.1",
        Map.of("java", "17"),
        Map.of("os", "Linux"),
        Instant.parse("2025-01-01T00:00:00Z"),
        Instant.parse("2025-01-01T00:01:00Z"),
        List.of(new DatasetEntry(".", rows, List.of(new DataFile("part-0.parquet", 3)))),
        "{\"a\":{\"b\":[1,2]}}",
        List.of(new Manifest.Fallback("checkpoint:r", "r/ckpt-1", "r/ckpt-2", "truncated")));
  }

  /** Writes one output whose marker file says {@code version}. */
  private StagedOutput write(String runId, String version) throws IOException {
    StagedOutput out = StagedOutput.begin(dir.resolve("out/target").toString(), runId, conf);
    FileSystem fs = out.fileSystem();
    fs.mkdirs(out.staging());
    HadoopFiles.writeText(fs, new org.apache.hadoop.fs.Path(out.staging(), "v.txt"), version);
    return out;
  }

  private String published() throws IOException {
    return Files.readString(dir.resolve("out/target/v.txt"));
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("out"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.endsWith(".crc"))
          .sorted()
          .toList();
    }
  }

  @Test
  void manifestRoundTripsThroughJson() {
    Manifest m = manifest("r1", 7);
    Manifest back = Manifest.fromJson(m.toJson(), "x");
    assertThat(back).isEqualTo(m);
    assertThat(m.toJson()).contains("\"manifest_version\" : 1").contains("\"rows\" : 7");
  }

  @Test
  void malformedManifestIsRejectedNamingTheFile() {
    assertThatThrownBy(() -> Manifest.fromJson("{\"manifest_version\": 1}", "/d/_MANIFEST.json"))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining("/d/_MANIFEST.json")
        .hasMessageContaining("lacks the field");
    assertThatThrownBy(() -> Manifest.fromJson("not json", "/d/_MANIFEST.json"))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining("malformed manifest");
  }

  @Test
  void publishReplacesTheTargetAndLeavesNothingBeside() throws IOException {
    write("r1", "v1").publish(manifest("r1", 1));
    assertThat(published()).isEqualTo("v1");
    assertThat(dir.resolve("out/target/_MANIFEST.json")).exists();
    write("r2", "v2").publish(manifest("r2", 2));
    assertThat(published()).isEqualTo("v2");
    assertThat(Files.readString(dir.resolve("out/target/_MANIFEST.json"))).contains("\"r2\"");
    assertThat(siblings()).containsExactly("target");
  }

  @Test
  void abortDeletesStagingAndKeepsThePublishedResult() throws IOException {
    write("r1", "v1").publish(manifest("r1", 1));
    StagedOutput failed = write("r2", "v2");
    assertThat(siblings()).containsExactly(".target.staging-r2", "target");
    failed.abort();
    assertThat(siblings()).containsExactly("target");
    assertThat(published()).isEqualTo("v1");
  }

  @Test
  void aResultLeftAsideByACrashIsRestored() throws IOException {
    write("r1", "v1").publish(manifest("r1", 1));
    Files.move(dir.resolve("out/target"), dir.resolve("out/.target.previous-r2"));
    StagedOutput next = StagedOutput.begin(dir.resolve("out/target").toString(), "r3", conf);
    assertThat(published()).as("restored by begin").isEqualTo("v1");
    next.abort();
    assertThat(siblings()).containsExactly("target");
  }

  @Test
  void publishingWithoutStagingFails() throws IOException {
    StagedOutput out = StagedOutput.begin(dir.resolve("out/target").toString(), "r1", conf);
    assertThatThrownBy(() -> out.publish(manifest("r1", 1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("nothing to publish");
  }
}
