package org.rl3spark.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rl3spark.jobs.SparkTestSessions;
import org.rl3spark.jobs.TestConfigs;
import org.rl3spark.jobs.config.LoadedConfig;
import org.rl3spark.jobs.tasks.TaskSchemas;
import org.rl3spark.jobs.tasks.TaskStage;
import org.rl3spark.jobs.tasks.TasksJob;

/** R7/R8/R9: the reader refuses unpublished or inconsistent input before any work. */
class PublishedDatasetTest {

  private static final ExpectedSchema BANDITS = TaskSchemas.expected("bandits");

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = SparkTestSessions.start("local[2]");
  }

  @AfterAll
  static void stopSpark() {
    SparkTestSessions.stop(spark);
  }

  /** Publishes 30 bandit tasks with the tasks job and returns the dataset directory. */
  private Path published() throws Exception {
    LoadedConfig c =
        TestConfigs.load(dir, "tasks.count = 30\noutput.dir = \"" + dir.resolve("out") + "\"");
    new TasksJob().run(TestConfigs.context(spark, c, "tasks"));
    return dir.resolve("out/tasks/bandits/k5/test");
  }

  /** Writes rows as Parquet to {@code d} with a manifest recording {@code manifestRows}. */
  private Path handMade(String name, Dataset<Row> rows, long manifestRows) throws Exception {
    Path d = dir.resolve(name);
    rows.coalesce(1).write().parquet(d.toString());
    FileSystem fs = FileSystem.getLocal(spark.sparkContext().hadoopConfiguration());
    org.apache.hadoop.fs.Path hd = new org.apache.hadoop.fs.Path(d.toUri());
    Manifest m =
        Manifest.create(
            RunInfo.start("test"),
            42,
            "{}",
            spark.version(),
            List.of(new DatasetEntry(".", manifestRows, HadoopFiles.parquetFiles(fs, hd))));
    HadoopFiles.writeText(fs, new org.apache.hadoop.fs.Path(hd, Manifest.FILE_NAME), m.toJson());
    return d;
  }

  /** Bandit rows with {@code best_arm_p} values as given (indices 0.., or as given). */
  private Dataset<Row> banditRows(long[] indices, double[] best) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < indices.length; i++) {
      rows.add(
          RowFactory.create(
              1, "bandits", "k5", "test", indices[i], 7L + i, 1, new double[] {best[i]}, best[i]));
    }
    return spark.createDataFrame(rows, BANDITS.schema());
  }

  @Test
  void acceptsAPublishedDataset() throws Exception {
    Path d = published();
    PublishedDataset ds = PublishedDataset.open(spark, d.toString(), BANDITS);
    assertThat(ds.rows().count()).isEqualTo(30);
    assertThat(ds.manifest().job()).isEqualTo("tasks");
  }

  @Test
  void rejectsPartFilesWithoutAManifest() throws Exception {
    Path d = dir.resolve("unpublished");
    banditRows(new long[] {0, 1}, new double[] {0.5, 0.6}).write().parquet(d.toString());
    assertThat(Files.list(d).anyMatch(p -> p.getFileName().toString().startsWith("part-")))
        .as("precondition: part files present")
        .isTrue();

    assertThatThrownBy(() -> PublishedDataset.open(spark, d.toString(), BANDITS))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining(d.toString())
        .hasMessageContaining("no _MANIFEST.json");
  }

  /**
   * R7 case (c): {@code _SUCCESS} is never relied on. Without it a published dataset reads as
   * before (the manifest decides); with it, part files without a manifest are still refused.
   */
  @Test
  void theSuccessMarkerIsNeverReliedOn() throws Exception {
    Path d = published();
    List<Path> markers;
    try (var s = Files.walk(d)) {
      markers = s.filter(p -> p.getFileName().toString().matches("\\.?_SUCCESS(\\.crc)?")).toList();
    }
    assertThat(markers).as("precondition: the published dataset has _SUCCESS markers").isNotEmpty();
    for (Path m : markers) {
      Files.delete(m);
    }
    PublishedDataset ds = PublishedDataset.open(spark, d.toString(), BANDITS);
    assertThat(ds.rows().count()).as("rows without _SUCCESS").isEqualTo(30);

    Path unpublished = dir.resolve("marked-but-unpublished");
    banditRows(new long[] {0, 1}, new double[] {0.5, 0.6}).write().parquet(unpublished.toString());
    assertThat(unpublished.resolve("_SUCCESS")).as("precondition: Spark wrote _SUCCESS").exists();
    assertThatThrownBy(() -> PublishedDataset.open(spark, unpublished.toString(), BANDITS))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining(unpublished.toString())
        .hasMessageContaining("no _MANIFEST.json");
  }

  @Test
  void rejectsAManifestWhoseRowCountIsWrong() throws Exception {
    Path d = published();
    Path manifest = d.resolve(Manifest.FILE_NAME);
    String text = Files.readString(manifest);
    assertThat(text).contains("\"rows\" : 30");
    Files.writeString(manifest, text.replace("\"rows\" : 30", "\"rows\" : 31"));
    // The local file system's checksum would catch the edit first; object stores have none.
    Files.delete(d.resolve("." + Manifest.FILE_NAME + ".crc"));

    assertThatThrownBy(() -> PublishedDataset.open(spark, d.toString(), BANDITS))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining(d.toString())
        .hasMessageContaining("the manifest records 31 rows but the Parquet files hold 30");
  }

  @Test
  void rejectsMissingAndUnlistedDataFiles() throws Exception {
    Path d = published();
    Path part;
    try (var files = Files.list(d.resolve(TaskStage.PARQUET_DIR))) {
      part =
          files
              .filter(p -> p.getFileName().toString().startsWith("part-"))
              .findFirst()
              .orElseThrow();
    }
    Files.copy(part, part.resolveSibling("part-99999-extra.snappy.parquet"));
    assertThatThrownBy(() -> PublishedDataset.open(spark, d.toString(), BANDITS))
        .hasMessageContaining("part-99999-extra.snappy.parquet is not listed in the manifest");
    Files.delete(part.resolveSibling("part-99999-extra.snappy.parquet"));
    Files.delete(part);
    assertThatThrownBy(() -> PublishedDataset.open(spark, d.toString(), BANDITS))
        .hasMessageContaining(part.getFileName() + " is listed in the manifest but missing");
  }

  @Test
  void corruptDataFailsLoudlyEvenIfTheSessionWouldIgnoreIt() throws Exception {
    Path d = published();
    Path part;
    try (var files = Files.list(d.resolve(TaskStage.PARQUET_DIR))) {
      part =
          files
              .filter(p -> p.getFileName().toString().startsWith("part-"))
              .sorted()
              .findFirst()
              .orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(part);
    for (int i = 4; i < bytes.length / 2; i++) {
      bytes[i] = (byte) 0x5A;
    }
    Files.write(part, bytes);
    Files.deleteIfExists(part.resolveSibling("." + part.getFileName() + ".crc"));
    spark.conf().set("spark.sql.files.ignoreCorruptFiles", "true");
    try {
      assertThatThrownBy(() -> PublishedDataset.open(spark, d.toString(), BANDITS))
          .isInstanceOf(InvalidDatasetException.class)
          .hasMessageContaining(d.toString())
          .hasMessageContaining("corrupt");
    } finally {
      spark.conf().unset("spark.sql.files.ignoreCorruptFiles");
    }
  }

  @Test
  void rejectsDriftedColumnTypes() throws Exception {
    StructType drifted =
        new StructType(
            java.util.Arrays.stream(BANDITS.schema().fields())
                .map(
                    f ->
                        f.name().equals("seed")
                            ? DataTypes.createStructField("seed", DataTypes.StringType, false)
                            : f)
                .toArray(org.apache.spark.sql.types.StructField[]::new));
    Dataset<Row> rows =
        spark.createDataFrame(
            List.of(
                RowFactory.create(1, "bandits", "k5", "test", 0L, "7", 1, new double[] {0.5}, 0.5)),
            drifted);
    Path d = handMade("drifted", rows.drop("best_arm_p"), 1);
    assertThatThrownBy(() -> PublishedDataset.open(spark, d.toString(), BANDITS))
        .isInstanceOf(InvalidDatasetException.class)
        .hasMessageContaining(d.toString())
        .hasMessageContaining("column seed has type string, expected bigint")
        .hasMessageContaining("column best_arm_p is missing");
  }

  @Test
  void rejectsDuplicateKeysAndNonFiniteNumbers() throws Exception {
    Path dup = handMade("dup", banditRows(new long[] {0, 1, 1}, new double[] {.1, .2, .3}), 3);
    assertThatThrownBy(() -> PublishedDataset.open(spark, dup.toString(), BANDITS))
        .hasMessageContaining("key [family, variant, split, task_index] is not unique");
    Path nan = handMade("nan", banditRows(new long[] {0, 1}, new double[] {.1, Double.NaN}), 2);
    assertThatThrownBy(() -> PublishedDataset.open(spark, nan.toString(), BANDITS))
        .hasMessageContaining("1 non-finite values in column best_arm_p")
        .hasMessageContaining("1 rows with non-finite values in column p");
  }
}
