package org.rl3spark.learner.ppo;

import java.util.ArrayList;
import java.util.List;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.net.Minibatch;

/**
 * Fits the epochs of a PPO update: the networks' minibatch steps and the actor's KL check. {@link
 * PpoUpdate} decides what an epoch fits (its minibatches, whether the actor is still active); a
 * fitter decides where: {@link #LOCAL} in this process, or a distributed one (jobs' parameter
 * averaging), which receives the update's {@link UpdateData} once and runs the KL check where the
 * actor is.
 *
 * <p>The KL check of epoch e ≥ 2 is measured at the start of the epoch, on the actor as epoch e − 1
 * left it (nothing changes the actor in between), and the actor is fitted in epoch e only if the KL
 * is below the target: the early stop of reference §5.4, measured before the epoch it cancels. A
 * distributed fitter may fit the actor in the same round as it measures, and drop that fit when the
 * check says stop.
 */
public interface EpochFitter {

  /** The epochs in this process, one {@code fit} per minibatch. */
  EpochFitter LOCAL = of(ActorCritic.Fitter.LOCAL);

  /**
   * The epochs on {@code ac}'s networks with a minibatch fitter: minibatches packed here, the
   * critic's and the actor's handed to {@code fitter} in one {@link ActorCritic#fitCriticAndActor}
   * call per epoch, the KL check on this process's actor.
   */
  static EpochFitter of(ActorCritic.Fitter fitter) {
    return (ac, data, clip, plan) -> new Local(ac, data, clip, plan, fitter);
  }

  /**
   * Starts fitting one update's epochs.
   *
   * @param ac the networks, which hold the update's result after each epoch
   * @param data what the update fits on
   * @param clip ε, for the clip fraction of {@link ActorStats}
   * @param plan each epoch's minibatches, in order: env indices (sequences) or step indices
   *     (Markov) of each minibatch, in fitting order. The critic fits every epoch of it whatever
   *     the actor does, so a fitter may run the critic's epochs ahead of the actor's.
   */
  Session begin(ActorCritic ac, UpdateData data, double clip, int[][][] plan);

  /** The epochs of one update. */
  interface Session extends AutoCloseable {

    /**
     * The plan's next epoch: the critic on each minibatch in order; the actor too when {@code
     * actor}, unless {@code klTarget} is a number and the actor's KL over the whole batch, measured
     * first, is at least {@code klTarget}. A distributed fitter may leave {@code ac}'s networks as
     * they are until {@link #finish}.
     *
     * @param actor whether the actor is still active
     * @param klTarget the KL at which the actor stops, or NaN: no check before this epoch
     */
    Epoch epoch(boolean actor, double klTarget);

    /**
     * Ends the epochs: {@code ac}'s networks then hold the update's result.
     *
     * @return the final actor's statistics over the whole batch
     */
    ActorStats finish();

    /** Releases what the session shipped or holds. */
    @Override
    void close();
  }

  /**
   * What an epoch did.
   *
   * @param criticLoss the sum of the critic's minibatch scores
   * @param actorLoss the sum of the actor's minibatch scores (0 when not fitted)
   * @param actorFitted whether the actor was fitted
   * @param before the actor's statistics measured before the epoch, or null when not checked
   * @param criticFinite whether every critic parameter is finite after the epoch
   * @param actorFinite whether every actor parameter is finite after the epoch
   */
  record Epoch(
      double criticLoss,
      double actorLoss,
      boolean actorFitted,
      ActorStats before,
      boolean criticFinite,
      boolean actorFinite) {}

  /** {@link #of}: everything in this process. */
  final class Local implements Session {
    private final ActorCritic ac;
    private final UpdateData data;
    private final double clip;
    private final int[][][] plan;
    private final ActorCritic.Fitter fitter;
    private int next;
    private ActorStats current; // of the actor as it is now, once measured

    Local(ActorCritic ac, UpdateData data, double clip, int[][][] plan, ActorCritic.Fitter fitter) {
      this.ac = ac;
      this.data = data;
      this.clip = clip;
      this.plan = plan;
      this.fitter = fitter;
    }

    @Override
    public Epoch epoch(boolean actor, double klTarget) {
      int[][] minibatches = plan[next++];
      ActorStats before = null;
      boolean fitActor = actor;
      if (actor && !Double.isNaN(klTarget)) {
        before = current();
        fitActor = !(before.kl() >= klTarget);
      }
      List<Minibatch> criticData = new ArrayList<>(minibatches.length);
      for (int[] mb : minibatches) {
        criticData.add(data.critic(mb));
      }
      if (!fitActor) {
        double loss = ac.fitCritic(criticData, fitter);
        return new Epoch(loss, 0, false, before, ac.criticFinite(), true);
      }
      List<Minibatch> actorData = new ArrayList<>(minibatches.length);
      for (int[] mb : minibatches) {
        actorData.add(data.actor(mb));
      }
      // Critic first, then actor, in one call: a distributed minibatch fitter fits both at once.
      double[] losses = ac.fitCriticAndActor(criticData, actorData, fitter);
      current = null;
      return new Epoch(losses[0], losses[1], true, before, ac.criticFinite(), ac.actorFinite());
    }

    @Override
    public ActorStats finish() {
      return current();
    }

    private ActorStats current() {
      if (current == null) {
        int n = data.batch().envs();
        current = data.stats(data.probabilities(ac::actorLogits, 0, n), 0, n, clip);
      }
      return current;
    }

    @Override
    public void close() {}
  }
}
