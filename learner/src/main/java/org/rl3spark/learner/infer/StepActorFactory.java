package org.rl3spark.learner.infer;

import java.io.Serializable;
import java.util.List;

/**
 * A serialisable snapshot of an actor's weights that builds {@link StepActor}s, so that rollouts
 * and evaluations on executors use exactly the weights of the driver's graph.
 */
public interface StepActorFactory extends Serializable {

  /** A batched step actor over sequences 0 .. batch − 1: {@code create(batch, 0)}. */
  default StepActor create(int batch) {
    return create(batch, 0);
  }

  /**
   * A batched step actor (rollouts) over the {@code batch} sequences of global indices firstIndex
   * .. firstIndex + batch − 1 (their envs' indices in the whole rollout): a sequence's outputs
   * depend on its inputs and its index only, not on which others share the batch.
   */
  StepActor create(int batch, int firstIndex);

  /**
   * A step actor for one sequence at a time (the evaluate job's meta-episodes): plain Java
   * products, cheaper than {@link #create}{@code (1)}, equal to it up to float rounding.
   */
  default StepActor createSingle() {
    return create(1);
  }

  /** The longest sequence the actor supports (its learned positions), or Integer.MAX_VALUE. */
  int maxLength();

  /** The transformer's incremental actor. */
  static StepActorFactory transformer(TransformerWeights w) {
    return new StepActorFactory() {
      private static final long serialVersionUID = 1L;

      @Override
      public StepActor create(int batch, int firstIndex) {
        return new IncrementalTransformer(w, batch, true, firstIndex);
      }

      @Override
      public StepActor createSingle() {
        return new IncrementalTransformer(w, 1, false, 0);
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
      public StepActor create(int batch, int firstIndex) {
        return new MlpStepActor(copy, batch, true, firstIndex);
      }

      @Override
      public StepActor createSingle() {
        return new MlpStepActor(copy, 1, false, 0);
      }

      @Override
      public int maxLength() {
        return Integer.MAX_VALUE;
      }
    };
  }
}
