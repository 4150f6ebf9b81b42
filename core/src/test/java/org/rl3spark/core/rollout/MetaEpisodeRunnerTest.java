package org.rl3spark.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.MetaOracle;
import org.rl3spark.core.policy.Policies;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.PolicySet;
import org.rl3spark.core.policy.PolicySpec;
import org.rl3spark.core.policy.RandomPolicy;
import org.rl3spark.core.policy.fixtures.BernoulliBanditTask;
import org.rl3spark.core.policy.fixtures.TableMdpTask;
import org.rl3spark.core.policy.fixtures.TestRandom;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Task;

/** Rollouts of one policy through one meta-episode: seeds, bookkeeping and returns. */
class MetaEpisodeRunnerTest {

  private static final MetaEpisodeRunner RUNNER = new MetaEpisodeRunner();
  private static final long MASTER = 42;

  /** Another name for the same behaviour. */
  private record Renamed(String name, Policy inner) implements Policy {
    private static final long serialVersionUID = 1L;

    @Override
    public Agent start(AgentContext context) {
      return inner.start(context);
    }
  }

  /** Records what the runner passes to {@link Agent#learn}. */
  private static final class Recording implements Policy {
    private static final long serialVersionUID = 1L;
    final List<double[]> calls = new ArrayList<>();
    AgentContext context;

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public Agent start(AgentContext ctx) {
      context = ctx;
      Rng rng = ctx.rng();
      return new Agent() {
        @Override
        public int act(org.rl3spark.core.policy.Observation o) {
          return rng.nextInt(ctx.numActions());
        }

        @Override
        public void learn(int state, int action, double reward, int next, boolean terminated) {
          calls.add(new double[] {state, action, reward, next, terminated ? 1 : 0});
        }
      };
    }
  }

  private static Policy create(String spec, String family) {
    PolicySet set = family.equals("bandits") ? PolicySet.BANDIT : PolicySet.TABULAR;
    return Policies.create(PolicySpec.parse(spec), family, set, 100);
  }

  private static void assertSameTrajectory(Trajectory a, Trajectory b) {
    assertThat(a.states()).containsExactly(b.states());
    assertThat(a.episodeSteps()).containsExactly(b.episodeSteps());
    assertThat(a.actions()).containsExactly(b.actions());
    assertThat(a.rewards()).containsExactly(b.rewards());
    assertThat(a.episodeEnds()).containsExactly(b.episodeEnds());
    assertThat(a.totalReturn()).isEqualTo(b.totalReturn());
  }

  private static TableMdpTask mdp() {
    return TableMdpTask.random(4, 10, 5, 10, TestRandom.rng("runner-mdp"));
  }

  // ---------------------------------------------------------------------------------------------
  // Seeds

  @Test
  void sameTaskPolicyBudgetAndSeedGiveTheSameTrajectory() {
    Task bandit = BernoulliBanditTask.of(3, 0.2, 0.5, 0.7);
    for (String spec : new String[] {"thompson", "random", "ots_rl2(samples=3)"}) {
      assertSameTrajectory(
          RUNNER.play(bandit, create(spec, "bandits"), 50, MASTER, 0),
          RUNNER.play(bandit, create(spec, "bandits"), 50, MASTER, 0));
    }
    for (String spec : new String[] {"psrl", "random", "ucrl2", "epsilon_greedy"}) {
      assertSameTrajectory(
          RUNNER.play(mdp(), create(spec, "mdps"), 40, MASTER, 0),
          RUNNER.play(mdp(), create(spec, "mdps"), 40, MASTER, 0));
    }
  }

  @Test
  void differentPolicyNamesDrawDifferentPolicyStreams() {
    Task bandit = BernoulliBanditTask.of(3, 0.2, 0.5, 0.7, 0.4, 0.9);
    Trajectory a = RUNNER.play(bandit, new Renamed("a", new RandomPolicy()), 60, MASTER, 0);
    Trajectory a2 = RUNNER.play(bandit, new Renamed("a", new RandomPolicy()), 60, MASTER, 0);
    Trajectory b = RUNNER.play(bandit, new Renamed("b", new RandomPolicy()), 60, MASTER, 0);
    assertThat(a.actions()).containsExactly(a2.actions());
    assertThat(Arrays.equals(a.actions(), b.actions())).isFalse();
    long seedA = MetaEpisodeRunner.policyRng(MASTER, "a", bandit.id(), 60, 0).nextLong();
    long seedB = MetaEpisodeRunner.policyRng(MASTER, "b", bandit.id(), 60, 0).nextLong();
    assertThat(seedA).isNotEqualTo(seedB);
  }

