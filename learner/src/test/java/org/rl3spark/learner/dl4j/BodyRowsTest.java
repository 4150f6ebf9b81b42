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
}
