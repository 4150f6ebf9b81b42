package org.rl3spark.envs.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.meta.InnerEnvFactory;
import org.rl3spark.core.meta.MetaEnv;
import org.rl3spark.core.meta.MetaLayout;
import org.rl3spark.core.meta.TaskSource;
import org.rl3spark.core.model.ValueIteration;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Split;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.task.TaskFamily;
import org.rl3spark.core.task.TaskId;
import org.rl3spark.core.vamdp.QSource;
import org.rl3spark.core.vamdp.Vamdp;
import org.rl3spark.core.vamdp.VamdpConfig;
import org.rl3spark.core.vamdp.VamdpLayout;
import org.rl3spark.envs.bandit.BanditFamily;
import org.rl3spark.envs.bandit.BanditTask;
import org.rl3spark.envs.grid.GridFamily;
import org.rl3spark.envs.grid.GridTask;
import org.rl3spark.envs.grid.GridVariant;
import org.rl3spark.envs.mdp.RandomMdpFamily;
import org.rl3spark.envs.mdp.RandomMdpTask;
import org.rl3spark.envs.testing.Stats;

/** The meta-episode (reference §2.1, §2.2, §2.4, §3.4, §9) on the real task families. */
class MetaEpisodeOnFamiliesTest {

  private static final long MASTER = 3L;

  private static Rng rng(String name) {
    return new Rng(Stats.seedOf("meta-families/" + name));
  }

  private static MetaEnv meta(InnerEnvFactory factory, int budget, Task task) {
    return MetaEnv.of(factory, budget, task, TaskSource.cycling(List.of(task)));
  }

  private static float[] observe(MetaEnv m) {
    float[] obs = new float[m.observationSize()];
    m.observe(obs, 0);
    return obs;
  }

  @ParameterizedTest
  @ValueSource(strings = {"rl2", "rl3", "rl3-successor-cache"})
  void banditsMakeEveryPullAnEpisode(String config) {
    BanditFamily family = new BanditFamily(5);
    BanditTask task = family.generate(Split.TEST, 0, MASTER);
    VamdpConfig vc = family.vamdpDefaults();
    InnerEnvFactory factory =
        switch (config) {
          case "rl2" -> InnerEnvFactory.rl2();
          case "rl3" -> InnerEnvFactory.rl3(vc);
          default -> InnerEnvFactory.rl3(vc.withQSource(QSource.SUCCESSOR_CACHE));
        };
    int h = 40;
    MetaEnv m = meta(factory, h, task);
    m.reset(rng("bandit-" + config));
    MetaLayout l = m.layout();
    assertThat(m.taskHorizon()).isEqualTo(1);
    Rng actions = rng("bandit-actions-" + config);
    int[] pulls = new int[5];
    double[] wins = new double[5];
    for (int t = 0; t < h; t++) {
      float[] obs = observe(m);
      assertThat(obs[l.episodeTime()]).as("t_tau/TH at decision time %s", t).isZero();
      assertThat(obs[l.metaTime()]).isEqualTo((float) t / h);
      assertThat(obs[l.inner()]).as("state one-hot: not pulled").isEqualTo(1f);
      assertThat(obs[l.inner() + 1]).isZero();
      assertThat(m.episodes()).as("one episode per pull").isEqualTo(t + 1);
      if (m.inner() instanceof Vamdp v) {
        checkBanditEstimates(v, obs, l.inner(), pulls, wins, config.equals("rl3"));
      }
      int a = actions.nextInt(5);
      Step s = m.step(a);
      pulls[a]++;
      wins[a] += s.reward();
      assertThat(s.terminated()).isEqualTo(t == h - 1);
      assertThat(observe(m)[l.previousReward()]).isEqualTo((float) s.reward());
    }
  }

