package org.rl3spark.core.meta;

import org.rl3spark.core.env.Env;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.vamdp.Vamdp;

/**
 * One meta-episode at a time: an interaction budget of H steps on one task (reference §2.1, §2.2).
 *
 * <p>{@link #reset(Task, Rng)} starts a meta-episode on a task with a fresh inner env from the
 * {@link InnerEnvFactory}: all object-level memory of the previous task is gone. Each {@link #step}
 * steps the inner env; when the inner episode terminates or reaches the task horizon TH = min(task
 * TH, H), the inner env is reset at once with the same generator, so the agent never observes the
 * terminal state: it sees the reward of the ending transition and the next episode's start state
 * with t_τ = 0. Inner memory (the VAMDP's model and counts) persists across these inner resets. The
 * meta-episode terminates after exactly H steps.
 *
 * <p>As an {@link Env}, {@link #reset(Rng)} plays the next task of the {@link TaskSource} given at
 * construction.
 */
public final class MetaEnv implements Env {

  private static final long serialVersionUID = 1L;

  private final InnerEnvFactory factory;
  private final int budget;
  private final TaskSource tasks;
  private final int numActions;
  private final MetaLayout layout;
  private Env inner;
  private Task task;
  private Rng rng;
  private int taskHorizon;
  private int steps;
  private int episodeSteps;
  private int episodes;
  private int previousAction = -1;
  private double previousReward;
  private boolean lastEpisodeEnded;
  private boolean lastInnerTerminated;

  /**
   * @param factory builds the inner env of each task
   * @param budget the interaction budget H ≥ 1
   * @param tasks where {@link #reset(Rng)} takes its tasks from (null if only {@link #reset(Task,
   *     Rng)} is used)
   * @param numActions action count of the family's tasks
   * @param innerSize observation length of the family's inner env
   */
  public MetaEnv(
      InnerEnvFactory factory, int budget, TaskSource tasks, int numActions, int innerSize) {
    if (budget < 1) {
      throw new IllegalArgumentException("budget H must be >= 1, got " + budget);
    }
    this.factory = factory;
    this.budget = budget;
    this.tasks = tasks;
    this.numActions = numActions;
    this.layout = new MetaLayout(numActions, innerSize);
  }

  /** A meta env over {@code tasks}, sized from its first task's inner env. */
  public static MetaEnv of(InnerEnvFactory factory, int budget, Task sizing, TaskSource tasks) {
    Env probe = factory.create(sizing, Math.min(sizing.taskHorizon(), budget));
    return new MetaEnv(factory, budget, tasks, probe.numActions(), probe.observationSize());
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
  public MetaLayout layout() {
    return layout;
  }

  /** The budget H. */
  public int budget() {
    return budget;
  }

  @Override
  public void reset(Rng rng) {
    if (tasks == null) {
      throw new IllegalStateException("this MetaEnv has no task source; use reset(task, rng)");
    }
    reset(tasks.next(), rng);
  }

  /**
   * Starts a meta-episode on {@code task}.
   *
   * @param task the task; a fresh inner env is built for it
   * @param rng generator of the inner dynamics for the whole meta-episode
   */
  public void reset(Task task, Rng rng) {
    Env created = factory.create(task, Math.min(task.taskHorizon(), budget));
    if (created.numActions() != numActions || created.observationSize() != layout.innerSize()) {
      throw new IllegalArgumentException(
          "task "
              + task.id()
              + " gives an inner env with "
              + created.numActions()
              + " actions and observation size "
              + created.observationSize()
              + ", but this MetaEnv was built for "
              + numActions
              + " and "
              + layout.innerSize());
    }
    this.task = task;
    this.inner = created;
    this.rng = rng;
    this.taskHorizon = Math.min(task.taskHorizon(), budget);
    this.steps = 0;
    this.episodeSteps = 0;
    this.episodes = 1;
    this.previousAction = -1;
    this.previousReward = 0;
    this.lastEpisodeEnded = false;
    this.lastInnerTerminated = false;
    inner.reset(rng);
  }

  @Override
  public boolean isRunning() {
    return inner != null && steps < budget;
  }

  @Override
  public Step step(int action) {
    Env.checkAction(action, numActions);
    if (inner == null) {
      throw new IllegalStateException("step() before reset()");
    }
    if (steps >= budget) {
      throw new IllegalStateException(
          "step() after the meta-episode ended (budget H=" + budget + " used); reset first");
    }
    Step s = inner.step(action);
    steps++;
    episodeSteps++;
    previousAction = action;
    previousReward = s.reward();
    lastInnerTerminated = s.terminated();
    lastEpisodeEnded = s.terminated() || episodeSteps >= taskHorizon;
    if (lastEpisodeEnded) {
      episodeSteps = 0;
      if (steps < budget) {
        episodes++;
      }
      inner.reset(rng);
    }
    return new Step(s.reward(), steps >= budget, false);
  }

  @Override
  public void observe(float[] out, int offset) {
    if (inner == null) {
      throw new IllegalStateException("observe() before reset()");
    }
    for (int a = 0; a < numActions; a++) {
      out[offset + layout.previousAction() + a] = a == previousAction ? 1f : 0f;
    }
    out[offset + layout.previousReward()] = (float) previousReward;
    out[offset + layout.startFlag()] = steps == 0 ? 1f : 0f;
    out[offset + layout.metaTime()] = (float) steps / budget;
    out[offset + layout.episodeTime()] = (float) episodeSteps / taskHorizon;
    inner.observe(out, offset + layout.inner());
  }

  /** Meta steps taken so far. */
  public int steps() {
    return steps;
  }

  /** Steps taken in the current inner episode. */
  public int episodeSteps() {
    return episodeSteps;
  }

  /** Inner episodes started in this meta-episode (1 after reset). */
  public int episodes() {
    return episodes;
  }

  /** Whether the last step ended an inner episode (termination or the task horizon). */
  public boolean lastEpisodeEnded() {
    return lastEpisodeEnded;
  }

  /** Whether the last step entered an absorbing state of the task. */
  public boolean lastInnerTerminated() {
    return lastInnerTerminated;
  }

  /**
   * The current concrete state of the task.
   *
   * @throws IllegalStateException if the inner env has no enumerable state
   */
  public int innerState() {
    if (inner instanceof TabularEnv t) {
      return t.state();
    }
    if (inner instanceof Vamdp v) {
      return v.state();
    }
    throw new IllegalStateException(
        "inner env " + inner.getClass().getSimpleName() + " has no enumerable state");
  }

  /** The effective task horizon min(TH, H). */
  public int taskHorizon() {
    return taskHorizon;
  }

  /** The current task. */
  public Task task() {
    return task;
  }

  /** The current inner env (the VAMDP for RL³). */
  public Env inner() {
    return inner;
  }
}
