package org.rl3spark.jobs.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.rl3spark.core.env.Env;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.meta.InnerEnvFactory;
import org.rl3spark.core.meta.MetaEnv;
import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.Observation;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.rollout.MetaEpisodeRunner;
import org.rl3spark.core.vamdp.Vamdp;
import org.rl3spark.core.vamdp.VamdpConfig;
import org.rl3spark.envs.grid.GridTask;

/**
 * Plays one meta-episode of a policy on a GridWorld task exactly as {@link MetaEpisodeRunner} does
 * (same seeds, so the same trajectory and return as {@code rollout} and {@code evaluate}), and runs
 * a VAMDP alongside: every transition of the task env is recorded and fed to a second, "shadow"
 * {@link Vamdp} over a replaying env, whose learned model and value iteration give the value
 * estimates v(s) = max_a Q(s, a) of the states visited so far, whatever the policy is.
 *
 * <p>With the policy's own VAMDP settings (a trained RL³ agent's), the shadow's estimates are the
 * ones the agent observed; for other policies they are what RL³'s object-level RL would have
 * estimated from the same experience.
 */
public final class GridReplay {

  private GridReplay() {}

  /**
   * A snapshot before the action of step {@code step} ({@code step} = H: after the last step).
   *
   * @param step meta step t, 0 ≤ t ≤ H
   * @param episode 1-based inner episode the agent is in
   * @param state the agent's tile (concrete state)
   * @param returnSoFar total reward of steps 0 .. t − 1
   * @param values v(s) = max_a Q(s, a) of every concrete state visited so far, NaN elsewhere
   */
  public record Snapshot(int step, int episode, int state, double returnSoFar, double[] values) {
    /** Copies the values. */
    public Snapshot {
      values = values.clone();
    }

    /** The number of visited states (those with a value). */
    public int visited() {
      int n = 0;
      for (double v : values) {
        if (!Double.isNaN(v)) {
          n++;
        }
      }
      return n;
    }
  }

  /**
   * One step of the meta-episode.
   *
   * @param step meta step t
   * @param episode 1-based inner episode
   * @param state the tile acted in
   * @param action the action (0 noop, 1 north, 2 east, 3 south, 4 west)
   * @param reward the reward
   * @param next the tile reached (an absorbing goal or danger tile when the episode terminated)
   * @param episodeEnd whether the step ended the inner episode
   */
  public record StepRow(
      int step, int episode, int state, int action, double reward, int next, boolean episodeEnd) {}

  /**
   * What was played.
   *
   * @param snapshots one per requested step, ascending
   * @param steps every step, in order
   * @param totalReturn the meta-episode's total reward
   */
  public record Result(List<Snapshot> snapshots, List<StepRow> steps, double totalReturn) {}

  /**
   * Plays meta-episode {@code episode} of {@code policy} on {@code task}.
   *
   * @param policyVamdp the VAMDP settings of the policy's observation wrapper (a trained RL³
   *     agent's), or null when the policy plays the bare task env; must match {@link
   *     Policy#innerEnv()}
   * @param shadowVamdp the VAMDP settings of the value estimates
   * @param snapshotSteps the steps to snapshot, each in [0, budget]
   */
  public static Result play(
      GridTask task,
      Policy policy,
      VamdpConfig policyVamdp,
      VamdpConfig shadowVamdp,
      int budget,
      long master,
      long episode,
      Set<Integer> snapshotSteps) {
    Set<Integer> wanted = new TreeSet<>(snapshotSteps);
    for (int t : wanted) {
      if (t < 0 || t > budget) {
        throw new IllegalArgumentException(
            "snapshot step " + t + " is outside [0, " + budget + "]");
      }
    }
    List<Transition> log = new ArrayList<>(1);
    InnerEnvFactory recorded =
        (t, th) -> {
          RecordingEnv rec = new RecordingEnv((TabularEnv) t.newEnv(), log);
          return policyVamdp == null ? rec : new Vamdp(rec, policyVamdp, th);
        };
    checkWrapper(policy, recorded, task, budget);
    Env sizing = recorded.create(task, Math.min(task.taskHorizon(), budget));
    MetaEnv env =
        new MetaEnv(recorded, budget, null, sizing.numActions(), sizing.observationSize());
    env.reset(task, MetaEpisodeRunner.dynamicsRng(master, task.id(), budget, episode));
    log.clear();
    Rng rng = MetaEpisodeRunner.policyRng(master, policy.name(), task.id(), budget, episode);
    int numStates = task.model().numStates();
    Agent agent =
        policy.start(
            new AgentContext(task, budget, env.numActions(), numStates, env.taskHorizon(), rng));
    Observation o = new Observation();
    if (policy.needsVector()) {
      o.vector = new float[env.observationSize()];
    }

    ReplayEnv replay = new ReplayEnv((TabularEnv) task.newEnv());
    Vamdp shadow = new Vamdp(replay, shadowVamdp, env.taskHorizon());
    shadow.reset(null);
    boolean[] visited = new boolean[numStates];
    visited[task.startState()] = true;

    List<Snapshot> snapshots = new ArrayList<>();
    List<StepRow> steps = new ArrayList<>(budget);
    double total = 0;
    int agentState = env.innerState();
    for (int t = 0; t < budget; t++) {
      if (wanted.contains(t)) {
        snapshots.add(snapshot(t, env.episodes(), agentState, total, shadow, visited));
      }
      o.step = t;
      o.episodeStep = env.episodeSteps();
      o.state = env.innerState();
      if (o.vector != null) {
        env.observe(o.vector, 0);
      }
      int episodeNow = env.episodes();
      int a = agent.act(o);
      Step s = env.step(a);
      boolean ended = env.lastEpisodeEnded();
      agent.learn(o.state, a, s.reward(), ended ? -1 : env.innerState(), env.lastInnerTerminated());
      if (log.size() != 1) {
        throw new IllegalStateException(
            "expected one transition of the task env, saw " + log.size());
      }
      Transition tr = log.remove(0);
      replay.feed(tr);
      shadow.step(a);
      visited[tr.next()] = true;
      if (ended) {
        shadow.reset(null);
      }
      total += s.reward();
      steps.add(new StepRow(t, episodeNow, o.state, a, s.reward(), tr.next(), ended));
      agentState = tr.next();
    }
    if (wanted.contains(budget)) {
      snapshots.add(snapshot(budget, env.episodes(), agentState, total, shadow, visited));
    }
    return new Result(snapshots, steps, total);
  }

