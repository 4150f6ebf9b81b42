package org.rl3spark.jobs.train;

import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * frequency} minibatches of an epoch, in the PPO update's order, and gives worker w the w-th run of
 * {@code frequency} consecutive ones (the epoch's last round may use fewer workers). Every worker
 * starts from the same state of the network, its parameters, Adam moments and iteration count,
 * broadcast as one flat float array ({@link FlatState}); it takes one Adam step per minibatch, in
 * order, and returns its state; the driver averages the states element-wise in worker order (the
 * iteration count becomes the busiest worker's) and the next round starts from the average, flushed
 * of denormals at the end of each epoch as a local fit's network is. One Spark job per round.
 *
 * <p>Critic and actor are independent, so they run as two chains of jobs: the critic's on a driver
 * thread of its own, through every epoch of the update's plan as fast as its rounds come back; the
 * actor's on the caller's thread, epoch by epoch, since whether it trains depends on the KL check.
 * While one chain's round is scheduled, collected, averaged and broadcast, the other's tasks run
 * (Spark runs queued tasks first come, first served), so the executors do not wait for the driver
 * while both chains have work. The driver's networks are set to the averaged states once, in {@link
 * Session#finish}.
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
 *
 * <p>One algorithm in one file, hence its length: the driver's rounds, the workers' steps and the
 * averaging share the update's plan and state layout.
 */
final class ParameterAveragingFitter implements EpochFitter {

  private static final AtomicLong FITTERS = new AtomicLong();
  private static final AtomicLong CHAINS = new AtomicLong();

  private final JavaSparkContext jsc;
  private final int workers;
  private final int frequency;
  private final int threads;
  private final String id;
  private final Map<ComputationGraph, Network> networks = new IdentityHashMap<>();
  private final FitTimes times;

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
    this.times = new FitTimes(workers);
    jsc.sc().addSparkListener(new FitTaskListener(id, times));
  }

  /** A network's pool key and its configuration, broadcast once. */
  record Network(String key, Broadcast<String> configuration) implements Serializable {}

  /**
   * One worker's part of a round.
   *
   * @param minibatches its minibatches (env or step indices)
   * @param critic whether it fits the critic on them
   * @param actor whether it fits the actor on them
   * @param from first env of its share of the actor's statistics
   * @param to one past the last ({@code from == to}: no statistics)
   */
  record Share(int[][] minibatches, boolean critic, boolean actor, int from, int to)
      implements Serializable {}

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
   * @param fetchNanos getting the update's data and the round's states (broadcasts fetched from the
   *     driver on first use in an executor)
   * @param bodyNanos the task's whole work, wall time
   * @param bodyCpuNanos its CPU time
   */
  record Outcome(
      LocalSteps.Result critic,
      LocalSteps.Result actor,
      ActorStats stats,
      long packNanos,
      long statsNanos,
      long leaseNanos,
      boolean leaseBuilt,
      long fetchNanos,
      long bodyNanos,
      long bodyCpuNanos)
      implements Serializable {}

  /** The cost of the fits so far. */
  FitTimes times() {
    return times;
  }

  @Override
  public Session begin(ActorCritic ac, UpdateData data, double clip, int[][][] plan) {
    // This thread's jobs and the critic chain's (which inherits the property) are the fitter's.
    jsc.setLocalProperty(FitTaskListener.PROPERTY, id);
    long t0 = System.nanoTime();
    Broadcast<UpdateData> shipped = jsc.broadcast(data);
    times.add(FitTimes.SHIP, System.nanoTime() - t0);
    return new Averaging(
        ac, shipped, data.batch().envs(), clip, plan, network(ac.critic()), network(ac.actor()));
  }

  private Network network(ComputationGraph net) {
    return networks.computeIfAbsent(
        net,
        n ->
            new Network(
                id + "/network-" + networks.size() + "/" + n.getConfiguration().toJson().hashCode(),
                jsc.broadcast(n.getConfiguration().toJson())));
  }

  /** The critic's state and summed minibatch scores after one epoch. */
  private record CriticEpoch(FlatState state, double loss) {}

  /** One update's epochs: the critic's chain on its own thread, the actor's on the caller's. */
  private final class Averaging implements Session {
    private final ActorCritic ac;
    private final Broadcast<UpdateData> data;
    private final int envs;
    private final double clip;
    private final int[][][] plan;
    private final Network critic;
    private final Network actor;
    private final List<CompletableFuture<CriticEpoch>> criticEpochs;
    private final String criticGroup;
    private final Thread criticChain;
    private volatile boolean closed;
    private FlatState actorState;
    private FlatState criticState; // after the last epoch returned, null before the first
    private int next;
    private ActorStats current; // of the actor as it is now, once measured
    private final long started = System.nanoTime();
    private final long startedCpu = FitTimes.processCpuNanos();

    Averaging(
        ActorCritic ac,
        Broadcast<UpdateData> data,
        int envs,
        double clip,
        int[][][] plan,
        Network critic,
        Network actor) {
      this.ac = ac;
      this.data = data;
      this.envs = envs;
      this.clip = clip;
      this.plan = plan;
      this.critic = critic;
      this.actor = actor;
      long t0 = System.nanoTime();
      FlatState criticStart = FlatState.of(ac.critic());
      this.actorState = FlatState.of(ac.actor());
      times.add(FitTimes.EXPORT, System.nanoTime() - t0);
      this.criticEpochs = new ArrayList<>(plan.length);
      for (int e = 0; e < plan.length; e++) {
        criticEpochs.add(new CompletableFuture<>());
      }
      this.criticGroup = id + "/critic-" + CHAINS.incrementAndGet();
      this.criticChain = new Thread(() -> runCritic(criticStart), "rl3-fit-critic");
      criticChain.setDaemon(true);
      criticChain.start();
    }

    /** The critic's chain: every epoch of the plan, round after round. */
    private void runCritic(FlatState start) {
      jsc.setJobGroup(criticGroup, "rl3 fit: critic", true);
      FlatState state = start;
      int e = 0;
      try {
        for (; e < plan.length && !closed; e++) {
          int[][] minibatches = plan[e];
          double loss = 0;
          for (int from = 0; from < minibatches.length; from += workers * frequency) {
            List<Share> shares = shares(minibatches, from, true, false, false);
            List<Outcome> out = run(shares, state, null);
            long a0 = System.nanoTime();
            List<FlatState> ends = new ArrayList<>(out.size());
            for (Outcome o : out) {
              ends.add(o.critic().state());
              loss += o.critic().scoreSum();
            }
            state = FlatState.mean(ends);
            times.add(FitTimes.AVERAGE, System.nanoTime() - a0);
          }
          long f0 = System.nanoTime();
          state = Denormals.flush(state); // as a local fit flushes the network after each epoch
          times.add(FitTimes.AVERAGE, System.nanoTime() - f0);
          criticEpochs.get(e).complete(new CriticEpoch(state, loss));
        }
        if (e < plan.length) {
          throw new IllegalStateException("the update was closed before the critic's epochs");
        }
      } catch (Throwable t) {
        for (; e < plan.length; e++) {
          criticEpochs.get(e).completeExceptionally(t);
        }
      }
    }

    /**
     * The shares of the round of {@code minibatches} from index {@code from}: worker w the w-th run
     * of {@code frequency} minibatches, and with {@code measure} the w-th of as many contiguous
     * shares of the envs for the actor's statistics.
     */
    private List<Share> shares(
        int[][] minibatches, int from, boolean fitCritic, boolean fitActor, boolean measure) {
      int to = Math.min(minibatches.length, from + workers * frequency);
      int tasks = (to - from + frequency - 1) / frequency;
      List<Share> shares = new ArrayList<>(tasks);
      for (int w = 0; w < tasks; w++) {
        int i = from + w * frequency;
        shares.add(
            new Share(
                Arrays.copyOfRange(minibatches, i, Math.min(to, i + frequency)),
                fitCritic,
                fitActor,
                measure ? share(w, tasks) : 0,
                measure ? share(w + 1, tasks) : 0));
      }
      return shares;
    }

    @Override
    public Epoch epoch(boolean fitsActor, double klTarget) {
      int e = next++;
      int[][] minibatches = plan[e];
      boolean check = fitsActor && !Double.isNaN(klTarget);
      boolean fitActor = fitsActor;
      ActorStats before = null;
      if (check && current != null) { // measured already, and the actor has not changed since
        before = current;
        fitActor = !(before.kl() >= klTarget);
        check = false;
      }
      double actorLoss = 0;
      FlatState state = actorState;
      for (int from = 0; fitActor && from < minibatches.length; from += workers * frequency) {
        boolean measure = check && from == 0;
        List<Outcome> out = run(shares(minibatches, from, false, true, measure), null, state);
        long a0 = System.nanoTime();
        if (measure) {
          before = sum(out);
          current = before;
          if (before.kl() >= klTarget) {
            fitActor = false; // the speculative actor steps of this round are dropped
            break;
          }
        }
        List<FlatState> ends = new ArrayList<>(out.size());
        for (Outcome o : out) {
          ends.add(o.actor().state());
          actorLoss += o.actor().scoreSum();
        }
        state = FlatState.mean(ends);
        times.add(FitTimes.AVERAGE, System.nanoTime() - a0);
      }
      if (fitActor) {
        long f0 = System.nanoTime();
        actorState = Denormals.flush(state); // as a local fit flushes the network after each epoch
        times.add(FitTimes.AVERAGE, System.nanoTime() - f0);
        current = null;
      }
      long w0 = System.nanoTime();
      CriticEpoch c = await(criticEpochs.get(e));
      times.add(FitTimes.WAIT, System.nanoTime() - w0);
      criticState = c.state();
      return new Epoch(
          c.loss(),
          actorLoss,
          fitActor,
          before,
          criticState.parametersFinite(),
          actorState.parametersFinite());
    }

    /**
     * The final actor's statistics (one more job unless the last check measured this actor), and
     * the networks set to the averaged states, once, here.
     */
    @Override
    public ActorStats finish() {
      if (current == null) {
        int tasks = Math.min(workers, envs);
        List<Share> shares = new ArrayList<>(tasks);
        for (int w = 0; w < tasks; w++) {
          shares.add(new Share(new int[0][], false, false, share(w, tasks), share(w + 1, tasks)));
        }
        current = sum(run(shares, null, actorState));
      }
      long t0 = System.nanoTime();
      if (criticState != null) {
        criticState.into(ac.critic());
      }
      actorState.into(ac.actor());
      long t1 = System.nanoTime();
      times.add(FitTimes.IMPORT, t1 - t0);
      times.add(FitTimes.UPDATE, t1 - started);
      times.add(FitTimes.DRIVER_CPU, FitTimes.processCpuNanos() - startedCpu);
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
        times.round(r1 - r0, out);
        return out;
      } finally {
        start.destroy();
      }
    }

    @Override
    public void close() {
      closed = true;
      jsc.setLocalProperty(FitTaskListener.PROPERTY, null);
      if (criticChain.isAlive()) {
        jsc.cancelJobGroup(criticGroup);
        try {
          criticChain.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      data.destroy();
    }
  }

  /** A future's value; its failure rethrown as it was thrown. */
  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
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
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
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
      long b0 = System.nanoTime();
      long c0 = THREADS.getCurrentThreadCpuTime();
      UpdateData d = data.value();
      List<FlatState> states = start.value();
      long fetch = System.nanoTime() - b0;
      long p0 = System.nanoTime();
      List<MultiDataSet> criticData = new ArrayList<>(share.minibatches().length);
      List<MultiDataSet> actorData = new ArrayList<>(share.minibatches().length);
      for (int[] mb : share.minibatches()) {
        if (share.critic()) {
          criticData.add(ActorCritic.dataSet(d.critic(mb)));
        }
        if (share.actor()) {
          actorData.add(ActorCritic.dataSet(d.actor(mb)));
        }
      }
      long pack = System.nanoTime() - p0;
      LocalSteps.Result c =
          !share.critic()
              ? null
              : LocalSteps.run(
                  critic.key(), critic.configuration().value(), states.get(0), criticData);
      LocalSteps.Result a = null;
      ActorStats stats = null;
      long statsNanos = 0;
      long leaseNanos = 0;
      boolean leaseBuilt = false;
      if (share.actor() || share.to() > share.from()) {
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
          if (share.actor()) {
            a = lease.fit(actorData);
          } else {
            leaseNanos = l1 - l0;
            leaseBuilt = lease.built();
          }
        }
      }
      return new Outcome(
          c,
          a,
          stats,
          pack,
          statsNanos,
          leaseNanos,
          leaseBuilt,
          fetch,
          System.nanoTime() - b0,
          THREADS.getCurrentThreadCpuTime() - c0);
    }
  }
}
