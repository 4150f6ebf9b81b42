package org.rl3spark.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.PolicySpec;
import org.rl3spark.core.rollout.MetaEpisodeRunner;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.envs.FamilyPolicies;

/**
 * Evaluation throughput of the classical policies on one thread: policy-steps per second of {@link
 * MetaEpisodeRunner#play} (the per-task work of the {@code evaluate} job: the env, the policy's
 * acting, learning and re-planning, and the per-step bookkeeping of the trajectory).
 *
 * <p>One invocation plays one meta-episode of budget H on the next of 64 pre-generated test tasks
 * (a fresh agent each time, so per-task set-up such as the oracle's solve is included). The {@code
 * steps} counter is the score: policy-steps per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvalThroughputBenchmark {

  private static final int TASKS = 64;
  private static final long SEED = 20261121L;

  /** family:policy:H. */
  @Param({
    "bandits:random:500",
    "bandits:oracle:500",
    "bandits:thompson:500",
    "bandits:ucb1_rl2(c=0.2):500",
    "bandits:gittins(gamma=0.99):500",
    "bandits:ots_rl2(samples=10):500",
    "mdps:random:100",
    "mdps:oracle:100",
    "mdps:psrl:100",
    "mdps:opsrl(samples=10):100",
    "mdps:ucrl2(scaling=0.1):100",
    "mdps:beb(scaling=0.01):100",
    "mdps:greedy:100",
    "gridworld-13x13:random:350",
    "gridworld-13x13:oracle:350"
  })
  public String run;

  private Task[] tasks;
  private Policy policy;
  private int budget;
  private MetaEpisodeRunner runner;
  private int next;
  private long episode;

  @Setup
  public void setup() {
    String[] parts = run.split(":");
    TaskFamily f = EnvStepBenchmark.familyOf(parts[0]);
    budget = Integer.parseInt(parts[2]);
    policy = FamilyPolicies.create(PolicySpec.parse(parts[1]), f.family(), budget);
    tasks = new Task[TASKS];
    for (int i = 0; i < TASKS; i++) {
      tasks[i] = f.generate(Split.TEST, i, SEED);
    }
    runner = new MetaEpisodeRunner();
  }

  /** One meta-episode of H steps. */
  @Benchmark
  public void metaEpisode(StepCounter counter, Blackhole bh) {
    Task task = tasks[next];
    next = (next + 1) % TASKS;
    bh.consume(runner.play(task, policy, budget, SEED, episode++).totalReturn());
    counter.steps += budget;
  }
}
