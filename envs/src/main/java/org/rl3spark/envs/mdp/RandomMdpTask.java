package org.rl3spark.envs.mdp;

import java.util.Arrays;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.model.SparseModel;
import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskId;

/**
 * A random tabular MDP (reference §1.2): mean rewards R(s, a), transitions T(s, a, ·), observed
 * reward R(s, a) + noise·N(0, 1), a fixed start state, no absorbing states, and episodes truncated
 * at the task horizon by the meta-episode.
 *
 * @param id where the task comes from
 * @param states number of states S
 * @param actions number of actions A
 * @param transitions T flattened as [(s·A + a)·S + s'], each row a probability vector
 * @param meanRewards R flattened as [s·A + a]
 * @param noiseStd standard deviation of the observation noise on rewards
 * @param episodeLength the task horizon TH
 * @param start the start state
 */
public record RandomMdpTask(
    TaskId id,
    int states,
    int actions,
    double[] transitions,
    double[] meanRewards,
    double noiseStd,
    int episodeLength,
    int start)
    implements Task {

  private static final long serialVersionUID = 1L;

  /** Validates the sizes and that every transition row is a distribution. */
  public RandomMdpTask {
    if (states < 1 || actions < 1) {
      throw new IllegalArgumentException(
          "an MDP needs states >= 1 and actions >= 1, got " + states + ", " + actions);
    }
    if (transitions == null || transitions.length != states * actions * states) {
      throw new IllegalArgumentException(
          "transitions must have S·A·S = " + states * actions * states + " entries");
    }
    if (meanRewards == null || meanRewards.length != states * actions) {
      throw new IllegalArgumentException(
          "meanRewards must have S·A = " + states * actions + " entries");
    }
    if (!(noiseStd >= 0) || Double.isInfinite(noiseStd)) {
      throw new IllegalArgumentException("noiseStd must be finite and >= 0, got " + noiseStd);
    }
    if (episodeLength < 1) {
      throw new IllegalArgumentException("episodeLength must be >= 1, got " + episodeLength);
    }
    if (start < 0 || start >= states) {
      throw new IllegalArgumentException("start state " + start + " outside [0, " + states + ")");
    }
    transitions = transitions.clone();
    meanRewards = meanRewards.clone();
    for (int row = 0; row < states * actions; row++) {
      double sum = 0;
      for (int j = 0; j < states; j++) {
        double p = transitions[row * states + j];
        if (!(p >= 0) || Double.isInfinite(p)) {
          throw new IllegalArgumentException("transition probability " + p + " in row " + row);
        }
        sum += p;
      }
      if (Math.abs(sum - 1) > SparseModel.ROW_SUM_TOLERANCE) {
        throw new IllegalArgumentException("transition row " + row + " sums to " + sum);
      }
      if (!Double.isFinite(meanRewards[row])) {
        throw new IllegalArgumentException("mean reward of row " + row + " is not finite");
      }
    }
  }

  @Override
  public double[] transitions() {
    return transitions.clone();
  }

  @Override
  public double[] meanRewards() {
    return meanRewards.clone();
  }

  /** T(s, a, s'). */
  public double transition(int s, int a, int next) {
    return transitions[(s * actions + a) * states + next];
  }

  /** R(s, a). */
  public double meanReward(int s, int a) {
    return meanRewards[s * actions + a];
  }

  /** Internal access for the env (no copy). */
  double[] transitionsRef() {
    return transitions;
  }

  @Override
  public TabularEnv newEnv() {
    return new RandomMdpEnv(this);
  }

  @Override
  public TabularModel model() {
    SparseModel.Builder b = new SparseModel.Builder(states, actions);
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        double r = meanReward(s, a);
        for (int next = 0; next < states; next++) {
          b.add(s, a, next, transition(s, a, next), r);
        }
      }
    }
    return b.build();
  }

  @Override
  public int startState() {
    return start;
  }

  @Override
  public int taskHorizon() {
    return episodeLength;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RandomMdpTask t
        && id.equals(t.id)
        && states == t.states
        && actions == t.actions
        && Arrays.equals(transitions, t.transitions)
        && Arrays.equals(meanRewards, t.meanRewards)
        && noiseStd == t.noiseStd
        && episodeLength == t.episodeLength
        && start == t.start;
  }

  @Override
  public int hashCode() {
    return 31 * id.hashCode() + Arrays.hashCode(meanRewards);
  }

  @Override
  public String toString() {
    return "RandomMdpTask[" + id + ", S=" + states + ", A=" + actions + "]";
  }
}
