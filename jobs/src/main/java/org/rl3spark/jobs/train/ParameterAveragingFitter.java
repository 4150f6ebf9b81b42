package org.rl3spark.jobs.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.rl3spark.learner.dl4j.ActorCritic;
import org.rl3spark.learner.dl4j.Denormals;
import org.rl3spark.learner.dl4j.FlatState;
import org.rl3spark.learner.dl4j.LocalSteps;
import org.rl3spark.learner.dl4j.Nd4jThreads;
import org.rl3spark.learner.ppo.ActorStats;
import org.rl3spark.learner.ppo.EpochFitter;
import org.rl3spark.learner.ppo.UpdateData;

/**
 * Fits a PPO update's epochs by parameter averaging over {@code workers} Spark tasks, every {@code
 * frequency} minibatches per worker (local SGD when {@code frequency > 1}).
 *
 * <p>The update's data ({@link UpdateData}: the batch, advantages, log π_old) is broadcast once per
 * update; every task packs its own minibatches from it. A round takes the next {@code workers ×
 * frequency} minibatches of the epoch, in the PPO update's order, and gives worker w the w-th run
 * of {@code frequency} consecutive ones (the epoch's last round may use fewer workers). Every
 * worker starts from the same state of each network, its parameters, Adam moments and iteration
 * count, broadcast as one flat float array ({@link FlatState}); it takes one Adam step per
 * minibatch, in order, and returns its state; the driver averages the states element-wise in worker
 * order (the iteration count becomes the busiest worker's) and the next round starts from the
 * average. One Spark job per round, critic and actor in the same tasks. After each epoch the
 * driver's networks hold the average (flushed of denormals as a local fit's are).
 *
 * <p>The actor's KL check runs on the workers: in the first round of an epoch that checks, each
 * worker also computes the actor's probabilities at the round's start on its contiguous share of
 * the envs and returns the sums of KL, entropy and clipped positions ({@link ActorStats}); the
 * driver adds them in worker order. Workers fit the actor in that round speculatively; when the sum
 * reaches the target the driver drops the actor's results, so the actor stops exactly where the
 * local fit stops it. The statistics of the final actor come from one more such job when the actor
 * ran every epoch (otherwise from its last check).
 *
 * <p>With one worker this is the single-process update, bit for bit, whatever the frequency; for a
 * given number of workers and frequency the result does not depend on scheduling, executors, task
 * retries or lost executors (every task is a pure function of its broadcasts and its share, and
 * sums and averages are taken in worker order). Workers keep their graphs between rounds in their
 * JVM's {@link org.rl3spark.learner.dl4j.GraphPool}, keyed by this fitter, the network and its
 * configuration; a worker that finds none (its first round, a new executor) builds one from the
 * configuration's JSON, broadcast once per network. What each part of a fit cost is in {@link
 * #times()}.
 */
final class ParameterAveragingFitter implements EpochFitter {

  private static final AtomicLong FITTERS = new AtomicLong();

  private final JavaSparkContext jsc;
  private final int workers;
  private final int frequency;
  private final int threads;
  private final String id;
  private final Map<ComputationGraph, Network> networks = new IdentityHashMap<>();
  private final FitTimes times = new FitTimes();

