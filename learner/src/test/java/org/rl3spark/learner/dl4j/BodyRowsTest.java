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
      assertThat(DirectTransformerBody.rows(a)).containsExactly(expected(a));
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
  void scatterWritesEachGroupsRowsIntoTheFOrderOutput() {
    int batch = 3;
    int t = 4;
    int d = 2;
    float[] f = new float[batch * t * d];
    // rows of sequences 1..2 (row b·T + s), value 100·(global b) + 10·s + j
    float[] rows = new float[2 * t * d];
    for (int b = 0; b < 2; b++) {
      for (int s = 0; s < t; s++) {
        for (int j = 0; j < d; j++) {
          rows[(b * t + s) * d + j] = 100 * (b + 1) + 10 * s + j;
        }
      }
    }
    DirectTransformerBody.scatter(rows, f, 1, 2, batch, t, d);
    INDArray a = Nd4j.create(f, new long[] {batch, t, d}, 'f');
    for (int s = 0; s < t; s++) {
      for (int j = 0; j < d; j++) {
        assertThat(a.getFloat(0, s, j)).isZero();
        assertThat(a.getFloat(1, s, j)).isEqualTo(100 + 10 * s + j);
        assertThat(a.getFloat(2, s, j)).isEqualTo(200 + 10 * s + j);
      }
    }
  }
}
