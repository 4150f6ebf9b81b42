package org.rl3spark.jobs.analysis.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.random.Rng;

/** The classifier on an easy case, its reproducibility and its input checks (no Spark). */
class MlpClassifierTest {

  /** {@code perClass} points around each of {@code classes} well-separated centres in 6-D. */
  static Examples clusters(int classes, int perClass, long seed) {
    Rng centres = new Rng(99);
    double[][] c = new double[classes][6];
    for (double[] x : c) {
      for (int k = 0; k < 6; k++) {
        x[k] = 10 * centres.nextGaussian();
      }
    }
    Rng rng = new Rng(seed);
    float[][] features = new float[classes * perClass][6];
    int[] labels = new int[classes * perClass];
    for (int i = 0; i < features.length; i++) {
      labels[i] = i % classes;
      for (int k = 0; k < 6; k++) {
        features[i][k] = (float) (c[labels[i]][k] + 0.3 * rng.nextGaussian());
      }
    }
    return new Examples(features, labels, classes);
  }

  static final MlpSettings EASY = new MlpSettings(64, 15, 32, 0.02, 0, 1);

  @Test
  void learnsTwentyWellSeparatedClasses() {
    Examples train = clusters(20, 30, 1);
    Examples test = clusters(20, 10, 2);
    MlpClassifier.Result r = MlpClassifier.trainAndTest(train, test, EASY, 7);
    assertThat(r.trainAccuracy()).isGreaterThan(0.95);
    assertThat(r.testAccuracy()).isGreaterThan(0.95);
    assertThat(NearestMean.accuracy(train, test)).isGreaterThan(0.95);
  }

  @Test
  void sameSeedSameResult() {
    Examples train = clusters(20, 5, 3);
    Examples test = clusters(20, 5, 4);
    MlpSettings s = new MlpSettings(16, 3, 16, 0.01, 1e-4, 1);
    MlpClassifier.Result a = MlpClassifier.trainAndTest(train, test, s, 11);
    MlpClassifier.Result b = MlpClassifier.trainAndTest(train, test, s, 11);
    assertThat(b.trainAccuracy()).isEqualTo(a.trainAccuracy());
    assertThat(b.testAccuracy()).isEqualTo(a.testAccuracy());
  }

  @Test
  void nearestMeanIsChanceLevelOnIndistinguishableClasses() {
    // Every class has the same distribution: accuracy near 1/4, never near 1.
    Rng rng = new Rng(5);
    float[][] x = new float[2000][2];
    int[] y = new int[2000];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = (float) rng.nextGaussian();
      x[i][1] = (float) rng.nextGaussian();
      y[i] = i % 4;
    }
    Examples all = new Examples(x, y, 4);
    assertThat(NearestMean.accuracy(all, all)).isBetween(0.2, 0.4);
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> new Examples(new float[][] {{1}}, new int[] {2}, 2))
        .hasMessageContaining("label 2");
    assertThatThrownBy(() -> new Examples(new float[][] {{Float.NaN}}, new int[] {0}, 2))
        .hasMessageContaining("non-finite");
    assertThatThrownBy(() -> new Examples(new float[][] {{1}, {1, 2}}, new int[] {0, 1}, 2))
        .hasMessageContaining("example 1 has 2 features");
    assertThatThrownBy(() -> new MlpSettings(0, 0, 1, -1, 0, 1))
        .hasMessageContaining("hidden")
        .hasMessageContaining("epochs")
        .hasMessageContaining("learning-rate");
    Examples a = clusters(3, 2, 1);
    Examples b = new Examples(new float[][] {{1, 2}}, new int[] {0}, 3);
    assertThatThrownBy(() -> MlpClassifier.trainAndTest(a, b, EASY, 1))
        .hasMessageContaining("width");
  }
}