  /**
   * @param workers Spark tasks per round
   * @param frequency minibatches each worker fits between averagings
   * @param threads ND4J threads of each worker task
   */
  ParameterAveragingFitter(JavaSparkContext jsc, int workers, int frequency, int threads) {
    if (workers < 1 || frequency < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "workers, frequency and threads must be >= 1, got "
              + workers
              + ", "
              + frequency
              + ", "
              + threads);
    }
    this.jsc = jsc;
    this.workers = workers;
    this.frequency = frequency;
    this.threads = threads;
    this.id = jsc.sc().applicationId() + "/fitter-" + FITTERS.incrementAndGet();
  }

  /** A network's pool key and its configuration, broadcast once. */
  record Network(String key, Broadcast<String> configuration) implements Serializable {}

  /**
   * One worker's part of a round.
   *
   * @param minibatches its minibatches (env or step indices), fitted by the critic and, when {@code
   *     fitActor}, the actor
   * @param fitActor whether it fits the actor
   * @param from first env of its share of the actor's statistics
   * @param to one past the last ({@code from == to}: no statistics)
   */
  record Share(int[][] minibatches, boolean fitActor, int from, int to) implements Serializable {}

  /**
   * What a worker returns.
   *
   * @param critic the critic's state after the worker's steps, or null when it took none
   * @param actor the actor's, or null
   * @param stats the actor's statistics on the worker's share at the round's start, or null
   * @param packNanos packing the minibatches
   * @param statsNanos the statistics' forward pass
   * @param leaseNanos getting and loading an actor graph for statistics alone (no actor steps)
   * @param leaseBuilt whether that graph was built
   */
  record Outcome(
      LocalSteps.Result critic,
      LocalSteps.Result actor,
      ActorStats stats,
      long packNanos,
      long statsNanos,
      long leaseNanos,
      boolean leaseBuilt)
      implements Serializable {}

  /** The cost of the fits so far. */
  FitTimes times() {
    return times;
  }

  @Override
  public Session begin(ActorCritic ac, UpdateData data, double clip) {
    long t0 = System.nanoTime();
    Broadcast<UpdateData> shipped = jsc.broadcast(data);
    times.add(FitTimes.SHIP, System.nanoTime() - t0);
    return new Averaging(
        ac, shipped, data.batch().envs(), clip, network(ac.critic()), network(ac.actor()));
  }

  private Network network(ComputationGraph net) {
    return networks.computeIfAbsent(
        net,
        n ->
            new Network(
                id + "/network-" + networks.size() + "/" + n.getConfiguration().toJson().hashCode(),
                jsc.broadcast(n.getConfiguration().toJson())));
  }

  /** One update's epochs. */
  private final class Averaging implements Session {
    private final ActorCritic ac;
    private final Broadcast<UpdateData> data;
    private final int envs;
    private final double clip;
    private final Network critic;
    private final Network actor;
    private ActorStats current; // of the actor as it is now, once measured

    Averaging(
        ActorCritic ac,
        Broadcast<UpdateData> data,
        int envs,
        double clip,
        Network critic,
        Network actor) {
      this.ac = ac;
      this.data = data;
      this.envs = envs;
      this.clip = clip;
      this.critic = critic;
      this.actor = actor;
    }

    @Override
    public Epoch epoch(int[][] minibatches, boolean fitsActor, double klTarget) {
      boolean check = fitsActor && !Double.isNaN(klTarget);
      boolean fitActor = fitsActor;
      ActorStats before = null;
      if (check && current != null) { // measured already, and the actor has not changed since
        before = current;
        fitActor = !(before.kl() >= klTarget);
        check = false;
      }
      long t0 = System.nanoTime();
      FlatState criticState = FlatState.of(ac.critic());
      FlatState actorState = fitActor ? FlatState.of(ac.actor()) : null;
      times.add(FitTimes.EXPORT, System.nanoTime() - t0);
      double criticLoss = 0;
      double actorLoss = 0;
      int round = workers * frequency;
      for (int from = 0; from < minibatches.length; from += round) {
        int to = Math.min(minibatches.length, from + round);
        int tasks = (to - from + frequency - 1) / frequency;
        boolean measure = check && from == 0;
        List<Share> shares = new ArrayList<>(tasks);
        for (int w = 0; w < tasks; w++) {
          int i = from + w * frequency;
          shares.add(
              new Share(
                  Arrays.copyOfRange(minibatches, i, Math.min(to, i + frequency)),
                  fitActor,
                  measure ? share(w, tasks) : 0,
                  measure ? share(w + 1, tasks) : 0));
        }
        List<Outcome> out = run(shares, criticState, actorState);
        long a0 = System.nanoTime();
        if (measure) {
          before = sum(out);
          current = before;
          if (before.kl() >= klTarget) {
            fitActor = false; // the speculative actor steps of this round are dropped
          }
        }
        List<FlatState> ends = new ArrayList<>(out.size());
        for (Outcome o : out) {
          ends.add(o.critic().state());
          criticLoss += o.critic().scoreSum();
        }
        criticState = FlatState.mean(ends);
        if (fitActor) {
          ends.clear();
          for (Outcome o : out) {
            ends.add(o.actor().state());
            actorLoss += o.actor().scoreSum();
          }
          actorState = FlatState.mean(ends);
        }
        times.add(FitTimes.AVERAGE, System.nanoTime() - a0);
      }
      long t1 = System.nanoTime();
      criticState.into(ac.critic());
      Denormals.flush(ac.critic());
      if (fitActor) {
        actorState.into(ac.actor());
        Denormals.flush(ac.actor());
        current = null;
      }
      times.add(FitTimes.IMPORT, System.nanoTime() - t1);
      return new Epoch(criticLoss, actorLoss, fitActor, before);
    }

    @Override
    public ActorStats actorStats() {
      if (current == null) {
        long t0 = System.nanoTime();
        FlatState actorState = FlatState.of(ac.actor());
        times.add(FitTimes.EXPORT, System.nanoTime() - t0);
        int tasks = Math.min(workers, envs);
        List<Share> shares = new ArrayList<>(tasks);
        for (int w = 0; w < tasks; w++) {
          shares.add(new Share(new int[0][], false, share(w, tasks), share(w + 1, tasks)));
        }
        current = sum(run(shares, null, actorState));
      }
      return current;
    }

    /** The first env of share w of {@code tasks} contiguous shares. */
    private int share(int w, int tasks) {
      return (int) ((long) envs * w / tasks);
    }

    /** One Spark job: a task per share, from these states; the outcomes in worker order. */
    private List<Outcome> run(List<Share> shares, FlatState criticState, FlatState actorState) {
      long r0 = System.nanoTime();
      Broadcast<ArrayList<FlatState>> start =
          jsc.broadcast(new ArrayList<>(Arrays.asList(criticState, actorState)));
      long r1 = System.nanoTime();
      try {
        // One share per partition; collect returns the partitions in order, i.e. worker order.
        List<Outcome> out =
            jsc.parallelize(shares, shares.size())
                .mapPartitions(new Round(critic, actor, data, start, clip, threads))
                .collect();
        long r2 = System.nanoTime();
        times.round(r1 - r0, r2 - r1, 0, out);
        return out;
      } finally {
        start.destroy();
      }
    }

    @Override
    public void close() {
      data.destroy();
    }
  }

  /** The shares' statistics added in worker order. */
  private static ActorStats sum(List<Outcome> out) {
    ActorStats s = null;
    for (Outcome o : out) {
      s = s == null ? o.stats() : s.plus(o.stats());
    }
    return s;
  }

  /** A worker's task: its share of a round, on pooled graphs. */
  static final class Round implements FlatMapFunction<Iterator<Share>, Outcome>, Serializable {
    private static final long serialVersionUID = 1L;
    private final Network critic;
    private final Network actor;
    private final Broadcast<UpdateData> data;
    private final Broadcast<ArrayList<FlatState>> start;
    private final double clip;
    private final int threads;

    Round(
        Network critic,
        Network actor,
        Broadcast<UpdateData> data,
        Broadcast<ArrayList<FlatState>> start,
        double clip,
        int threads) {
      this.critic = critic;
      this.actor = actor;
      this.data = data;
      this.start = start;
      this.clip = clip;
      this.threads = threads;
    }

    @Override
    public Iterator<Outcome> call(Iterator<Share> shares) {
      Nd4jThreads.set(threads);
      List<Outcome> out = new ArrayList<>(1);
      while (shares.hasNext()) {
        out.add(fit(shares.next()));
      }
      return out.iterator();
    }

    private Outcome fit(Share share) {
      UpdateData d = data.value();
      List<FlatState> states = start.value();
      long p0 = System.nanoTime();
      List<MultiDataSet> criticData = new ArrayList<>(share.minibatches().length);
      List<MultiDataSet> actorData = new ArrayList<>(share.minibatches().length);
      for (int[] mb : share.minibatches()) {
        criticData.add(ActorCritic.dataSet(d.critic(mb)));
        if (share.fitActor()) {
          actorData.add(ActorCritic.dataSet(d.actor(mb)));
        }
      }
      long pack = System.nanoTime() - p0;
      LocalSteps.Result c =
          criticData.isEmpty()
              ? null
              : LocalSteps.run(
                  critic.key(), critic.configuration().value(), states.get(0), criticData);
      LocalSteps.Result a = null;
      ActorStats stats = null;
      long statsNanos = 0;
      long leaseNanos = 0;
      boolean leaseBuilt = false;
      if (share.fitActor() || share.to() > share.from()) {
        long l0 = System.nanoTime();
        try (LocalSteps.Lease lease =
            LocalSteps.Lease.take(actor.key(), actor.configuration().value(), states.get(1))) {
          long l1 = System.nanoTime();
          if (share.to() > share.from()) {
            ComputationGraph net = lease.graph();
            float[] probs =
                d.probabilities(x -> ActorCritic.logits(net, x), share.from(), share.to());
            stats = d.stats(probs, share.from(), share.to(), clip);
            statsNanos = System.nanoTime() - l1;
          }
          if (share.fitActor()) {
            a = lease.fit(actorData);
          } else {
            leaseNanos = l1 - l0;
            leaseBuilt = lease.built();
          }
        }
      }
      return new Outcome(c, a, stats, pack, statsNanos, leaseNanos, leaseBuilt);
    }
  }
}
