package org.rl3spark.learner.dl4j;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rl3spark.learner.infer.StepActor;
import org.rl3spark.learner.infer.StepActorFactory;

/** The LSTM actor as configuration JSON and parameters; each actor gets its own graph. */
final class LstmActorFactory implements StepActorFactory {

  private static final long serialVersionUID = 1L;

  private final String json;
  private final float[] params;
  private final int inputSize;
  private final int numActions;

  LstmActorFactory(ComputationGraph g, int inputSize, int numActions) {
    this.json = g.getConfiguration().toJson();
    this.params = g.params().castTo(DataType.FLOAT).dup('c').data().asFloat();
    this.inputSize = inputSize;
    this.numActions = numActions;
  }

  /**
   * DL4J's LSTM step over the batch (firstIndex unused: its products run on BLAS with the batch as
   * rows, so unlike the transformer's and the MLP's a sequence's rounding may depend on the batch
   * it shares; RL²-LSTM rollouts are reproducible for a fixed partitioning only).
   */
  @Override
  public StepActor create(int batch, int firstIndex) {
    ComputationGraph g = new ComputationGraph(ComputationGraphConfiguration.fromJson(json));
    g.init();
    g.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
    return new LstmStepActor(g, batch, inputSize, numActions);
  }

  @Override
  public int maxLength() {
    return Integer.MAX_VALUE;
  }
}
