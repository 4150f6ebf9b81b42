package org.rl3spark.core.rollout;

import org.rl3spark.core.env.Env;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.meta.InnerEnvFactory;
import org.rl3spark.core.meta.MetaEnv;
import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.Observation;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskId;

/**
 * Plays one policy through one meta-episode of budget H on one task.
 *
 * <p>Seeds: the env dynamics use {@code Seeds.derive(master, ENV_DYNAMICS, family, variant, split,
 * index, budget, episode)}, identical for every policy (common random numbers where the interaction
 * allows), and the policy's own generator adds the policy name. Nothing depends on which executor,
 * partition or attempt runs it.
 */
public final class MetaEpisodeRunner {

  /** A runner; each policy's meta-episodes wrap tasks with {@link Policy#innerEnv()}. */
  public MetaEpisodeRunner() {}

  /** The env-dynamics generator of a task's meta-episode. */
  public static Rng dynamicsRng(long master, TaskId id, int budget, long episode) {
    return Seeds.rng(
        master,
        Seeds.ENV_DYNAMICS,
        Seeds.hash(id.family()),
        Seeds.hash(id.variant()),
        id.split().ordinal(),
        id.index(),
        budget,
        episode);
  }

  /** The policy's generator for a task's meta-episode. */
  public static Rng policyRng(long master, String policyName, TaskId id, int budget, long episode) {
    return Seeds.rng(
        master,
        Seeds.POLICY,
        Seeds.hash(policyName),
        Seeds.hash(id.family()),
        Seeds.hash(id.variant()),
        id.split().ordinal(),
        id.index(),
        budget,
        episode);
  }

  /**
   * Plays meta-episode {@code episode} of {@code policy} on {@code task}.
   *
   * @param master the run's master seed
   * @param episode index of the meta-episode on this task (0 for evaluation)
   */
  public Trajectory play(Task task, Policy policy, int budget, long master, long episode) {
    InnerEnvFactory innerFactory = policy.innerEnv();
    Env sizing = innerFactory.create(task, Math.min(task.taskHorizon(), budget));
    MetaEnv env =
        new MetaEnv(innerFactory, budget, null, sizing.numActions(), sizing.observationSize());
    env.reset(task, dynamicsRng(master, task.id(), budget, episode));
    Rng rng = policyRng(master, policy.name(), task.id(), budget, episode);
    int numStates = task.model().numStates();
    Agent agent =
        policy.start(
            new AgentContext(task, budget, env.numActions(), numStates, env.taskHorizon(), rng));
    Observation o = new Observation();
    if (policy.needsVector()) {
      o.vector = new float[env.observationSize()];
    }
    int[] states = new int[budget];
    int[] episodeSteps = new int[budget];
    int[] actions = new int[budget];
    float[] rewards = new float[budget];
    boolean[] ends = new boolean[budget];
    double total = 0;
    for (int t = 0; t < budget; t++) {
      o.step = t;
      o.episodeStep = env.episodeSteps();
      o.state = env.innerState();
      if (o.vector != null) {
        env.observe(o.vector, 0);
      }
      int a = agent.act(o);
      Step s = env.step(a);
      boolean ended = env.lastEpisodeEnded();
      agent.learn(o.state, a, s.reward(), ended ? -1 : env.innerState(), env.lastInnerTerminated());
      states[t] = o.state;
      episodeSteps[t] = o.episodeStep;
      actions[t] = a;
      rewards[t] = (float) s.reward();
      ends[t] = ended;
      total += s.reward();
    }
    return new Trajectory(states, episodeSteps, actions, rewards, ends, total);
  }
}
