package org.rl3spark.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSV and text rendering of summaries (no Spark). */
class SummaryTableTest {

  private static TaskSummary bandits() {
    return new TaskSummary("bandits", "k5", "test", 3, Map.of(TaskSummary.MEAN_BEST_ARM_P, 0.125));
  }

  private static TaskSummary grid() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(TaskSummary.ACCEPTANCE_RATE, 0.5);
    m.put(TaskSummary.MEAN_OPTIMAL_RETURN_100, 81.25);
    m.put(TaskSummary.OBSTACLE_FRACTION, 0.2);
    m.put(TaskSummary.WET_FRACTION, 0.05);
    m.put(TaskSummary.DANGER_COUNT, 2.0);
    return new TaskSummary("gridworld", "13x13_dense", "ood", 10, m);
  }

  @Test
  void csvHasOnlyTheColumnsThatApply() {
    assertThat(SummaryTable.csv(List.of(bandits())))
        .isEqualTo("family,variant,split,n_tasks,mean_best_arm_p\nbandits,k5,test,3,0.125\n");
  }

  @Test
  void combinedCsvUnionsColumnsWithEmptyCells() {
    assertThat(SummaryTable.csv(List.of(bandits(), grid())))
        .isEqualTo(
            "family,variant,split,n_tasks,mean_best_arm_p,acceptance_rate,mean_optimal_return_100,"
                + "obstacle_fraction,wet_fraction,danger_count\n"
                + "bandits,k5,test,3,0.125,,,,,\n"
                + "gridworld,13x13_dense,ood,10,,0.5,81.25,0.2,0.05,2.0\n");
  }

  @Test
  void textTableIsAligned() {
    List<String> lines = SummaryTable.text(List.of(bandits(), grid())).lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines).allSatisfy(l -> assertThat(l).hasSameSizeAs(lines.get(0)));
    int col = lines.get(0).indexOf("n_tasks") + "n_tasks".length();
    assertThat(lines.get(2).substring(0, col)).endsWith(" 3");
    assertThat(lines.get(3).substring(0, col)).endsWith(" 10");
    assertThat(lines.get(2)).contains("0.1250").endsWith("-");
    assertThat(lines.get(3)).contains("81.2500").endsWith("2.0000");
  }
}