  @Test
  void envDynamicsDoNotDependOnThePolicyName() {
    // The oracle is deterministic: under two names it makes the same choices, so equal rewards
    // mean equal reward noise and transitions.
    Task task = mdp();
    Policy oracle = new MetaOracle.OraclePolicy();
    assertSameTrajectory(
        RUNNER.play(task, new Renamed("x", oracle), 30, MASTER, 0),
        RUNNER.play(task, new Renamed("y", oracle), 30, MASTER, 0));
    // greedy and ucb1_rl2(c=0) are the same rule under different names.
    Task bandit = BernoulliBanditTask.of(3, 0.2, 0.5, 0.7, 0.4, 0.9);
    assertSameTrajectory(
        RUNNER.play(bandit, create("greedy", "bandits"), 100, MASTER, 0),
        RUNNER.play(bandit, create("ucb1_rl2(c=0)", "bandits"), 100, MASTER, 0));
  }

  @Test
  void metaEpisodeIndexAndMasterSeedChangeTheDynamics() {
    Task task = mdp();
    Policy oracle = new MetaOracle.OraclePolicy();
    Trajectory base = RUNNER.play(task, oracle, 30, MASTER, 0);
    assertThat(Arrays.equals(base.rewards(), RUNNER.play(task, oracle, 30, MASTER, 1).rewards()))
        .isFalse();
    Trajectory otherMaster = RUNNER.play(task, oracle, 30, MASTER + 1, 0);
    assertThat(Arrays.equals(base.rewards(), otherMaster.rewards())).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // Returns

  @Test
  void randomPolicyEarnsHalfTheBudgetOnUniformBandits() {
    Rng rng = TestRandom.rng("runner-random-bandits");
    Policy random = new RandomPolicy();
    int n = 4000;
    int budget = 10;
    double s = 0;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double r =
          RUNNER
              .play(BernoulliBanditTask.uniform(i, 5, rng), random, budget, MASTER, 0)
              .totalReturn();
      s += r;
      ss += r * r;
    }
    double mean = s / n;
    double se = Math.sqrt((ss / n - mean * mean) / (n - 1));
    assertThat(mean).as("SE %s", se).isCloseTo(budget / 2.0, within(4 * se));
  }

  @Test
  void randomPolicyEarnsTheMeanArmOnAFixedBandit() {
    BernoulliBanditTask task = BernoulliBanditTask.of(7, 0.1, 0.35, 0.9);
    int n = 4000;
    double s = 0;
    double ss = 0;
    for (int e = 0; e < n; e++) {
      double r = RUNNER.play(task, new RandomPolicy(), 20, MASTER, e).totalReturn();
      s += r;
      ss += r * r;
    }
    double mean = s / n;
    double se = Math.sqrt((ss / n - mean * mean) / (n - 1));
    assertThat(mean).isCloseTo(20 * task.mean(), within(4 * se));
  }

  @Test
  void randomPolicyEarnsItsPolicyValueOnAFixedMdp() {
    // Uniform-policy evaluation over one 10-step episode, three episodes per meta-episode.
    TableMdpTask task = mdp();
    int n = task.states();
    double[] v = new double[n];
    for (int h = 1; h <= 10; h++) {
      double[] next = new double[n];
      for (int s = 0; s < n; s++) {
        for (int a = 0; a < task.actions(); a++) {
          double q = task.meanReward(s, a);
          for (int t = 0; t < n; t++) {
            q += task.transition(s, a, t) * v[t];
          }
          next[s] += q / task.actions();
        }
      }
      v = next;
    }
    int episodes = 3000;
    double s = 0;
    double ss = 0;
    for (int e = 0; e < episodes; e++) {
      double r = RUNNER.play(task, new RandomPolicy(), 30, MASTER, e).totalReturn();
      s += r;
      ss += r * r;
    }
    double mean = s / episodes;
    double se = Math.sqrt((ss / episodes - mean * mean) / (episodes - 1));
    assertThat(mean).as("SE %s", se).isCloseTo(3 * v[0], within(4 * se));
  }