  /**
   * RL³ on bandits: counts/10 are always shown; with the code's successor cache Q and V of the
   * start state stay zero (it is never a successor, reference §3.4); with the latest solve they are
   * one sweep from zero: Q(a) = mean reward · (N + λ) / (N + 2λ), 0 for unpulled arms (reference
   * §3.6).
   */
  private static void checkBanditEstimates(
      Vamdp v, float[] obs, int offset, int[] pulls, double[] wins, boolean latest) {
    VamdpLayout l = v.layout();
    double lambda = v.config().laplace();
    double[] q = new double[5];
    double best = 0;
    for (int a = 0; a < 5; a++) {
      q[a] = pulls[a] == 0 ? 0 : wins[a] / pulls[a] * (pulls[a] + lambda) / (pulls[a] + 2 * lambda);
      best = Math.max(best, q[a]);
    }
    for (int a = 0; a < 5; a++) {
      assertThat(obs[offset + l.counts() + a]).isEqualTo((float) (pulls[a] / 10.0));
      float expected = latest ? (float) (q[a] - best) : 0f;
      assertThat(obs[offset + l.advantages() + a])
          .as("advantage %s", a)
          .isCloseTo(expected, Offset.offset(1e-6f));
    }
    assertThat(obs[offset + l.value()])
        .as("V(start)")
        .isCloseTo(latest ? (float) best : 0f, Offset.offset(1e-6f));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rl2", "rl3"})
  void randomMdpEpisodesLastExactlyTenStepsAndRestartInStateZero(String config) {
    RandomMdpFamily family = RandomMdpFamily.standard();
    RandomMdpTask task = family.generate(Split.TEST, 0, MASTER);
    InnerEnvFactory factory =
        config.equals("rl2") ? InnerEnvFactory.rl2() : InnerEnvFactory.rl3(family.vamdpDefaults());
    int h = 50;
    MetaEnv m = meta(factory, h, task);
    m.reset(rng("mdp-" + config));
    MetaLayout l = m.layout();
    assertThat(m.taskHorizon()).isEqualTo(10);
    Rng actions = rng("mdp-actions-" + config);
    for (int t = 0; t <= h; t++) {
      float[] obs = observe(m);
      assertThat(obs[l.episodeTime()]).as("t_tau/10 after %s steps", t).isEqualTo((t % 10) / 10f);
      if (t % 10 == 0) {
        assertThat(obs[l.inner()]).as("state 0 at the start of episode %s", t / 10).isEqualTo(1f);
      }
      if (t < h) {
        assertThat(m.episodes()).isEqualTo(t / 10 + 1);
        Step s = m.step(actions.nextInt(5));
        assertThat(s.terminated())
            .as("only the budget ends the meta-episode")
            .isEqualTo(t == h - 1);
      }
    }
    if (m.inner() instanceof Vamdp v) {
      // Truncation is not termination: the learned model has no absorbing state (reference §1.2).
      assertThat(v.model().numStates()).as("all 10 states known from the start").isEqualTo(10);
      for (int s = 0; s < 10; s++) {
        assertThat(v.model().isAbsorbing(s)).as("state %s", s).isFalse();
      }
      int visits = 0;
      for (int s = 0; s < 10; s++) {
        for (int a = 0; a < 5; a++) {
          visits += v.count(s, a);
        }
      }
      assertThat(visits).as("counts persist across the inner episodes").isEqualTo(h);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rl2", "rl3", "rl3-coarse"})
  void gridEpisodesEndOnlyAtTheGoalOrADanger(String config) {
    TaskId id = new TaskId(GridFamily.NAME, "hand", Split.TEST, 0, 0);
    GridTask g = GridTask.of(id, 0.0, "     ", "     ", " XSG ", "     ", "     ");
    GridFamily family = GridFamily.of(GridVariant.G11X11);
    InnerEnvFactory factory =
        switch (config) {
          case "rl2" -> InnerEnvFactory.rl2();
          case "rl3" -> InnerEnvFactory.rl3(family.vamdpDefaults());
          default -> InnerEnvFactory.rl3(family.coarseDefaults());
        };
    int h = 12;
    MetaEnv m = meta(factory, h, g);
    m.reset(rng("grid-" + config));
    MetaLayout l = m.layout();
    assertThat(m.taskHorizon()).as("TH = H for grids").isEqualTo(h);
    float[] start = {3 / 5f, 3 / 5f};
    float[] obs = observe(m);
    assertThat(obs[l.startFlag()]).isEqualTo(1f);
    assertPosition(obs, l, start, 0, h);

    step(m, GridTask.NORTH, -1, false);
    assertPosition(observe(m), l, new float[] {2 / 5f, 3 / 5f}, 1, h);
    step(m, GridTask.SOUTH, -1, false);
    assertPosition(observe(m), l, start, 2, h); // back on S, but the episode goes on

    step(m, GridTask.EAST, 100, false);
    obs = observe(m);
    assertPosition(obs, l, start, 0, h); // the goal is never observed
    assertThat(obs[l.previousReward()]).as("raw +100 shown as previous reward").isEqualTo(100f);
    assertThat(obs[l.previousAction() + GridTask.EAST]).isEqualTo(1f);
    assertThat(obs[l.startFlag()]).as("the flag marks only the meta-episode start").isZero();
    assertThat(m.episodes()).isEqualTo(2);

    step(m, GridTask.WEST, -100, false);
    obs = observe(m);
    assertPosition(obs, l, start, 0, h);
    assertThat(obs[l.previousReward()]).isEqualTo(-100f);
    assertThat(m.episodes()).isEqualTo(3);
    if (m.inner() instanceof Vamdp v) {
      // Both terminal successors became absorbing states of the learned model.
      for (int s : new int[] {g.stateOf(3, 4), g.stateOf(3, 2)}) {
        assertThat(v.model().isAbsorbing(v.model().idOf(s))).as("tile %s absorbing", s).isTrue();
      }
      assertThat(obs[l.inner() + v.layout().counts() + GridTask.EAST])
          .as("N(S, east)")
          .isEqualTo(0.1f);
    }
    for (int k = 1; k <= 8; k++) {
      step(m, GridTask.NOOP, -1, k == 8);
      assertPosition(observe(m), l, start, k, h);
    }
    assertThat(m.isRunning()).isFalse();
  }

  private static void step(MetaEnv m, int action, double reward, boolean last) {
    Step s = m.step(action);
    assertThat(s.reward()).as("reward of action %s", action).isEqualTo(reward);
    assertThat(s.terminated()).as("meta-episode over").isEqualTo(last);
  }

  private static void assertPosition(
      float[] obs, MetaLayout l, float[] rc, int episodeStep, int h) {
    assertThat(obs[l.inner()]).as("row").isEqualTo(rc[0]);
    assertThat(obs[l.inner() + 1]).as("column").isEqualTo(rc[1]);
    assertThat(obs[l.episodeTime()]).as("t_tau/H").isEqualTo((float) episodeStep / h);
  }

  @Test
  void onAGeneratedGridTheEpisodeClockRestartsExactlyAtGoalsAndDangers() {
    GridTask g = GridFamily.of(GridVariant.G11X11).generate(Split.TEST, 0, MASTER);
    int h = 250;
    double[][] v = ValueIteration.finiteHorizon(g.model(), h, 1.0);
    MetaEnv m = meta(InnerEnvFactory.rl2(), h, g);
    m.reset(rng("generated-grid"));
    MetaLayout l = m.layout();
    float[] start = {6 / 11f, 6 / 11f};
    int episodeStep = 0;
    int terminals = 0;
    for (int t = 0; t < h; t++) {
      int s = ((org.rl3spark.core.env.TabularEnv) m.inner()).state();
      double[] q = ValueIteration.finiteHorizonQ(g.model(), v, h - t, 1.0);
      Step step = m.step(ValueIteration.argmax(q, s, GridTask.ACTIONS));
      float[] obs = observe(m);
      boolean terminal = Math.abs(step.reward()) == 100;
      episodeStep = terminal ? 0 : episodeStep + 1;
      terminals += terminal ? 1 : 0;
      assertThat(obs[l.episodeTime()])
          .as("t_tau/H after step %s", t)
          .isEqualTo((float) episodeStep / h);
      if (terminal) {
        assertThat(new float[] {obs[l.inner()], obs[l.inner() + 1]})
            .as("back at the start")
            .containsExactly(start);
      }
      assertThat(m.episodes())
          .isEqualTo(t == h - 1 ? terminals + (terminal ? 0 : 1) : terminals + 1);
    }
    assertThat(terminals)
        .as("the optimal policy reaches the goal repeatedly (J >= 50)\n%s", g.render())
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void observationDimensionsMatchSpecTable() {
    BanditFamily bandits = new BanditFamily(5);
    RandomMdpFamily mdps = RandomMdpFamily.standard();
    GridFamily grids = GridFamily.of(GridVariant.G13X13);
    assertDims(bandits, InnerEnvFactory.rl2(), 11);
    assertDims(bandits, InnerEnvFactory.rl3(bandits.vamdpDefaults()), 28);
    assertDims(mdps, InnerEnvFactory.rl2(), 19);
    assertDims(mdps, InnerEnvFactory.rl3(mdps.vamdpDefaults()), 36);
    assertDims(grids, InnerEnvFactory.rl2(), 11);
    assertDims(grids, InnerEnvFactory.rl3(grids.vamdpDefaults()), 28);
    assertDims(grids, InnerEnvFactory.rl3(grids.coarseDefaults()), 28);
    // The RL3 layout of reference §2.4, 0-based: action 0..4, reward 5, flag 6, t/H 7, t_tau 8,
    // state 9..
    MetaEnv m =
        meta(
            InnerEnvFactory.rl3(grids.vamdpDefaults()),
            100,
            grids.generate(Split.TRAIN, 0, MASTER));
    m.reset(rng("dims"));
    MetaLayout l = m.layout();
    assertThat(
            List.of(
                l.previousAction(),
                l.previousReward(),
                l.startFlag(),
                l.metaTime(),
                l.episodeTime(),
                l.inner()))
        .containsExactly(0, 5, 6, 7, 8, 9);
    VamdpLayout v = ((Vamdp) m.inner()).layout();
    assertThat(
            List.of(
                v.state(),
                v.advantages(),
                v.value(),
                v.qStandardErrors(),
                v.vStandardError(),
                v.counts(),
                v.size()))
        .containsExactly(0, 2, 7, 8, 13, 14, 19);
  }

  private static void assertDims(TaskFamily f, InnerEnvFactory factory, int expected) {
    Task task = f.generate(Split.TRAIN, 0, MASTER);
    MetaEnv m = meta(factory, 64, task);
    assertThat(m.observationSize()).as("%s network input", f.family()).isEqualTo(expected);
    m.reset(rng("dims-" + f.family()));
    assertThat(m.inner().observationSize() + 9).isEqualTo(expected);
  }

  @Test
  void aNewTaskStartsWithEmptyObjectLevelMemory() {
    RandomMdpFamily family = RandomMdpFamily.standard();
    List<Task> tasks =
        List.of(family.generate(Split.TRAIN, 0, MASTER), family.generate(Split.TRAIN, 1, MASTER));
    MetaEnv m =
        MetaEnv.of(
            InnerEnvFactory.rl3(family.vamdpDefaults()),
            30,
            tasks.get(0),
            TaskSource.cycling(tasks));
    Rng rng = rng("memory");
    m.reset(rng);
    assertThat(m.task()).isEqualTo(tasks.get(0));
    while (m.isRunning()) {
      m.step(GridTask.NOOP);
    }
    Vamdp first = (Vamdp) m.inner();
    assertThat(first.count(0, 0))
        .as("state 0 is revisited at every episode start")
        .isGreaterThanOrEqualTo(3);
    m.reset(rng);
    assertThat(m.task()).isEqualTo(tasks.get(1));
    assertThat(m.inner()).isNotSameAs(first);
    float[] obs = observe(m);
    VamdpLayout v = ((Vamdp) m.inner()).layout();
    for (int i = l(m) + v.advantages(); i < obs.length; i++) {
      assertThat(obs[i]).as("estimate slot %s of a fresh task", i).isZero();
    }
    assertThat(obs[m.layout().startFlag()]).isEqualTo(1f);
  }

  private static int l(MetaEnv m) {
    return m.layout().inner();
  }
}
