package org.rl3spark.envs.conformance;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.rl3spark.core.env.Env;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.meta.InnerEnvFactory;
import org.rl3spark.core.meta.MetaEnv;
import org.rl3spark.core.meta.TaskSource;
import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.core.vamdp.QSource;
import org.rl3spark.core.vamdp.Vamdp;
import org.rl3spark.envs.Families;
import org.rl3spark.envs.family.ConformanceSample;
import org.rl3spark.envs.family.FamilySupport;

/**
 * Every env and wrapper the conformance suite checks, as named entries.
 *
 * <p>An entry is a base (a task family, a split and the declared state encoding) under a wrapper
 * (the raw task env, or a meta-episode with an inner-env factory). The bases are the conformance
 * samples of every registered family ({@link FamilySupport#conformanceSamples()}), so registering a
 * family enters it here; adding a wrapper is one line in {@link #WRAPPERS}; every combination the
 * wrapper applies to becomes an entry.
 */
public final class EnvRegistry {

  /** Budget H of the meta-episode entries (a multiple of the random MDPs' task horizon). */
  public static final int BUDGET = 60;

  /** Master seed of the tasks the entries play. */
  public static final long MASTER_SEED = 2024L;

  /** Tasks per entry (meta entries cycle through them, one per meta-episode). */
  public static final int TASKS = 2;

  /** One task distribution. */
  public record Base(String name, TaskFamily family, Split split, StateEncoding encoding)
      implements Serializable {}

  /**
   * A way to present a base's tasks to an agent.
   *
   * @param name suffix of the entry's name
   * @param factory the inner env factory of the meta-episode for a family, null if it does not
   *     apply; ignored if {@code raw}
   * @param raw whether the entry is the bare task env
   */
  public record Wrapper(String name, Function<TaskFamily, InnerEnvFactory> factory, boolean raw) {}

  private static final List<Base> BASES = bases();

  private static final List<Wrapper> WRAPPERS =
      List.of(
          new Wrapper("raw", f -> null, true),
          new Wrapper("rl2", f -> InnerEnvFactory.rl2(), false),
          new Wrapper("rl3", f -> InnerEnvFactory.rl3(f.vamdpDefaults()), false),
          new Wrapper(
              "rl3-successor-cache",
              f -> InnerEnvFactory.rl3(f.vamdpDefaults().withQSource(QSource.SUCCESSOR_CACHE)),
              false),
          new Wrapper("rl3-paper", f -> InnerEnvFactory.rl3(f.vamdpDefaults().paper()), false),
          new Wrapper("rl3-coarse", EnvRegistry::coarse, false));

  private static final Map<String, List<Task>> TASK_CACHE = new ConcurrentHashMap<>();

  private EnvRegistry() {}

  /** RL³-coarse for a family with a state abstraction, null for the others. */
  private static InnerEnvFactory coarse(TaskFamily family) {
    try {
      return InnerEnvFactory.rl3(family.coarseDefaults());
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  /** The conformance samples of every registered family ({@link Families}). */
  private static List<Base> bases() {
    List<Base> b = new ArrayList<>();
    for (FamilySupport<?> f : Families.all()) {
      for (ConformanceSample s : f.conformanceSamples()) {
        b.add(new Base(s.name(), s.family(), s.split(), StateEncoding.of(s.family())));
      }
    }
    return List.copyOf(b);
  }

  /** All entries: every base under every wrapper that applies to it. */
  public static List<EnvEntry> entries() {
    List<EnvEntry> out = new ArrayList<>();
    for (Base base : BASES) {
      for (Wrapper w : WRAPPERS) {
        if (w.raw()) {
          out.add(new EnvEntry(base.name() + "/raw", base, null));
        } else {
          InnerEnvFactory f = w.factory().apply(base.family());
          if (f != null) {
            out.add(new EnvEntry(base.name() + "/" + w.name(), base, f));
          }
        }
      }
    }
    return out;
  }

  /** The tasks of a base (generated once per test run). */
  static List<Task> tasks(Base base) {
    return TASK_CACHE.computeIfAbsent(
        base.name(),
        k -> {
          List<Task> t = new ArrayList<>();
          for (int i = 0; i < TASKS; i++) {
            t.add(base.family().generate(base.split(), i, MASTER_SEED));
          }
          return List.copyOf(t);
        });
  }

  /**
   * An entry.
   *
   * @param name display name, {@code base/wrapper}
   * @param base the task distribution
   * @param factory the meta-episode's inner env factory, or null for the raw task env
   */
  public record EnvEntry(String name, Base base, InnerEnvFactory factory) {

    /** A new, not yet reset instance of the entry's env. */
    public Env create() {
      List<Task> tasks = tasks(base);
      if (factory == null) {
        return tasks.get(0).newEnv();
      }
      return MetaEnv.of(factory, BUDGET, tasks.get(0), TaskSource.cycling(tasks));
    }

    /** Whether the entry is a meta-episode. */
    public boolean isMeta() {
      return factory != null;
    }

    /** Whether the bare task env can terminate: its task's model has an absorbing state. */
    public boolean taskCanTerminate() {
      TabularModel model = tasks(base).get(0).model();
      for (int s = 0; s < model.numStates(); s++) {
        if (model.isAbsorbing(s)) {
          return true;
        }
      }
      return false;
    }

    /** The task the env is currently simulating. */
    public Task currentTask(Env env) {
      return env instanceof MetaEnv m ? m.task() : tasks(base).get(0);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The tabular env at the bottom of a wrapper chain (after reset for meta envs). */
  public static TabularEnv tabularOf(Env env) {
    if (env instanceof MetaEnv m) {
      return tabularOf(m.inner());
    }
    if (env instanceof Vamdp v) {
      return v.inner();
    }
    return (TabularEnv) env;
  }
}