  // ---------------------------------------------------------------------------------------------
  // Bookkeeping

  @Test
  void banditTrajectoriesEndAnEpisodeAtEveryPull() {
    Trajectory t =
        RUNNER.play(BernoulliBanditTask.of(0, 0.5, 0.5), new RandomPolicy(), 25, MASTER, 0);
    assertThat(t.length()).isEqualTo(25);
    for (int i = 0; i < 25; i++) {
      assertThat(t.episodeEnds()[i]).isTrue();
      assertThat(t.states()[i]).isZero();
      assertThat(t.episodeSteps()[i]).isZero();
      assertThat(t.rewards()[i]).isIn(0f, 1f);
    }
    double sum = 0;
    for (float r : t.rewards()) {
      sum += r;
    }
    assertThat(t.totalReturn()).isEqualTo(sum);
  }

  @Test
  void mdpTrajectoriesEndAnEpisodeEveryTaskHorizon() {
    TableMdpTask task = mdp();
    Trajectory t = RUNNER.play(task, create("psrl", "mdps"), 30, MASTER, 0);
    double sum = 0;
    for (int i = 0; i < 30; i++) {
      assertThat(t.episodeEnds()[i]).as("step %d", i).isEqualTo(i % 10 == 9);
      assertThat(t.episodeSteps()[i]).isEqualTo(i % 10);
      if (i % 10 == 0) {
        assertThat(t.states()[i]).as("episode start").isEqualTo(task.startState());
      }
      if (i > 0 && i % 10 != 0) {
        // The state acted in is a possible successor of the previous step.
        assertThat(task.transition(t.states()[i - 1], t.actions()[i - 1], t.states()[i]))
            .isPositive();
      }
      sum += t.rewards()[i];
    }
    assertThat(t.totalReturn()).isCloseTo(sum, within(1e-4));
    // Budget shorter than the task horizon: one truncated episode.
    Trajectory shortRun = RUNNER.play(task, new RandomPolicy(), 4, MASTER, 0);
    assertThat(shortRun.episodeEnds()).containsExactly(false, false, false, true);
    assertThat(shortRun.episodeSteps()).containsExactly(0, 1, 2, 3);
  }

  @Test
  void absorbingGoalsEndEpisodesEarlyAndTheAgentLearnsOfIt() {
    TableMdpTask chain = TableMdpTask.chain(2, 0.3, 4);
    Recording recording = new Recording();
    Trajectory t = RUNNER.play(chain, recording, 60, MASTER, 0);
    assertThat(recording.context.taskHorizon()).isEqualTo(4);
    assertThat(recording.context.numStates()).isEqualTo(3);
    assertThat(recording.context.numActions()).isEqualTo(2);
    assertThat(recording.context.budget()).isEqualTo(60);
    assertThat(recording.calls).hasSize(60);
    int tau = 0;
    int state = 0;
    int goals = 0;
    for (int i = 0; i < 60; i++) {
      double[] call = recording.calls.get(i);
      assertThat(t.states()[i]).isEqualTo(state);
      assertThat(t.episodeSteps()[i]).isEqualTo(tau);
      int next = t.actions()[i] == 1 ? state + 1 : state;
      boolean goal = next == 2;
      boolean ended = goal || tau == 3;
      assertThat(t.episodeEnds()[i]).as("step %d", i).isEqualTo(ended);
      double reward = goal ? 1 : t.actions()[i] == 0 ? 0.3 : 0;
      assertThat(t.rewards()[i]).isEqualTo((float) reward);
      // learn(state, action, reward, next or −1 at an episode end, terminated only at the goal)
      assertThat(call)
          .containsExactly(state, t.actions()[i], reward, ended ? -1 : next, goal ? 1 : 0);
      goals += goal ? 1 : 0;
      state = ended ? 0 : next;
      tau = ended ? 0 : tau + 1;
    }
    assertThat(goals).as("a random policy reaches the goal sometimes").isPositive();
    assertThat(t.totalReturn())
        .isCloseTo(
            goals + 0.3 * Arrays.stream(t.actions()).filter(a -> a == 0).count(), within(1e-9));
  }
}
