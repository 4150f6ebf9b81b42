package org.rl3spark.core.vamdp;

import java.io.Serializable;
import java.util.Arrays;
import org.rl3spark.core.model.TabularModel;

/**
 * The VAMDP's learned tabular model (reference §3.5): maximum-likelihood means of rewards and
 * Laplace-smoothed transition frequencies over the currently known model states.
 *
 * <p>For a known state s that is not absorbing, with n known states:
 *
 * <ul>
 *   <li>seen pair (N(s,a) &gt; 0): T(s,a,s') = (N(s,a,s') + λ) / (N(s,a) + λ n) for every known s';
 *       R(s,a,s') is the mean reward observed on (s,a,s'), or 0 if that tuple was never seen;
 *   <li>unseen pair: T(s,a,s') = 1/n for every known s' (including s and absorbing states), R = 0;
 * </ul>
 *
 * and absorbing states (successors of a terminal transition) loop to themselves with reward 0.
 *
 * <p>Model states are either the whole concrete state space from the start, or added on first visit
 * (in the order s, then s', of each transition), optionally merged into abstract states by a {@link
 * StateClusterer}. {@link #backup} costs O(non-zero counts + n·A) per sweep, not O(n²A): the
 * smoothing mass is summed once per sweep.
 */
public final class LearnedModel implements TabularModel, Serializable {

  private static final long serialVersionUID = 1L;

  private final int numActions;
  private final double laplace;
  private final StateClusterer clusterer;
  private final boolean incremental;
  private final int[] idOf;
  private int n;
  private boolean[] absorbing;
  private int[] visits;
  private int[][] succ;
  private int[][] succCount;
  private double[][] rewardMean;
  private int[] succLen;

  /**
   * @param numConcreteStates size of the env's state space
   * @param numActions number of actions
   * @param laplace Laplace coefficient λ ≥ 0
   * @param incremental add states on first visit (true) or know all states from the start
   * @param clusterer state abstraction, or null for none (requires incremental)
   */
  public LearnedModel(
      int numConcreteStates,
      int numActions,
      double laplace,
      boolean incremental,
      StateClusterer clusterer) {
    if (clusterer != null && !incremental) {
      throw new IllegalArgumentException("state abstraction requires incremental states");
    }
    this.numActions = numActions;
    this.laplace = laplace;
    this.incremental = incremental;
    this.clusterer = clusterer;
    this.idOf = new int[numConcreteStates];
    int capacity;
    if (incremental) {
      Arrays.fill(idOf, -1);
      n = 0;
      capacity = 8;
    } else {
      for (int s = 0; s < numConcreteStates; s++) {
        idOf[s] = s;
      }
      n = numConcreteStates;
      capacity = numConcreteStates;
    }
    absorbing = new boolean[capacity];
    visits = new int[capacity * numActions];
    succ = new int[capacity * numActions][];
    succCount = new int[capacity * numActions][];
    rewardMean = new double[capacity * numActions][];
    succLen = new int[capacity * numActions];
  }

  /** The model state of concrete state {@code s}, or -1 if it has none yet. */
  public int idOf(int concrete) {
    return idOf[concrete];
  }

  /**
   * Records the transition (s, a, r, s').
   *
   * @param s concrete source state
   * @param a action
   * @param r observed reward
   * @param next concrete successor
   * @param terminal whether the transition ended the episode in an absorbing state (not a
   *     truncation); its successor becomes absorbing in the model
   */
  public void update(int s, int a, double r, int next, boolean terminal) {
    int from = ensureId(s);
    int to = ensureId(next);
    if (terminal) {
      absorbing[to] = true;
    }
    int row = from * numActions + a;
    visits[row]++;
    int len = succLen[row];
    for (int i = 0; i < len; i++) {
      if (succ[row][i] == to) {
        int c = ++succCount[row][i];
        rewardMean[row][i] += (r - rewardMean[row][i]) / c;
        return;
      }
    }
    if (succ[row] == null) {
      succ[row] = new int[2];
      succCount[row] = new int[2];
      rewardMean[row] = new double[2];
    } else if (len == succ[row].length) {
      succ[row] = Arrays.copyOf(succ[row], 2 * len);
      succCount[row] = Arrays.copyOf(succCount[row], 2 * len);
      rewardMean[row] = Arrays.copyOf(rewardMean[row], 2 * len);
    }
    succ[row][len] = to;
    succCount[row][len] = 1;
    rewardMean[row][len] = r;
    succLen[row] = len + 1;
  }

  private int ensureId(int concrete) {
    int id = idOf[concrete];
    if (id >= 0) {
      return id;
    }
    id = clusterer != null ? clusterer.assign(concrete, idOf, n) : n;
    idOf[concrete] = id;
    if (id == n) {
      grow(n + 1);
      n++;
    }
    return id;
  }

  private void grow(int states) {
    if (states <= absorbing.length) {
      return;
    }
    int capacity = Math.max(states, 2 * absorbing.length);
    absorbing = Arrays.copyOf(absorbing, capacity);
    visits = Arrays.copyOf(visits, capacity * numActions);
    succ = Arrays.copyOf(succ, capacity * numActions);
    succCount = Arrays.copyOf(succCount, capacity * numActions);
    rewardMean = Arrays.copyOf(rewardMean, capacity * numActions);
    succLen = Arrays.copyOf(succLen, capacity * numActions);
  }

  /** N(s, a) for model state s. */
  public int visits(int s, int a) {
    return visits[s * numActions + a];
  }

  /** Whether states are added on first visit. */
  public boolean isIncremental() {
    return incremental;
  }

  @Override
  public int numStates() {
    return n;
  }

  @Override
  public int numActions() {
    return numActions;
  }

  @Override
  public boolean isAbsorbing(int s) {
    return absorbing[s];
  }

  @Override
  public double transitionProbability(int s, int a, int next) {
    if (absorbing[s]) {
      return s == next ? 1 : 0;
    }
    int row = s * numActions + a;
    int total = visits[row];
    if (total == 0) {
      return 1.0 / n;
    }
    int c = 0;
    for (int i = 0; i < succLen[row]; i++) {
      if (succ[row][i] == next) {
        c = succCount[row][i];
      }
    }
    return (c + laplace) / (total + laplace * n);
  }

  @Override
  public double expectedReward(int s, int a, int next) {
    if (absorbing[s]) {
      return 0;
    }
    int row = s * numActions + a;
    for (int i = 0; i < succLen[row]; i++) {
      if (succ[row][i] == next) {
        return rewardMean[row][i];
      }
    }
    return 0;
  }

  @Override
  public void backup(double gamma, double[] v, double[] q) {
    double sumV = 0;
    for (int s = 0; s < n; s++) {
      sumV += v[s];
    }
    double unseen = gamma * sumV / n;
    for (int s = 0; s < n; s++) {
      int base = s * numActions;
      if (absorbing[s]) {
        double self = gamma * v[s];
        for (int a = 0; a < numActions; a++) {
          q[base + a] = self;
        }
        continue;
      }
      for (int a = 0; a < numActions; a++) {
        int row = base + a;
        int total = visits[row];
        if (total == 0) {
          q[row] = unseen;
          continue;
        }
        double acc = 0;
        double rewardSum = 0;
        int[] to = succ[row];
        int[] cnt = succCount[row];
        double[] mean = rewardMean[row];
        for (int i = 0; i < succLen[row]; i++) {
          acc += cnt[i] * (mean[i] + gamma * v[to[i]]);
          rewardSum += mean[i];
        }
        q[row] = (acc + laplace * (rewardSum + gamma * sumV)) / (total + laplace * n);
      }
    }
  }
}
