package org.rl3spark.learner.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.learner.infer.StepActor;
import org.rl3spark.learner.infer.StepActorFactory;
import org.rl3spark.learner.net.Minibatch;
import org.rl3spark.learner.net.NetworkSpec;
import org.rl3spark.learner.net.ShapedArray;

/**
 * A separate actor and critic (reference §4): the two DL4J graphs, their forward passes on plain
 * arrays, their fit on minibatches through a {@link Fitter}, and snapshots of the actor for
 * rollouts. What is fitted on what, and when, is the PPO update's ({@code ppo.PpoUpdate}).
 */
public final class ActorCritic {

  private final NetworkSpec spec;
  private final ComputationGraph actor;
  private final ComputationGraph critic;

  private ActorCritic(NetworkSpec spec, ComputationGraph actor, ComputationGraph critic) {
    this.spec = spec;
    this.actor = actor;
    this.critic = critic;
  }

  /** New networks; the critic's initialisation seed is {@link Seeds#criticInit} of the actor's. */
  public static ActorCritic create(NetworkSpec spec) {
    ComputationGraph a = Networks.init(Networks.actor(spec));
    ComputationGraph c =
        Networks.init(Networks.critic(spec.withSeed(Seeds.criticInit(spec.seed()))));
    return new ActorCritic(spec, a, c);
  }

  /** Networks from existing graphs (checkpoints). */
  public static ActorCritic of(NetworkSpec spec, ComputationGraph actor, ComputationGraph critic) {
    return new ActorCritic(spec, actor, critic);
  }

  /**
   * These networks, parameters and Adam state unchanged, fitting from now on with learning rate
   * {@code lr} (both networks): a fork's other learning rate. Returns this when it is already the
   * rate.
   */
  public ActorCritic withLearningRate(double lr) {
    if (lr == spec.learningRate()) {
      return this;
    }
    setAdamRate(actor, lr);
    setAdamRate(critic, lr);
    return new ActorCritic(spec.withLearningRate(lr), actor, critic);
  }

  /**
   * Sets the rate of every parameter's Adam in place. DL4J's own {@code setLearningRate} changes
   * only its built-in layers and rebuilds the updater; here the Adam objects the layers'
   * configurations hold are the ones their updater blocks step with (and the configuration a
   * checkpoint writes), so the moments stay where they are.
   */
  private static void setAdamRate(ComputationGraph g, double lr) {
    for (org.deeplearning4j.nn.api.Layer l : g.getLayers()) {
      org.deeplearning4j.nn.conf.layers.Layer c = l.conf().getLayer();
      for (String p : l.paramTable().keySet()) {
        IUpdater u = c.getUpdaterByParam(p);
        if (u instanceof Adam adam) {
          adam.setLearningRate(lr);
        } else if (!(u instanceof NoOp)) {
          throw new IllegalStateException(
              "parameter " + p + " of layer " + c.getLayerName() + " is fitted by " + u);
        }
      }
    }
  }

  /** The spec. */
  public NetworkSpec spec() {
    return spec;
  }

  /** The actor graph. */
  public ComputationGraph actor() {
    return actor;
  }

  /** The critic graph. */
  public ComputationGraph critic() {
    return critic;
  }

  /** A serialisable snapshot of the current actor weights that builds step actors. */
  public StepActorFactory stepActors() {
    return switch (spec.architecture()) {
      case TRANSFORMER -> StepActorFactory.transformer(Dl4jWeights.transformer(actor, spec));
      case MARKOV -> StepActorFactory.mlp(Dl4jWeights.mlp(actor));
      case LSTM -> new LstmActorFactory(actor, spec.inputSize(), spec.numActions());
    };
  }

  /** A batched step actor with a snapshot of the current actor weights. */
  public StepActor stepActor(int batch) {
    return stepActors().create(batch);
  }

  /** The critic's values: of sequences [k, m, T] as [k][T], of rows [B, m] (Markov) as [B]. */
  public float[] criticValues(ShapedArray inputs) {
    forgetLastFit(critic);
    return floats(critic.outputSingle(nd(inputs)));
  }

  /**
   * The actor's logits: of sequences [k, m, T] as [k][T][n] (position by position), of rows [B, m]
   * (Markov) as [B][n].
   */
  public float[] actorLogits(ShapedArray inputs) {
    return logits(actor, inputs);
  }

  /**
   * The logits of an actor graph (this class's {@link #actor}, or a distributed fit's copy), as
   * {@link #actorLogits} gives them.
   */
  public static float[] logits(ComputationGraph actor, ShapedArray inputs) {
    forgetLastFit(actor);
    INDArray z = actor.outputSingle(nd(inputs));
    return floats(z.rank() == 3 ? z.permute(0, 2, 1) : z); // [k, n, T] -> [k, T, n]
  }

  /**
   * Fits the critic on the minibatches in order with {@code fitter}, then flushes its near-zero
   * parameters and optimizer state to zero ({@link Denormals}).
   *
   * @return the sum of the minibatch scores
   */
  public double fitCritic(List<Minibatch> minibatches, Fitter fitter) {
    return fit(critic, minibatches, fitter);
  }

