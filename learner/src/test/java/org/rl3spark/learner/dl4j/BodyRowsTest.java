package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BodyRowsTest {

  private static float[] expected(INDArray a) {
    long[] s = a.shape();
    float[] out = new float[(int) a.length()];
    for (int b = 0; b < s[0]; b++) {
      for (int c = 0; c < s[1]; c++) {
        for (int t = 0; t < s[2]; t++) {
          out[(int) ((b * s[2] + t) * s[1] + c)] = a.getFloat(b, c, t);
        }
      }
    }
    return out;
  }

  @Test
  void readsCOrderPermutedAndFOrderArraysAlike() {
    INDArray c = Nd4j.rand(DataType.FLOAT, 3, 5, 7);
    INDArray permuted = Nd4j.rand(DataType.FLOAT, 3, 7, 5).permute(0, 2, 1);
    INDArray f = Nd4j.rand(DataType.FLOAT, 3, 5, 7).dup('f');
    INDArray sub =
        Nd4j.rand(DataType.FLOAT, 4, 5, 7)
            .get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
    INDArray dbl = Nd4j.rand(DataType.DOUBLE, 3, 5, 7);
    for (INDArray a : new INDArray[] {c, permuted, f, sub, dbl}) {
      assertThat(DirectTransformerBody.Strided.of(a).rows(0, (int) a.size(0)))
          .containsExactly(expected(a));
    }
  }

  @Test
  void gathersAnyRangeOfSequencesAsThoseSequencesRows() {
    INDArray permuted = Nd4j.rand(DataType.FLOAT, 5, 7, 4).permute(0, 2, 1);
    float[] all = expected(permuted);
    int perSequence = 4 * 7;
    DirectTransformerBody.Strided s = DirectTransformerBody.Strided.of(permuted);
    assertThat(s.rows(2, 3))
        .containsExactly(java.util.Arrays.copyOfRange(all, 2 * perSequence, 5 * perSequence));
    assertThat(s.rows(0, 1)).containsExactly(java.util.Arrays.copyOfRange(all, 0, perSequence));
  }

  @Test
  void scatterWritesTheGroupsRowsIntoTheFOrderOutputOneFeatureRangeAtATime() {
    int t = 4;
    int d = 3;
    int[] groups = {1, 2};
    int batch = 3;
    // group p's rows (row b·T + s), value 100·(sequence) + 10·s + j
    java.util.List<float[]> parts = new java.util.ArrayList<>();
    int first = 0;
    for (int g : groups) {
      float[] rows = new float[g * t * d];
      for (int b = 0; b < g; b++) {
        for (int s = 0; s < t; s++) {
          for (int j = 0; j < d; j++) {
            rows[(b * t + s) * d + j] = 100 * (first + b) + 10 * s + j;
          }
        }
      }
      parts.add(rows);
      first += g;
    }
    float[] f = new float[batch * t * d];
    DirectTransformerBody.scatter(parts, groups, f, t, d, 1, 3);
    INDArray a = Nd4j.create(f, new long[] {batch, t, d}, 'f');
    for (int b = 0; b < batch; b++) {
      for (int s = 0; s < t; s++) {
        assertThat(a.getFloat(b, s, 0)).isZero();
        for (int j = 1; j < d; j++) {
          assertThat(a.getFloat(b, s, j)).isEqualTo(100 * b + 10 * s + j);
        }
      }
    }
    DirectTransformerBody.scatter(parts, groups, f, t, d, 0, 1);
    a = Nd4j.create(f, new long[] {batch, t, d}, 'f');
    for (int b = 0; b < batch; b++) {
      for (int s = 0; s < t; s++) {
        assertThat(a.getFloat(b, s, 0)).isEqualTo(100 * b + 10 * s);
      }
    }
  }
}
