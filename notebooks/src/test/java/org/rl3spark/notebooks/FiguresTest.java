package org.rl3spark.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Figure CSVs are byte-stable: fixed rounding, rows sorted whatever order the query gave. */
class FiguresTest {

  @Test
  void csvRoundsAndSortsSoThatReorderedRowsGiveTheSameBytes() {
    List<String> cols = List.of("agent", "budget", "mean");
    Table a =
        new Table(
            cols,
            List.of(
                Arrays.asList("rl3", 100L, 72.39912345678),
                Arrays.asList("rl2", 500L, 1.0 / 3),
                Arrays.asList("rl2", 20L, null),
                Arrays.asList("rl2,greedy", 100L, Double.NaN)));
    Table b =
        new Table(
            cols, List.of(a.rows().get(3), a.rows().get(2), a.rows().get(1), a.rows().get(0)));
    assertThat(Figures.csv(a))
        .isEqualTo(Figures.csv(b))
        .isEqualTo(
            """
        agent,budget,mean
        rl2,20,
        rl2,500,0.333333
        "rl2,greedy",100,
        rl3,100,72.3991
        """);
  }

  @Test
  void valuesKeepSixSignificantDigitsWithoutExponents() {
    assertThat(Figures.text(2.72000272000272e-9)).isEqualTo("0.00000000272");
    assertThat(Figures.text(0.0)).isEqualTo("0");
    assertThat(Figures.text(1439.2268742770386)).isEqualTo("1439.23");
    assertThat(Figures.text(5L)).isEqualTo("5");
  }

  @Test
  void withoutTheFiguresDirectoryNothingIsWrittenAndTheValueIsReturned() {
    Table t = new Table(List.of("x"), List.of(List.of(1)));
    assertThat(System.getenv(Figures.DIR_ENV)).as("tests run without it").isNull();
    assertThat(Figures.data("never", "t", t)).isSameAs(t);
    assertThat(Figures.markdown(t)).isEqualTo("| x |\n|---|\n| 1 |\n");
  }
}
