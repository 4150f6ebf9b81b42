package org.rl3spark.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notebooks' helpers: input paths, SQL over CSV and Parquet, tables, images. */
class NbTest {

  @TempDir Path dir;

  @Test
  void inputPathsAreRelativeToTheRepositoryAndFollowTheDataOverride() {
    Path repo = Path.of("/repo");
    assertThat(Nb.input("data/example/eval/mdps", null, repo))
        .isEqualTo("/repo/data/example/eval/mdps");
    assertThat(Nb.input("data/example/eval/mdps", "/runs/r1", repo))
        .isEqualTo("/runs/r1/eval/mdps");
    assertThat(Nb.input("data/example/eval/mdps", "data/cluster", repo))
        .isEqualTo("/repo/data/cluster/eval/mdps");
    assertThat(Nb.input("data/other/x", "/runs/r1", repo))
        .as("only data/example is replaced")
        .isEqualTo("/repo/data/other/x");
    assertThat(Nb.input("/abs/x", "/runs/r1", repo)).isEqualTo("/abs/x");
  }

  @Test
  void sqlReadsCsvAndParquetWrittenByDuckDb() throws Exception {
    Path csv = dir.resolve("s.csv");
    Files.writeString(csv, "policy,budget,mean_return\nrandom,10,5.0\noracle,10,8.25\n");
    Table t = Nb.sql("select * from " + Nb.csv(csv.toString()) + " order by mean_return desc");
    assertThat(t.columns()).containsExactly("policy", "budget", "mean_return");
    assertThat(t.strings("policy")).containsExactly("oracle", "random");
    assertThat(t.doubles("mean_return")).containsExactly(8.25, 5.0);
    Path pq = dir.resolve("summary");
    Files.createDirectories(pq);
    try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        var st = c.createStatement()) {
      st.execute(
          "copy (select * from "
              + Nb.csv(csv.toString())
              + ") to '"
              + pq.resolve("part-00000.parquet")
              + "' (format parquet)");
    }
    Table back =
        Nb.sql("select policy, budget from " + Nb.parquet(pq.toString()) + " order by policy");
    assertThat(back.strings("policy")).containsExactly("oracle", "random");
    assertThat(back.where("policy", "random").get(0, "budget")).isEqualTo(10L);
    Table union =
        Nb.sql(
            "select policy from "
                + Nb.parquet(
                    List.of(pq.toString(), pq.toString(), dir.resolve("missing").toString()))
                + " order by policy");
    assertThat(union.strings("policy"))
        .as("duplicates once, missing inputs skipped")
        .containsExactly("oracle", "random");
  }

  @Test
  void aFailedQueryNamesTheQuery() {
    assertThatThrownBy(() -> Nb.sql("select * from no_such_table"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no_such_table");
  }

  @Test
  void tablesRenderAsEscapedHtml() {
    Table t = new Table(List.of("name", "x"), List.of(List.of("a<b", 0.123456), List.of("c", 2L)));
    assertThat(t.html()).contains("<th>name</th>", "a&lt;b", "0.1235", ">2<");
    assertThat(t.distinct("name")).containsExactly("a<b", "c");
    assertThatThrownBy(() -> new Table(List.of("a"), List.of(List.of(1, 2))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void imagesAreLaidOutInRowsWithCaptions() {
    BufferedImage red = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 40; x++) {
      for (int y = 0; y < 30; y++) {
        red.setRGB(x, y, Color.RED.getRGB());
      }
    }
    BufferedImage g = Plots.grid(List.of(red, red, red), List.of("a", "b", "c"), 2);
    assertThat(g.getWidth()).as("two per row").isGreaterThanOrEqualTo(80).isLessThan(120);
    assertThat(g.getHeight()).as("two rows").isGreaterThanOrEqualTo(60);
    assertThat(new Color(g.getRGB(12 + 20, 6 + 15))).isEqualTo(Color.RED);
    BufferedImage chart = Plots.png(Plots.xy("t", "x", "y"));
    assertThat(chart.getWidth()).isEqualTo(Plots.WIDTH);
  }
}
