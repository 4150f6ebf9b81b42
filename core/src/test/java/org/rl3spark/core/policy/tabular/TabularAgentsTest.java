package org.rl3spark.core.policy.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rl3spark.core.policy.fixtures.Agents.at;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rl3spark.core.policy.Agent;
import org.rl3spark.core.policy.AgentContext;
import org.rl3spark.core.policy.Policy;
import org.rl3spark.core.policy.fixtures.Agents;
import org.rl3spark.core.policy.fixtures.TableMdpTask;
import org.rl3spark.core.policy.fixtures.TestRandom;
import org.rl3spark.core.rollout.MetaEpisodeRunner;
import org.rl3spark.core.rollout.Trajectory;

/**
 * The TabulaRL agents driven by hand: what they plan at each episode start (read from the plan's Q
 * table), when they re-plan, and how they act on the plan.
 */
class TabularAgentsTest {

  private static final double EPS = 1e-12;

  private static EpisodicAgent start(
      Policy policy, int states, int actions, int horizon, String purpose) {
    Agent agent =
        policy.start(Agents.context(states, actions, horizon, 1000, TestRandom.rng(purpose)));
    return (EpisodicAgent) agent;
  }

  private static double[][] snapshot(EpisodicAgent agent) {
    double[][] q = new double[agent.planner.q.length][];
    for (int h = 0; h < q.length; h++) {
      q[h] = agent.planner.q[h].clone();
    }
    return q;
  }

  /** Standard normal CDF by Simpson integration of the density. */
  private static double phi(double x) {
    int n = 2000;
    double h = Math.abs(x) / n;
    double acc = 0;
    for (int i = 0; i <= n; i++) {
      double t = i * h;
      double w = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
      acc += w * Math.exp(-t * t / 2);
    }
    double half = acc * h / 3 / Math.sqrt(2 * Math.PI);
    return x >= 0 ? 0.5 + half : 0.5 - half;
  }

  // ---------------------------------------------------------------------------------------------
  // Re-planning

  @Test
  void psrlResamplesExactlyAtEpisodeStarts() {
    EpisodicAgent agent = start(Psrl.standard(0), 2, 2, 3, "psrl-replan");
    List<double[][]> plans = new ArrayList<>();
    int step = 0;
    for (int episode = 0; episode < 5; episode++) {
      for (int tau = 0; tau < 3; tau++) {
        agent.act(at(step++, tau, tau % 2));
        double[][] q = snapshot(agent);
        if (tau == 0) {
          plans.add(q);
        } else {
          assertThat(q)
              .as("episode %d, step %d: plan unchanged mid-episode", episode, tau)
              .isDeepEqualTo(plans.get(plans.size() - 1));
        }
        agent.learn(tau % 2, 1, 1.0, tau == 2 ? -1 : (tau + 1) % 2, false);
      }
    }
    for (int i = 1; i < plans.size(); i++) {
      assertThat(Arrays.deepEquals(plans.get(i), plans.get(i - 1)))
          .as("a new posterior sample at episode start %d", i)
          .isFalse();
    }
  }

