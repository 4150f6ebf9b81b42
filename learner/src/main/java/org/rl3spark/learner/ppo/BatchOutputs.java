package org.rl3spark.learner.ppo;

import java.util.function.Function;
import org.rl3spark.core.random.Categorical;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.net.Architecture;
import org.rl3spark.learner.net.ShapedArray;

/**
 * The networks' outputs on a whole {@link RolloutBatch}: the critic's value of every observation
 * (for GAE) and the current actor's probabilities at every step (for the KL and the statistics of
 * the update). Sequence models see whole sequences, {@value #ENVS_PER_PASS} envs per forward pass;
 * the Markov MLP sees every observation as one row.
 */
public final class BatchOutputs {

  /** Envs per forward pass of a sequence model (bounds the memory of one pass). */
  static final int ENVS_PER_PASS = 64;

  private BatchOutputs() {}

  /** Critic values of every observation of a batch: [N][H + 1]. */
  public static float[] values(ActorCritic ac, RolloutBatch b) {
    int n = b.envs();
    int h = b.horizon();
    if (markov(ac)) {
      return ac.criticValues(b.rows(range(0, n), h + 1));
    }
    float[] out = new float[n * (h + 1)];
    for (int from = 0; from < n; from += ENVS_PER_PASS) {
      int[] envs = range(from, Math.min(n, from + ENVS_PER_PASS));
      float[] v = ac.criticValues(b.sequences(envs, h + 1));
      System.arraycopy(v, 0, out, from * (h + 1), v.length);
    }
    return out;
  }

  /** The current actor's action probabilities at every step of a batch: [N][H][n]. */
  public static float[] probabilities(ActorCritic ac, RolloutBatch b) {
    return probabilities(ac::actorLogits, markov(ac), b, 0, b.envs());
  }

  /**
   * An actor's action probabilities at every step of envs {@code from .. to − 1} of a batch, [to −
   * from][H][n], from a function giving its logits of inputs ({@link ActorCritic#actorLogits}):
   * sequences in passes of {@value #ENVS_PER_PASS} envs from {@code from}, Markov rows in one pass.
   */
  public static float[] probabilities(
      Function<ShapedArray, float[]> logits, boolean markov, RolloutBatch b, int from, int to) {
    int h = b.horizon();
    int a = b.numActions();
    int n = to - from;
    float[] out = new float[n * h * a];
    if (markov) {
      float[] z = logits.apply(b.rows(range(from, to), h));
      for (int r = 0; r < n * h; r++) {
        Categorical.softmax(z, r * a, a, out, r * a);
      }
      return out;
    }
    for (int start = from; start < to; start += ENVS_PER_PASS) {
      int[] envs = range(start, Math.min(to, start + ENVS_PER_PASS));
      float[] z = logits.apply(b.sequences(envs, h));
      for (int r = 0; r < envs.length * h; r++) {
        Categorical.softmax(z, r * a, a, out, ((start - from) * h + r) * a);
      }
    }
    return out;
  }

  static boolean markov(ActorCritic ac) {
    return ac.spec().architecture() == Architecture.MARKOV;
  }

  static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }
}
