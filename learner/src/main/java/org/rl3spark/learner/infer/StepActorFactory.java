package org.rl3spark.learner.infer;

import java.io.Serializable;
import java.util.List;

/**
 * A serialisable snapshot of an actor's weights that builds {@link StepActor}s, so that rollouts
 * and evaluations on executors use exactly the weights of the driver's graph.
 */
public interface StepActorFactory extends Serializable {

  /** A step actor over {@code batch} sequences. */
  StepActor create(int batch);

  /** The longest sequence the actor supports (its learned positions), or Integer.MAX_VALUE. */
  int maxLength();

  /** The transformer's incremental actor. */
  static StepActorFactory transformer(TransformerWeights w) {
    return new StepActorFactory() {
      private static final long serialVersionUID = 1L;

      @Override
      public StepActor create(int batch) {
        return new IncrementalTransformer(w, batch);
      }

      @Override
      public int maxLength() {
        return w.maxLen();
      }
    };
  }

  /** The Markov MLP's actor. */
  static StepActorFactory mlp(List<DenseWeights> layers) {
    List<DenseWeights> copy = List.copyOf(layers);
    return new StepActorFactory() {
      private static final long serialVersionUID = 1L;

      @Override
      public StepActor create(int batch) {
        return new MlpStepActor(copy, batch);
      }

      @Override
      public int maxLength() {
        return Integer.MAX_VALUE;
      }
    };
  }
}
