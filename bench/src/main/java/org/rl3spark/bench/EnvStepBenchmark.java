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
import org.rl3spark.core.env.Env;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.meta.InnerEnvFactory;
import org.rl3spark.core.meta.MetaEnv;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.envs.mdp.RandomMdpFamily;

/**
 * Env steps per second on one thread, for each family, raw and wrapped.
 *
 * <p>One benchmark invocation plays one whole meta-episode of H steps with uniformly random actions
 * on the next of 64 pre-generated test tasks, writing the observation after every step (the work a
 * rollout does besides the policy). {@code raw}: the bare task env, reset whenever an episode ends
 * (no observation vector beyond the state encoding). {@code rl2}: the meta-episode with the RL²
 * observation. {@code rl3}: with the VAMDP (learned model + value iteration after every step, code
 * defaults). {@code rl3_coarse}: grids only, RL³ with 2-state clusters. The primary score is
 * meta-episodes per second; the {@code metaEpisode:steps} line is env steps per second (H per
 * meta-episode).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvStepBenchmark {

  private static final int TASKS = 64;
  private static final long SEED = 20261121L;

  /** family:H. */
  @Param({"bandits:100", "mdps:100", "gridworld-11x11:250", "gridworld-13x13:350"})
  public String family;

  /** Observation variant. */
  @Param({"raw", "rl2", "rl3", "rl3_coarse"})
  public String wrapper;

  private Task[] tasks;
  private int budget;
  private MetaEnv meta;
  private Rng rng;
  private float[] obs;
  private int next;

  @Setup
  public void setup() {
    String[] parts = family.split(":");
    budget = Integer.parseInt(parts[1]);
    TaskFamily f = familyOf(parts[0]);
    if (wrapper.equals("rl3_coarse") && !(f instanceof GridFamily)) {
      throw new IllegalStateException("rl3_coarse applies to grids only");
    }
    tasks = new Task[TASKS];
    for (int i = 0; i < TASKS; i++) {
      tasks[i] = f.generate(Split.TEST, i, SEED);
    }
    InnerEnvFactory factory =
        switch (wrapper) {
          case "raw", "rl2" -> InnerEnvFactory.rl2();
          case "rl3" -> InnerEnvFactory.rl3(f.vamdpDefaults());
          case "rl3_coarse" -> InnerEnvFactory.rl3(((GridFamily) f).coarseDefaults());
          default -> throw new IllegalArgumentException(wrapper);
        };
    meta = MetaEnv.of(factory, budget, tasks[0], null);
    obs = new float[meta.observationSize()];
    rng = Seeds.rng(SEED, "bench/actions");
  }

  static TaskFamily familyOf(String name) {
    return switch (name) {
      case "bandits" -> new BanditFamily(5);
      case "mdps" -> RandomMdpFamily.standard();
      case "gridworld-11x11" -> GridFamily.of("11x11");
      case "gridworld-13x13" -> GridFamily.of("13x13");
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** One meta-episode of H steps. */
  @Benchmark
  public void metaEpisode(Blackhole bh, StepCounter counter) {
    counter.steps += budget;
    Task task = tasks[next];
    next = (next + 1) % TASKS;
    Rng dynamics = Seeds.rng(SEED, Seeds.ENV_DYNAMICS, next);
    if (wrapper.equals("raw")) {
      rawEpisode(task, dynamics, bh);
      return;
    }
    meta.reset(task, dynamics);
    int actions = meta.numActions();
    double ret = 0;
    for (int t = 0; t < budget; t++) {
      Step s = meta.step(rng.nextInt(actions));
      meta.observe(obs, 0);
      ret += s.reward();
    }
    bh.consume(ret);
    bh.consume(obs);
  }

  private void rawEpisode(Task task, Rng dynamics, Blackhole bh) {
    Env env = task.newEnv();
    int th = Math.min(task.taskHorizon(), budget);
    env.reset(dynamics);
    int actions = env.numActions();
    int episodeSteps = 0;
    double ret = 0;
    for (int t = 0; t < budget; t++) {
      Step s = env.step(rng.nextInt(actions));
      env.observe(obs, 0);
      ret += s.reward();
      if (s.terminated() || ++episodeSteps >= th) {
        env.reset(dynamics);
        episodeSteps = 0;
      }
    }
    bh.consume(ret);
  }
}