  /** Fits the actor as {@link #fitCritic} fits the critic. */
  public double fitActor(List<Minibatch> minibatches, Fitter fitter) {
    return fit(actor, minibatches, fitter);
  }

  /**
   * Fits the critic and the actor, each on its own minibatches in order, in one {@link
   * Fitter#fitAll} call (critic first): the two networks are independent, so this equals {@link
   * #fitCritic} then {@link #fitActor}, and a distributed fitter fits both in the same rounds.
   *
   * @return the critic's and the actor's sums of minibatch scores
   */
  public double[] fitCriticAndActor(
      List<Minibatch> criticData, List<Minibatch> actorData, Fitter fitter) {
    double[] sums =
        fitter.fitAll(
            List.of(critic, actor), List.of(multiDataSets(criticData), multiDataSets(actorData)));
    Denormals.flush(critic);
    Denormals.flush(actor);
    return sums;
  }

  /**
   * The gradient of the actor's loss on one minibatch at the current parameters, flattened in the
   * order of {@code actor().params()}: what a fit on the minibatch hands to Adam, the gradient of
   * the loss's mean over the minibatch's sequences (rows); regularisation is the updater's and not
   * included. The networks are left unchanged.
   */
  public float[] actorGradient(Minibatch mb) {
    return gradient(actor, mb);
  }

  /** The gradient of the critic's loss on one minibatch, as {@link #actorGradient} gives it. */
  public float[] criticGradient(Minibatch mb) {
    return gradient(critic, mb);
  }

  private static float[] gradient(ComputationGraph net, Minibatch mb) {
    MultiDataSet ds = dataSet(mb);
    net.setInputs(ds.getFeatures());
    net.setLabels(ds.getLabels());
    net.computeGradientAndScore();
    float[] g = floats(net.gradient().gradient());
    forgetLastFit(net);
    // DL4J's gradient is summed over the minibatch's examples; its updater divides by their count.
    float examples = mb.features().shape()[0];
    for (int i = 0; i < g.length; i++) {
      g[i] /= examples;
    }
    return g;
  }

  /** Whether every parameter of the critic is finite. */
  public boolean criticFinite() {
    return finite(critic);
  }

  /** Whether every parameter of the actor is finite. */
  public boolean actorFinite() {
    return finite(actor);
  }

  /** Fits a network on minibatches, in order; returns the sum of the minibatch scores. */
  @FunctionalInterface
  public interface Fitter {
    /** In this process: one {@code fit} per minibatch. */
    Fitter LOCAL =
        (net, minibatches) -> {
          double sum = 0;
          for (MultiDataSet mb : minibatches) {
            net.fit(mb);
            sum += net.score();
          }
          return sum;
        };

    /** Fits {@code net} on the minibatches in order and returns the sum of their scores. */
    double fit(ComputationGraph net, List<MultiDataSet> minibatches);

    /**
     * Fits independent networks, each on its own minibatches in order, and returns each one's sum
     * of scores. The default fits them one after the other; a distributed fitter may fit them in
     * the same rounds (one Spark job for both).
     */
    default double[] fitAll(List<ComputationGraph> nets, List<List<MultiDataSet>> minibatches) {
      double[] sums = new double[nets.size()];
      for (int i = 0; i < sums.length; i++) {
        sums[i] = fit(nets.get(i), minibatches.get(i));
      }
      return sums;
    }
  }

  private static double fit(ComputationGraph net, List<Minibatch> minibatches, Fitter fitter) {
    double sum = fitter.fit(net, multiDataSets(minibatches));
    Denormals.flush(net);
    return sum;
  }

  private static List<MultiDataSet> multiDataSets(List<Minibatch> minibatches) {
    List<MultiDataSet> data = new ArrayList<>(minibatches.size());
    for (Minibatch mb : minibatches) {
      data.add(dataSet(mb));
    }
    return data;
  }

  /** A minibatch as the DL4J data set a {@link Fitter} fits. */
  public static MultiDataSet dataSet(Minibatch mb) {
    return new MultiDataSet(nd(mb.features()), nd(mb.labels()));
  }

  private static boolean finite(ComputationGraph net) {
    return Double.isFinite(net.params().castTo(DataType.DOUBLE).sumNumber().doubleValue());
  }

  /**
   * Drops the inputs and labels a fit left on a graph. DL4J takes a graph's batch size from its
   * labels while they are set, and the LSTM graphs' feed-forward-to-RNN reshape uses it: an output
   * after a fit would fold [k·T, ·] rows into the last minibatch's sequence count and run the LSTM
   * on sequences mixed from several envs (LstmStepActorTest).
   */
  private static void forgetLastFit(ComputationGraph net) {
    net.clear();
  }

  /** The array as a C-order ND4J array (one bulk copy into its memory on the CPU backend). */
  private static INDArray nd(ShapedArray a) {
    INDArray out = Nd4j.createUninitialized(DataType.FLOAT, a.shape(), 'c');
    if (!NativeFloats.write(a.data(), out)) {
      return Nd4j.create(a.data(), a.shape(), 'c');
    }
    return out;
  }

  private static float[] floats(INDArray a) {
    return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
  }
}
