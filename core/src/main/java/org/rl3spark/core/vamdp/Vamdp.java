package org.rl3spark.core.vamdp;

import java.util.Arrays;
import org.rl3spark.core.env.Env;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.model.ValueIteration;
import org.rl3spark.core.random.Rng;

/**
 * The value-augmented MDP: a wrapper over a tabular env whose observation is the state encoding
 * followed by the Q-estimate block of the current state (layout {@link VamdpLayout}).
 *
 * <p>After every transition (s, a, r, s') the wrapper counts N(s, a) for the concrete state,
 * updates its {@link LearnedModel} and solves it by value iteration (discount, threshold, sweep cap
 * and warm start from {@link VamdpConfig}). The object-level memory (counts, model, Q) lives as
 * long as the wrapper: across all inner episodes of a meta-episode. A new task gets a new wrapper.
 *
 * <p>Nothing is recomputed at {@link #reset}: the Q shown for the start state is the latest
 * solution's ({@link QSource#LATEST_VI}) or the value cached when it was last a successor ({@link
 * QSource#SUCCESSOR_CACHE}).
 */
public final class Vamdp implements Env {

  private static final long serialVersionUID = 1L;

  /**
   * Warm starts apply only when the effective task horizon (the sweep cap of the code) is at least
   * this; shorter horizons always cold-start (VAMDP.jl:176-198).
   */
  public static final int WARM_START_MIN_HORIZON = 100;

  private final TabularEnv env;
  private final VamdpConfig config;
  private final VamdpLayout layout;
  private final int numActions;
  private final int sweepCap;
  private final boolean warmStart;
  private final LearnedModel model;
  private final int[] counts;
  private final double[] cachedQ;
  private final double[] cachedV;
  private double[] q = new double[0];
  private double[] v = new double[0];
  private double[] scratch = new double[0];
  private int lastSweeps;
  private int state = -1;
  private boolean running;

  /**
   * @param env the tabular env to wrap (owned by this wrapper from now on)
   * @param config object-level RL settings
   * @param taskHorizon the effective task horizon min(TH, H), the default sweep cap
   */
  public Vamdp(TabularEnv env, VamdpConfig config, int taskHorizon) {
    if (taskHorizon < 1) {
      throw new IllegalArgumentException("task horizon must be >= 1, got " + taskHorizon);
    }
    this.env = env;
    this.config = config;
    this.numActions = env.numActions();
    this.layout = new VamdpLayout(env.observationSize(), numActions);
    this.sweepCap = config.sweepCap(taskHorizon);
    this.warmStart = config.warmStart() && taskHorizon >= WARM_START_MIN_HORIZON;
    int states = env.numStates();
    StateClusterer clusterer = null;
    if (config.isCoarse()) {
      float[][] enc = new float[states][env.observationSize()];
      for (int s = 0; s < states; s++) {
        env.encodeState(s, enc[s], 0);
      }
      clusterer = new StateClusterer(config.clusterRadius(), config.clusterSize(), enc);
    }
    this.model =
        new LearnedModel(
            states, numActions, config.laplace(), config.incrementalStates(), clusterer);
    this.counts = new int[states * numActions];
    boolean cache = config.qSource() == QSource.SUCCESSOR_CACHE;
    this.cachedQ = cache ? new double[states * numActions] : null;
    this.cachedV = cache ? new double[states] : null;
  }

  @Override
  public int numActions() {
    return numActions;
  }

  @Override
  public int observationSize() {
    return layout.size();
  }

  /** The observation layout. */
  public VamdpLayout layout() {
    return layout;
  }

  @Override
  public void reset(Rng rng) {
    env.reset(rng);
    state = env.state();
    running = true;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public Step step(int action) {
    Env.checkAction(action, numActions);
    if (!running) {
      throw new IllegalStateException(
          state < 0 ? "step() before reset()" : "step() after the episode terminated; reset first");
    }
    int s = state;
    Step step = env.step(action);
    counts[s * numActions + action]++;
    int next = env.state();
    model.update(s, action, step.reward(), next, step.terminated());
    solve();
    if (cachedQ != null) {
      int id = model.idOf(next);
      System.arraycopy(q, id * numActions, cachedQ, next * numActions, numActions);
      cachedV[next] = v[id];
    }
    state = next;
    if (step.terminated()) {
      running = false;
    }
    return step;
  }

  private void solve() {
    int n = model.numStates();
    int size = n * numActions;
    if (q.length != size) {
      q = new double[size];
      v = new double[n];
      scratch = new double[size];
    } else if (!warmStart) {
      Arrays.fill(q, 0);
      Arrays.fill(v, 0);
    }
    lastSweeps =
        ValueIteration.sweep(model, config.gamma(), sweepCap, config.epsilon(), q, v, scratch);
  }

  @Override
  public void observe(float[] out, int offset) {
    if (state < 0) {
      throw new IllegalStateException("observe() before reset()");
    }
    env.encodeState(state, out, offset);
    writeEstimates(state, out, offset);
  }

  /** Writes the Q-estimate block of concrete state {@code s} (everything after the encoding). */
  private void writeEstimates(int s, float[] out, int offset) {
    double value = 0;
    double[] qs = null;
    int base = 0;
    if (cachedQ != null) {
      qs = cachedQ;
      base = s * numActions;
      value = cachedV[s];
    } else {
      int id = model.idOf(s);
      if (id >= 0 && id * numActions < q.length) {
        qs = q;
        base = id * numActions;
        value = v[id];
      }
    }
    double qd = config.qDenom();
    for (int a = 0; a < numActions; a++) {
      double adv = qs == null ? 0 : qs[base + a] - value;
      out[offset + layout.advantages() + a] = (float) (adv / qd);
      out[offset + layout.qStandardErrors() + a] = 0f;
      out[offset + layout.counts() + a] =
          (float) (counts[s * numActions + a] / config.countDenom());
    }
    out[offset + layout.value()] = (float) (value / qd);
    out[offset + layout.vStandardError()] = 0f;
  }

  /** The current concrete state. */
  public int state() {
    return state;
  }

  /** N(s, a) for concrete state s: the number of times a was taken in s during this task. */
  public int count(int s, int a) {
    return counts[s * numActions + a];
  }

  /** The learned model (read-only use). */
  public LearnedModel model() {
    return model;
  }

  /** Q of model state {@code id} from the latest solve (zeros before the first transition). */
  public double solvedQ(int id, int a) {
    int i = id * numActions + a;
    return i < q.length ? q[i] : 0;
  }

  /** Sweeps run by the latest solve. */
  public int lastSweeps() {
    return lastSweeps;
  }

  /** The settings. */
  public VamdpConfig config() {
    return config;
  }

  /** The wrapped env. */
  public TabularEnv inner() {
    return env;
  }
}
