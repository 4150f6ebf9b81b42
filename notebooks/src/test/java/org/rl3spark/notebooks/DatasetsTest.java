package org.rl3spark.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebooks' reads refuse what a plain read_parquet would take silently (issue 16 item 6):
 * drifted columns, duplicate rows, a missing manifest, files the manifest does not list, a wrong
 * row count, and two evaluations that disagree on a row.
 */
class DatasetsTest {

  @TempDir Path dir;

  private static final String HEADER =
      "family,variant,split,budget,policy,n_tasks,mean_return,se_return,oracle_return,fraction_of_oracle\n";
  private static final String RANDOM = "bandits,k5,test,100,random,1000,49.881,0.44,82.41,0.605\n";
  private static final String ORACLE = "bandits,k5,test,100,oracle,1000,82.348,0.47,82.41,0.999\n";

  /**
   * A published evaluation output: summary/ Parquet (types as DuckDB infers them from the CSV) and
   * a manifest.
   */
  private Path evaluation(String name, String csv) throws Exception {
    Path source = dir.resolve(name + ".csv");
    Files.writeString(source, csv);
    Path out = dir.resolve(name);
    Files.createDirectories(out.resolve("summary"));
    Path part = out.resolve("summary/part-00000.parquet");
    Nb.execute(
        "copy (select * from "
            + Nb.csv(source.toString())
            + ") to '"
            + part
            + "' (format parquet)");
    long rows = csv.lines().count() - 1;
    Files.writeString(
        out.resolve(Datasets.MANIFEST),
        ResultsRoot.manifest(
            "evaluate",
            name + ".csv",
            "unknown",
            null,
            "summary",
            rows,
            "summary/part-00000.parquet",
            Files.size(part)));
    return out;
  }

  @Test
  void aCompleteOutputIsReadWithItsRows() throws Exception {
    Path out = evaluation("ok", HEADER + RANDOM + ORACLE);
    Table t =
        Nb.sql(
            "select policy, mean_return from "
                + Datasets.read(out.toString(), Schema.EVAL_SUMMARY)
                + " order by policy");
    assertThat(t.strings("policy")).containsExactly("oracle", "random");
    assertThat(t.doubles("mean_return")).containsExactly(82.348, 49.881);
    assertThat(Datasets.readSoFar()).contains(out.toAbsolutePath().normalize().toString());
  }

  @Test
  void driftedColumnsAreRefusedNamingTheColumn() throws Exception {
    Path renamed = evaluation("renamed", HEADER.replace("mean_return", "mean") + RANDOM);
    assertThatThrownBy(() -> Datasets.read(renamed.toString(), Schema.EVAL_SUMMARY))
        .isInstanceOf(Datasets.InputRefused.class)
        .hasMessageContaining(renamed.toString())
        .hasMessageContaining("schema drift: column 'mean_return' is missing");
    Path retyped = evaluation("retyped", HEADER + RANDOM.replace(",100,", ",h100,"));
    assertThatThrownBy(() -> Datasets.read(retyped.toString(), Schema.EVAL_SUMMARY))
        .as("a budget that is text, not a number")
        .hasMessageContaining("column 'budget' is VARCHAR, expected BIGINT");
  }

  @Test
  void duplicateRowsAreRefusedNamingTheKey() throws Exception {
    Path out = evaluation("dup", HEADER + RANDOM + ORACLE + RANDOM);
    assertThatThrownBy(() -> Datasets.read(out.toString(), Schema.EVAL_SUMMARY))
        .isInstanceOf(Datasets.InputRefused.class)
        .hasMessageContaining(
            "duplicate rows: the key (family, variant, split, budget, policy, n_tasks) repeats")
        .hasMessageContaining("random")
        .hasMessageContaining("appears 2 times");
  }

  @Test
  void anOutputWithoutItsManifestIsRefused() throws Exception {
    Path out = evaluation("nomanifest", HEADER + RANDOM);
    Files.delete(out.resolve(Datasets.MANIFEST));
    assertThatThrownBy(() -> Datasets.read(out.toString(), Schema.EVAL_SUMMARY))
        .isInstanceOf(Datasets.InputRefused.class)
        .hasMessageContaining("evaluation summary 'summary' of " + out)
        .hasMessageContaining("no _MANIFEST.json");
  }

  @Test
  void filesAndRowsMustBeTheManifests() throws Exception {
    Path out = evaluation("files", HEADER + RANDOM);
    Path part = out.resolve("summary/part-00000.parquet");
    Files.copy(part, out.resolve("summary/part-00001.parquet"));
    assertThatThrownBy(() -> Datasets.read(out.toString(), Schema.EVAL_SUMMARY))
        .hasMessageContaining("file summary/part-00001.parquet is not listed in _MANIFEST.json");
    Files.delete(out.resolve("summary/part-00001.parquet"));
    Files.writeString(
        out.resolve(Datasets.MANIFEST),
        Files.readString(out.resolve(Datasets.MANIFEST)).replace("\"rows\" : 1,", "\"rows\" : 2,"));
    assertThatThrownBy(() -> Datasets.read(out.toString(), Schema.EVAL_SUMMARY))
        .hasMessageContaining("has 1 rows, _MANIFEST.json says 2");
    Files.delete(part);
    assertThatThrownBy(() -> Datasets.read(out.toString(), Schema.EVAL_SUMMARY))
        .hasMessageContaining(
            "file summary/part-00000.parquet listed in _MANIFEST.json is missing");
  }

  @Test
  void outputsReadTogetherShareIdenticalRowsButMustNotDisagree() throws Exception {
    Path a = evaluation("a", HEADER + RANDOM + ORACLE);
    Path b = evaluation("b", HEADER + RANDOM);
    Datasets.Read both =
        Datasets.readAll(
            List.of(a.toString(), b.toString(), dir.resolve("none").toString()),
            Schema.EVAL_SUMMARY);
    assertThat(Nb.sql("select policy from " + both.table() + " order by policy").strings("policy"))
        .as("the shared random row once")
        .containsExactly("oracle", "random");
    assertThat(both.missing()).containsExactly(dir.resolve("none").toString());
    assertThat(both.missingNote()).contains("missing", "none");
    Path c = evaluation("c", HEADER + RANDOM.replace("49.881", "50.5"));
    assertThatThrownBy(
            () -> Datasets.readAll(List.of(a.toString(), c.toString()), Schema.EVAL_SUMMARY))
        .isInstanceOf(Datasets.InputRefused.class)
        .hasMessageContaining(a + " and " + c)
        .hasMessageContaining("has different values");
    Datasets.Read nothing =
        Datasets.readAll(List.of(dir.resolve("none").toString()), Schema.EVAL_SUMMARY);
    assertThat(nothing.isEmpty()).isTrue();
    assertThat(Nb.sql("select count(*) as n from " + nothing.table()).doubles("n"))
        .containsExactly(0.0);
  }
}