  /** Fails if the recorded wrapper is not the one the policy plays. */
  private static void checkWrapper(Policy policy, InnerEnvFactory recorded, GridTask task, int h) {
    int th = Math.min(task.taskHorizon(), h);
    Env own = policy.innerEnv().create(task, th);
    Env ours = recorded.create(task, th);
    boolean same =
        own instanceof Vamdp ov
            ? ours instanceof Vamdp rv && ov.config().equals(rv.config())
            : !(ours instanceof Vamdp) && own.observationSize() == ours.observationSize();
    if (!same) {
      throw new IllegalArgumentException(
          "policy "
              + policy.name()
              + " plays "
              + own.getClass().getSimpleName()
              + " observations, not the "
              + (ours instanceof Vamdp ? "VAMDP" : "task env")
              + " the replay was given");
    }
  }

  private static Snapshot snapshot(
      int t, int episode, int state, double total, Vamdp shadow, boolean[] visited) {
    double[] values = new double[visited.length];
    Arrays.fill(values, Double.NaN);
    int actions = shadow.numActions();
    for (int s = 0; s < visited.length; s++) {
      int id = shadow.model().idOf(s);
      if (!visited[s] || id < 0) {
        continue;
      }
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < actions; a++) {
        best = Math.max(best, shadow.solvedQ(id, a));
      }
      values[s] = best;
    }
    return new Snapshot(t, episode, state, total, values);
  }

  /** One transition of the task env. */
  record Transition(int state, int action, double reward, int next, boolean terminated) {}

  /** A task env wrapper: the sizes, the model and the state encoding are the wrapped env's. */
  abstract static class WrappedEnv implements TabularEnv {
    private static final long serialVersionUID = 1L;
    final TabularEnv env;

    WrappedEnv(TabularEnv env) {
      this.env = env;
    }

    @Override
    public int numActions() {
      return env.numActions();
    }

    @Override
    public int observationSize() {
      return env.observationSize();
    }

    @Override
    public int numStates() {
      return env.numStates();
    }

    @Override
    public TabularModel model() {
      return env.model();
    }

    @Override
    public void encodeState(int s, float[] out, int offset) {
      env.encodeState(s, out, offset);
    }
  }

  /** A task env that records each transition into a shared log; otherwise transparent. */
  static final class RecordingEnv extends WrappedEnv {
    private static final long serialVersionUID = 1L;
    private final transient List<Transition> log;

    RecordingEnv(TabularEnv env, List<Transition> log) {
      super(env);
      this.log = log;
    }

    @Override
    public void reset(Rng rng) {
      env.reset(rng);
    }

    @Override
    public Step step(int action) {
      int s = env.state();
      Step step = env.step(action);
      log.add(new Transition(s, action, step.reward(), env.state(), step.terminated()));
      return step;
    }

    @Override
    public boolean isRunning() {
      return env.isRunning();
    }

    @Override
    public int state() {
      return env.state();
    }
  }

  /**
   * A task env that replays fed transitions: {@link #step} returns the transition given to {@link
   * #feed} (whose action must match), and {@link #reset} returns to the start state.
   */
  static final class ReplayEnv extends WrappedEnv {
    private static final long serialVersionUID = 1L;
    private Transition pending;
    private int state = -1;
    private boolean running;

    ReplayEnv(TabularEnv env) {
      super(env);
    }

    void feed(Transition t) {
      if (t.state() != state) {
        throw new IllegalStateException(
            "replay is in state " + state + " but the transition starts in " + t.state());
      }
      pending = t;
    }

    @Override
    public void reset(Rng rng) {
      env.reset(rng);
      state = env.state();
      pending = null;
      running = true;
    }

    @Override
    public Step step(int action) {
      if (pending == null || pending.action() != action) {
        throw new IllegalStateException("no fed transition for action " + action);
      }
      Transition t = pending;
      pending = null;
      state = t.next();
      running = !t.terminated();
      return new Step(t.reward(), t.terminated(), false);
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    @Override
    public int state() {
      return state;
    }
  }
}
