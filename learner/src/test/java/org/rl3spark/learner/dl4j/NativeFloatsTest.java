package org.rl3spark.learner.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.NetworkSpec;

/**
 * Bulk reads and writes of native float memory address the array's own values: plain C arrays,
 * views with an offset (the parameter and gradient views of a graph's layers), F arrays in their
 * order; anything else is declined.
 */
class NativeFloatsTest {

  @Test
  void readsAndWritesDenseArraysAndOffsetViews() {
    INDArray c = Nd4j.rand(DataType.FLOAT, 3, 4, 5);
    assertThat(NativeFloats.read(c)).containsExactly(c.dup('c').data().asFloat());
    INDArray row = Nd4j.rand(DataType.FLOAT, 1, 40);
    INDArray view = row.get(NDArrayIndex.point(0), NDArrayIndex.interval(7, 23));
    assertThat(view.offset()).isPositive();
    assertThat(NativeFloats.read(view)).containsExactly(view.dup('c').data().asFloat());
    float[] before = row.dup().data().asFloat();
    float[] v = new float[16];
    for (int i = 0; i < v.length; i++) {
      v[i] = i + 0.5f;
    }
    assertThat(NativeFloats.write(v, view)).isTrue();
    float[] after = row.dup().data().asFloat();
    for (int i = 0; i < 40; i++) {
      assertThat(after[i]).isEqualTo(i >= 7 && i < 23 ? v[i - 7] : before[i]);
    }
    INDArray f = Nd4j.rand(DataType.FLOAT, 'f', 3L, 4L);
    float[] fv = new float[12];
    for (int i = 0; i < 12; i++) {
      fv[i] = i;
    }
    assertThat(NativeFloats.write(fv, f)).isTrue();
    assertThat(f.getFloat(1, 0)).isEqualTo(1f);
    assertThat(f.getFloat(0, 1)).isEqualTo(3f);
  }

  @Test
  void readsTheParameterViewsOfAGraph() {
    ComputationGraph g =
        Networks.init(
            Networks.actor(
                new NetworkSpec(Architecture.TRANSFORMER, 5, 3, 4, 8, 2, 1, 16, 12, 1e-3, 0, 3)));
    for (String layer : new String[] {Networks.BODY, Networks.OUTPUT}) {
      INDArray p = g.getLayer(layer).params();
      assertThat(NativeFloats.read(p)).containsExactly(p.dup('c').data().asFloat());
    }
  }

  @Test
  void declinesOtherArrays() {
    assertThat(NativeFloats.read(Nd4j.rand(DataType.DOUBLE, 2, 3))).isNull();
    assertThat(NativeFloats.read(Nd4j.rand(DataType.FLOAT, 3, 4).transpose())).isNull();
    INDArray columns =
        Nd4j.rand(DataType.FLOAT, 4, 6).get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
    assertThat(NativeFloats.read(columns)).isNull();
    assertThat(NativeFloats.write(new float[8], columns)).isFalse();
    assertThat(NativeFloats.write(new float[5], Nd4j.rand(DataType.FLOAT, 2, 3))).isFalse();
  }
}