  @Test
  void ucrl2CountsEpisodesFromOneIntoItsLogTerm() {
    // One state, one action, no data: Q at the last step is the reward slack
    // scaling·sqrt(4 ln(2·S·A·(t + 1)/δ) / 1), with t the 1-based episode index.
    double scaling = 0.5;
    double delta = 0.05;
    EpisodicAgent agent = start(new Ucrl2(scaling, delta), 1, 1, 3, "ucrl2-episodes");
    int step = 0;
    for (int t = 1; t <= 4; t++) {
      double slack = scaling * Math.sqrt(4 * Math.log(2.0 * (t + 1) / delta));
      for (int tau = 0; tau < 3; tau++) {
        agent.act(at(step++, tau, 0));
        assertThat(agent.planner.q[2][0])
            .as("episode %d, step %d", t, tau)
            .isCloseTo(slack, within(EPS));
        // All mass on the only successor: three steps of slack from the first step.
        assertThat(agent.planner.q[0][0]).isCloseTo(3 * slack, within(EPS));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // PSRL / OPSRL

  @Test
  void psrlPlansOnADrawFromTheNormalPosteriorAndActsOnIt() {
    // One state, two actions, one-step episodes: the plan's Q is the sampled mean reward.
    Psrl policy = new Psrl(1, 1.0, 0.5, 2.0, 1.0);
    EpisodicAgent agent = start(policy, 1, 2, 1, "psrl-moments");
    agent.act(at(0, 0, 0));
    for (double r : new double[] {1, 2, 0.5}) {
      agent.learn(0, 0, r, -1, false);
    }
    // Action 0: (0.5·2 + 3.5) / (2 + 3) = 0.9, precision 5; action 1: the prior N(0.5, 1/2).
    int n = 20_000;
    double s = 0;
    double ss = 0;
    int picks0 = 0;
    for (int i = 1; i <= n; i++) {
      int a = agent.act(at(i, 0, 0));
      double q = agent.planner.q[0][0];
      s += q;
      ss += q * q;
      int greedy = agent.planner.q[0][0] >= agent.planner.q[0][1] ? 0 : 1;
      assertThat(a).isEqualTo(greedy);
      picks0 += a == 0 ? 1 : 0;
    }
    double mean = s / n;
    double var = ss / n - mean * mean;
    assertThat(mean).isCloseTo(0.9, within(4 * Math.sqrt(0.2 / n)));
    assertThat(var).isCloseTo(0.2, within(4 * 0.2 * Math.sqrt(2.0 / (n - 1))));
    // P(N(0.9, 1/5) > N(0.5, 1/2)) = Φ(0.4 / sqrt(0.7)).
    double p0 = phi(0.4 / Math.sqrt(0.7));
    assertThat(p0).isCloseTo(0.6837074391519793, within(1e-9));
    assertThat((double) picks0 / n).isCloseTo(p0, within(4 * Math.sqrt(p0 * (1 - p0) / n)));
  }

  @Test
  void opsrlPlansOnTheMaximumOfItsSamples() {
    // With three samples the one-step Q is the maximum of three N(μ, σ²) draws, whose mean is
    // μ + σ·3/(2√π).
    EpisodicAgent agent = start(new Psrl(3, 1.0, 0.0, 1.0, 1.0), 1, 1, 1, "opsrl-max");
    agent.act(at(0, 0, 0));
    agent.learn(0, 0, 2.0, -1, false);
    agent.learn(0, 0, 1.0, -1, false);
    agent.learn(0, 0, 3.0, -1, false); // N(6/4, 1/4)
    double mu = 1.5;
    double sigma = 0.5;
    int n = 20_000;
    double s = 0;
    double ss = 0;
    for (int i = 1; i <= n; i++) {
      agent.act(at(i, 0, 0));
      double q = agent.planner.q[0][0];
      s += q;
      ss += q * q;
    }
    double mean = s / n;
    double sd = Math.sqrt(ss / n - mean * mean);
    assertThat(mean)
        .isCloseTo(mu + sigma * 3 / (2 * Math.sqrt(Math.PI)), within(4 * sd / Math.sqrt(n)));
    // The variance of the maximum of three standard normals is 0.5595; one draw would give 1.
    assertThat(sd / sigma).isCloseTo(Math.sqrt(0.5595), within(0.03));
  }

  // ---------------------------------------------------------------------------------------------
  // BEB and UCRL2 plans after a traced history

  /** Two 2-step episodes of data in a 2-state, 2-action task, then the third episode starts. */
  private static void traceTwoEpisodes(EpisodicAgent agent) {
    agent.act(at(0, 0, 0));
    agent.learn(0, 0, 1.0, 1, false);
    agent.act(at(1, 1, 1));
    agent.learn(1, 1, 0.5, -1, false);
    agent.act(at(2, 0, 0));
    agent.learn(0, 0, 0.0, 0, false);
    agent.act(at(3, 1, 0));
    agent.learn(0, 1, 2.0, -1, false);
    agent.act(at(4, 0, 0));
  }

  @Test
  void bebAddsItsBonusesToTheMapModel() {
    EpisodicAgent agent = start(new Beb(0.01), 2, 2, 2, "beb");
    traceTwoEpisodes(agent);
    // Priors alpha0 = 1, mu0 = 0, tau0 = 1, tau = 1. β = 2·L²·scaling = 0.08, transition bonus
    // β·L/(1 + Σα) = 0.16/(1 + Σα), reward bonus 1/(precision + 1).
    //   (0,0): rewards 1, 0 -> mean 1/3, precision 3; counts [2, 2] (Σ 4); bonuses 1/4, 0.16/5
    //   (0,1): reward 2 -> mean 1, precision 2; counts [1, 1] (episode end); 1/3, 0.16/3
    //   (1,0): nothing -> 0, precision 1; [1, 1]; 1/2, 0.16/3
    //   (1,1): reward 0.5 -> 0.25, precision 2; [1, 1] (episode end); 1/3, 0.16/3
    double[] last = {1.0 / 3 + 1.0 / 4, 1 + 1.0 / 3, 0 + 1.0 / 2, 0.25 + 1.0 / 3};
    assertThat(agent.planner.q[1]).containsExactly(last, within(EPS));
    double v0 = Math.max(last[0], last[1]);
    double v1 = Math.max(last[2], last[3]);
    double[] first = {
      last[0] + 0.16 / 5 + 0.5 * v0 + 0.5 * v1,
      last[1] + 0.16 / 3 + 0.5 * v0 + 0.5 * v1,
      last[2] + 0.16 / 3 + 0.5 * v0 + 0.5 * v1,
      last[3] + 0.16 / 3 + 0.5 * v0 + 0.5 * v1
    };
    assertThat(agent.planner.q[0]).containsExactly(first, within(EPS));
    // Bonuses grow with the steps after the current one: at the last step there is none.
    assertThat(first[0] - last[0] - 0.5 * v0 - 0.5 * v1).isCloseTo(0.032, within(EPS));
  }

  @Test
  void bebBonusScalesWithTheEpisodeLengthCubed() {
    // One state, one action, no data, L = 3: Q_0 = 1/2 + (1/2 + β·L/2) + (1/2 + 2·β·L/2) with
    // β = 2·9·scaling.
    EpisodicAgent agent = start(new Beb(0.1), 1, 1, 3, "beb-length");
    agent.act(at(0, 0, 0));
    double bonus = 2 * 9 * 0.1 * 3 / 2;
    assertThat(agent.planner.q[2][0]).isCloseTo(0.5, within(EPS));
    assertThat(agent.planner.q[1][0]).isCloseTo(1.0 + bonus, within(EPS));
    assertThat(agent.planner.q[0][0]).isCloseTo(1.5 + 3 * bonus, within(EPS));
  }

  /** MAP rewards of {@link #traceTwoEpisodes} under UCRL2's prior precision 1e-4. */
  private static final double[] UCRL2_MAP_R = {1 / (1e-4 + 2), 2 / (1e-4 + 1), 0, 0.5 / (1e-4 + 1)};

  @Test
  void ucrl2SlacksFollowTheObservationCounts() {
    double scaling = 0.05;
    double delta = 0.05;
    EpisodicAgent agent = start(new Ucrl2(scaling, delta), 2, 2, 2, "ucrl2-slacks");
    traceTwoEpisodes(agent);
    // Third episode: log = ln(2·S·A·(3 + 1)/δ) = ln 640. Observation counts n (at least 1):
    //   (0,0): 2 rewards (1, 0), 2 counted transitions (to 1, to 0)
    //   (0,1): 1 reward (2), 0 transitions; (1,0): none; (1,1): 1 reward (0.5), 0 transitions.
    double log = Math.log(640);
    double[] nR = {2, 1, 1, 1};
    double[] nP = {2, 1, 1, 1};
    double[] r = UCRL2_MAP_R;
    double[] rSlack = new double[4];
    double[] pSlack = new double[4];
    for (int row = 0; row < 4; row++) {
      rSlack[row] = scaling * Math.sqrt(4 * log / nR[row]);
      pSlack[row] = scaling * Math.sqrt(4 * 2 * log / nP[row]);
    }
    // Last step: the optimistic transition does not matter.
    for (int row = 0; row < 4; row++) {
      assertThat(agent.planner.q[1][row])
          .as("row %d", row)
          .isCloseTo(r[row] + rSlack[row], within(1e-9));
    }
    assertThat(agent.planner.q[1][1])
        .isCloseTo(2 / 1.0001 + 0.05 * Math.sqrt(4 * Math.log(640)), within(1e-9));
    // First step. Every MAP row is uniform ((0,0) has counts [1 + α0, 1 + α0]) and every half
    // slack is below 1/2 (0.127 and 0.180). At h = 1 all next values tie, so the reference moves
    // half the slack to s1 and takes it from s0, in place; at h = 0, V_1(s0) > V_1(s1), so it moves
    // the same amount back: every row ends at [1/2, 1/2].
    double v0 = Math.max(r[0] + rSlack[0], r[1] + rSlack[1]);
    double v1 = Math.max(r[2] + rSlack[2], r[3] + rSlack[3]);
    assertThat(v0).isGreaterThan(v1);
    for (int row = 0; row < 4; row++) {
      assertThat(pSlack[row] / 2).isLessThan(0.5);
      assertThat(agent.planner.q[0][row])
          .as("row %d", row)
          .isCloseTo(r[row] + rSlack[row] + 0.5 * v0 + 0.5 * v1, within(1e-9));
    }
    // And the same as the planner run on these hand-built inputs.
    double[] p = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
    EpisodicPlanner expected = new EpisodicPlanner(2, 2, 2);
    expected.solveExtended(r, p, rSlack, pSlack);
    assertThat(agent.planner.q[0]).containsExactly(expected.q[0], within(1e-9));
  }

  @Test
  void ucrl2WithWideSlacksPlansOnAPointMassAtTheBestSuccessor() {
    double scaling = 0.5;
    EpisodicAgent agent = start(new Ucrl2(scaling, 0.05), 2, 2, 2, "ucrl2-wide");
    traceTwoEpisodes(agent);
    double log = Math.log(640);
    double[] nR = {2, 1, 1, 1};
    double best = Math.max(agent.planner.vmax[1][0], agent.planner.vmax[1][1]);
    for (int row = 0; row < 4; row++) {
      // Half slack scaling·sqrt(8 ln 640 / n)/2 ≥ 1.27: all mass on the best successor.
      double rSlack = scaling * Math.sqrt(4 * log / nR[row]);
      assertThat(agent.planner.q[1][row]).isCloseTo(UCRL2_MAP_R[row] + rSlack, within(1e-9));
      assertThat(agent.planner.q[0][row]).isCloseTo(UCRL2_MAP_R[row] + rSlack + best, within(1e-9));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Greedy / ε-greedy on the MAP model

  @Test
  void greedyMapActsOnThePosteriorMeanAndBreaksTiesUniformly() {
    EpisodicAgent agent = start(new GreedyMap(0), 1, 3, 1, "greedy-map");
    int[] counts = new int[3];
    for (int i = 0; i < 30_000; i++) {
      counts[agent.act(at(i, 0, 0))]++;
    }
    // No data: all Q are 0, ties broken uniformly (chi-square, 2 dof, p = 1e-5: 23.03).
    double chi2 = 0;
    for (int c : counts) {
      chi2 += (c - 10_000.0) * (c - 10_000.0) / 10_000.0;
    }
    assertThat(chi2).as(Arrays.toString(counts)).isLessThan(23.03);
    agent.learn(0, 0, 1.0, -1, false);
    agent.learn(0, 0, 1.0, -1, false);
    agent.learn(0, 1, 3.0, -1, false);
    agent.learn(0, 2, -1.0, -1, false);
    for (int i = 0; i < 100; i++) {
      assertThat(agent.act(at(i, 0, 0))).isEqualTo(1);
    }
    // Vanishing priors: the MAP mean is the sample mean up to 1e-4.
    assertThat(agent.planner.q[0])
        .containsExactly(
            new double[] {2 / (1e-4 + 2), 3 / (1e-4 + 1), -1 / (1e-4 + 1)}, within(EPS));
  }

  @Test
  void epsilonGreedyMapExploresWithProbabilityEpsilon() {
    EpisodicAgent agent = start(new GreedyMap(0.3), 1, 3, 1, "eps-greedy-map");
    agent.act(at(0, 0, 0));
    agent.learn(0, 1, 1.0, -1, false);
    int n = 30_000;
    int greedy = 0;
    for (int i = 1; i <= n; i++) {
      greedy += agent.act(at(i, 0, 0)) == 1 ? 1 : 0;
    }
    double p = 0.7 + 0.3 / 3;
    assertThat((double) greedy / n).isCloseTo(p, within(4 * Math.sqrt(p * (1 - p) / n)));
  }

  // ---------------------------------------------------------------------------------------------
  // Through a rollout

  /** Keeps the agent the runner starts, to inspect its posterior afterwards. */
  private static final class Capturing implements Policy {
    private static final long serialVersionUID = 1L;
    private final Policy inner;
    EpisodicAgent agent;

    Capturing(Policy inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public Agent start(AgentContext context) {
      agent = (EpisodicAgent) inner.start(context);
      return agent;
    }
  }

  @Test
  void inARolloutEveryRewardButOnlyNonFinalTransitionsAreCounted() {
    // A chain with an absorbing goal (episodes end early) and a task horizon of 4.
    TableMdpTask chain = TableMdpTask.chain(2, 0.3, 4);
    Capturing capture = new Capturing(new Psrl(1, 0.5, 0, 1, 2));
    Trajectory t = new MetaEpisodeRunner().play(chain, capture, 60, 5, 0);
    TabularPosterior post = capture.agent.posterior;
    double[] expectedCounts = new double[3 * 2 * 3];
    Arrays.fill(expectedCounts, 0.5);
    double[] rewardObservations = new double[6];
    int ends = 0;
    for (int i = 0; i < 60; i++) {
      int row = t.states()[i] * 2 + t.actions()[i];
      rewardObservations[row]++;
      if (t.episodeEnds()[i]) {
        ends++;
      } else {
        // The chain is deterministic (also after the last step of the budget).
        int next = t.actions()[i] == 1 ? t.states()[i] + 1 : t.states()[i];
        expectedCounts[row * 3 + next]++;
      }
    }
    assertThat(ends).isPositive();
    assertThat(post.concentration).containsExactly(expectedCounts, within(EPS));
    for (int row = 0; row < 6; row++) {
      assertThat(post.rewardPrecision[row]).isCloseTo(1 + 2 * rewardObservations[row], within(EPS));
    }
  }
}
