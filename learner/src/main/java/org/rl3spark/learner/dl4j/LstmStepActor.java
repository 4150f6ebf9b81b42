package org.rl3spark.learner.dl4j;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rl3spark.learner.infer.StepActor;

/** The LSTM actor stepped with DL4J's stored recurrent state ({@code rnnTimeStep}). */
final class LstmStepActor implements StepActor {

  private final ComputationGraph graph;
  private final int batch;
  private final int m;
  private final int n;

  LstmStepActor(ComputationGraph graph, int batch, int m, int n) {
    this.graph = graph;
    this.batch = batch;
    this.m = m;
    this.n = n;
  }

  @Override
  public int batchSize() {
    return batch;
  }

  @Override
  public void reset() {
    graph.rnnClearPreviousState();
  }

  @Override
  public void step(float[] observations, float[] logits) {
    INDArray x = Nd4j.create(observations, new long[] {batch, m, 1}, 'c');
    INDArray z = graph.rnnTimeStep(x)[0];
    float[] f = z.reshape(batch, n).castTo(DataType.FLOAT).dup('c').data().asFloat();
    System.arraycopy(f, 0, logits, 0, batch * n);
  }
}
