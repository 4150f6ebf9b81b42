package org.rl3spark.learner.dl4j;

import java.io.Serializable;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network's trainable state as one flat float array: its parameters followed by its optimizer
 * (Adam) state, with the iteration and epoch counts that Adam's bias correction reads. What a
 * distributed fit ships to its workers and averages; nothing else of a graph changes in a fit.
 *
 * @param values the parameters ({@code parameters} values), then the updater state
 * @param parameters how many of {@code values} are parameters
 * @param iteration the graph's iteration count (Adam steps taken)
 * @param epoch the graph's epoch count
 */
public record FlatState(float[] values, int parameters, int iteration, int epoch)
    implements Serializable {

  /** Validates the split. */
  public FlatState {
    if (parameters < 0 || parameters > values.length) {
      throw new IllegalArgumentException(
          "parameters " + parameters + " outside [0, " + values.length + "]");
    }
  }

  /** A copy of a graph's state. */
  public static FlatState of(ComputationGraph net) {
    float[] p = floats(net.params());
    INDArray view = net.getUpdater().getStateViewArray();
    float[] u = view == null ? new float[0] : floats(view);
    float[] all = new float[p.length + u.length];
    System.arraycopy(p, 0, all, 0, p.length);
    System.arraycopy(u, 0, all, p.length, u.length);
    return new FlatState(
        all,
        p.length,
        net.getConfiguration().getIterationCount(),
        net.getConfiguration().getEpochCount());
  }

  /** Sets a graph of the same configuration to this state (parameters, updater, counts). */
  public void into(ComputationGraph net) {
    if (net.numParams() != parameters) {
      throw new IllegalArgumentException(
          "state of " + parameters + " parameters for a network" + " of " + net.numParams());
    }
    float[] p = new float[parameters];
    System.arraycopy(values, 0, p, 0, parameters);
    net.setParams(Nd4j.create(p, new long[] {1, parameters}, 'c'));
    INDArray view = net.getUpdater().getStateViewArray();
    int updater = values.length - parameters;
    if ((view == null ? 0 : view.length()) != updater) {
      throw new IllegalArgumentException(
          "updater state of "
              + updater
              + " values for a network"
              + " whose updater has "
              + (view == null ? 0 : view.length()));
    }
    if (view != null) {
      float[] u = new float[updater];
      System.arraycopy(values, parameters, u, 0, updater);
      view.assign(Nd4j.create(u, view.shape(), 'c'));
    }
    net.getConfiguration().setIterationCount(iteration);
    net.getConfiguration().setEpochCount(epoch);
  }

  /**
   * The element-wise mean of states of one network, summed in list order in double precision (so it
   * depends on the order of the list only); the counts are the largest of the states (the busiest
   * worker's Adam steps). One state is returned as it is, bit for bit.
   */
  public static FlatState mean(List<FlatState> states) {
    if (states.isEmpty()) {
      throw new IllegalArgumentException("no state to average");
    }
    FlatState first = states.get(0);
    if (states.size() == 1) {
      return first;
    }
    int n = first.values.length;
    int iteration = 0;
    int epoch = 0;
    for (FlatState s : states) {
      if (s.values.length != n || s.parameters != first.parameters) {
        throw new IllegalArgumentException("states of different networks");
      }
      iteration = Math.max(iteration, s.iteration);
      epoch = Math.max(epoch, s.epoch);
    }
    float[][] v = new float[states.size()][];
    for (int k = 0; k < v.length; k++) {
      v[k] = states.get(k).values;
    }
    float[] mean = new float[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (float[] values : v) {
        sum += values[i];
      }
      mean[i] = (float) (sum / v.length);
    }
    return new FlatState(mean, first.parameters, iteration, epoch);
  }

  /** Whether every parameter is finite (the updater state is not looked at). */
  public boolean parametersFinite() {
    for (int i = 0; i < parameters; i++) {
      if (!Float.isFinite(values[i])) {
        return false;
      }
    }
    return true;
  }

  private static float[] floats(INDArray a) {
    return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
  }
}
