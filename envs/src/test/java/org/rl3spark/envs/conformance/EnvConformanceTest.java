package org.rl3spark.envs.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.rl3spark.envs.testing.Serialization.roundTrip;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rl3spark.core.env.Env;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.meta.MetaEnv;
import org.rl3spark.core.model.TabularModel;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.random.Seeds;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.vamdp.Vamdp;
import org.rl3spark.envs.conformance.EnvRegistry.EnvEntry;
import org.rl3spark.envs.testing.Stats;

/**
 * The env contract (core {@code Env}, {@code TabularEnv}, reference §1–§3) checked over every entry
 * of {@link EnvRegistry}: determinism, observation layout, model validity and agreement with the
 * simulated dynamics, serialisation, and argument and lifecycle errors (docs/style.md item 13,
 * docs/reliability.md R12).
 */
class EnvConformanceTest {

  /** Steps of the lockstep, layout and serialisation runs. */
  private static final int LOCKSTEP_STEPS = 400;

  /** Steps of the transition-frequency run. */
  private static final int TRANSITION_STEPS = 20_000;

  /** (task, s, a) triples whose successor counts get a chi-square test. */
  private static final int CHI_SQUARE_PAIRS = 3;

  /** Cap on the random-walk length before a terminating env must have terminated. */
  private static final int TERMINATION_CAP = 2_000_000;

  static List<EnvEntry> entries() {
    return EnvRegistry.entries();
  }

  private static Rng dynamicsRng(long seed, int episode) {
    return Seeds.rng(seed, Seeds.ENV_DYNAMICS, episode);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void resetWithTheSameSeedGivesTheSameObservation(EnvEntry entry) {
    for (long seed : new long[] {0L, 1L, Stats.seedOf(entry.name())}) {
      Probe a = new Probe(entry);
      Probe b = new Probe(entry);
      a.reset(new Rng(seed));
      b.reset(new Rng(seed));
      float[] first = a.observeAndCheck();
      assertThat(b.observeAndCheck()).as(entry + ": seed " + seed).containsExactly(first);
      assertThat(a.env.isRunning()).as(entry + ": running after reset").isTrue();
      assertThat(a.observe()).as(entry + ": observe() is idempotent").containsExactly(first);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void twoInstancesWithTheSameSeedsStepInLockstep(EnvEntry entry) {
    long seed = Stats.seedOf("lockstep/" + entry.name());
    Probe a = new Probe(entry);
    Probe b = new Probe(entry);
    Rng actionsA = new Rng(seed);
    Rng actionsB = new Rng(seed);
    int episode = 0;
    a.reset(dynamicsRng(seed, episode));
    b.reset(dynamicsRng(seed, episode));
    int resets = 0;
    for (int t = 0; t < LOCKSTEP_STEPS; t++) {
      assertThat(b.env.isRunning())
          .as(entry + ": running at step " + t)
          .isEqualTo(a.env.isRunning());
      if (!a.env.isRunning()) {
        episode++;
        resets++;
        a.reset(dynamicsRng(seed, episode));
        b.reset(dynamicsRng(seed, episode));
      }
      Step sa = a.step(actionsA.nextInt(a.env.numActions()));
      Step sb = b.step(actionsB.nextInt(b.env.numActions()));
      assertThat(sb).as(entry + ": step " + t).isEqualTo(sa);
      assertThat(b.observe())
          .as(entry + ": observation after step " + t)
          .containsExactly(a.observe());
    }
    if (entry.isMeta()) {
      assertThat(resets)
          .as(entry + ": lockstep spans several meta-episodes")
          .isGreaterThanOrEqualTo(LOCKSTEP_STEPS / EnvRegistry.BUDGET - 1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void observationsStayInsideTheirDeclaredLayout(EnvEntry entry) {
    long seed = Stats.seedOf("layout/" + entry.name());
    Probe p = new Probe(entry);
    Rng actions = new Rng(seed);
    int episode = 0;
    p.reset(dynamicsRng(seed, episode));
    p.observeAndCheck();
    for (int t = 0; t < LOCKSTEP_STEPS; t++) {
      if (!p.env.isRunning()) {
        p.reset(dynamicsRng(seed, ++episode));
        p.observeAndCheck();
      }
      Step s = p.step(actions.nextInt(p.env.numActions()));
      assertThat(Double.isFinite(s.reward())).as(entry + ": reward is finite").isTrue();
      assertThat(s.truncated()).as(entry + ": no env or meta-episode reports truncation").isFalse();
      p.observeAndCheck();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void exactModelsAreValid(EnvEntry entry) {
    for (Task task : EnvRegistry.tasks(entry.base())) {
      TabularModel m = task.model();
      TabularEnv env = task.newEnv();
      assertValidModel(m, entry + " task model " + task.id());
      assertThat(m.numStates()).as(entry + ": model states").isEqualTo(env.numStates());
      assertThat(m.numActions()).as(entry + ": model actions").isEqualTo(env.numActions());
      assertSameModel(env.model(), m, entry + ": env.model() is the task's model");
      assertThat(task.startState()).as(entry + ": start state").isBetween(0, m.numStates() - 1);
    }
    if (entry.isMeta()) {
      // Drive through a task change; every learned model seen on the way is a valid model.
      long seed = Stats.seedOf("learned/" + entry.name());
      Probe p = new Probe(entry);
      Rng actions = new Rng(seed);
      p.reset(dynamicsRng(seed, 0));
      for (int t = 0; t < 2 * EnvRegistry.BUDGET; t++) {
        if (!p.env.isRunning()) {
          p.reset(dynamicsRng(seed, t));
        }
        p.step(actions.nextInt(p.env.numActions()));
        Vamdp learned = Probe.vamdpOf(p.env);
        if (learned != null && t % 7 == 0) {
          assertValidModel(learned.model(), entry + " learned model at step " + t);
          assertThat(learned.model().numStates()).as("learned model has states").isPositive();
        }
      }
      assertThat(Probe.vamdpOf(p.env) != null)
          .as(entry + ": RL3 entries wrap a VAMDP")
          .isEqualTo(entry.name().contains("/rl3"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void empiricalTransitionFrequenciesMatchTheModel(EnvEntry entry) {
    long seed = Stats.seedOf("transitions/" + entry.name());
    Env env = entry.create();
    int steps = TRANSITION_STEPS;
    List<Task> tasks = EnvRegistry.tasks(entry.base());
    List<TabularModel> models = tasks.stream().map(Task::model).toList();
    Map<List<Integer>, long[]> counts = new HashMap<>();
    Rng actions = new Rng(seed);
    int episode = 0;
    env.reset(dynamicsRng(seed, episode));
    int recorded = 0;
    for (int t = 0; t < steps; t++) {
      if (!env.isRunning()) {
        env.reset(dynamicsRng(seed, ++episode));
      }
      int taskIndex = tasks.indexOf(entry.currentTask(env));
      assertThat(taskIndex).as(entry + ": the current task is one of the entry's").isNotNegative();
      TabularModel model = models.get(taskIndex);
      TabularEnv tab = EnvRegistry.tabularOf(env);
      int s = tab.state();
      int episodeStepsBefore = env instanceof MetaEnv m ? m.episodeSteps() : 0;
      int a = actions.nextInt(env.numActions());
      Step step = env.step(a);
      Integer next = successor(entry, env, tab, model, s, a, step, episodeStepsBefore);
      if (next != null) {
        counts.computeIfAbsent(List.of(taskIndex, s, a), k -> new long[model.numStates()])[next]++;
        recorded++;
      }
    }
    assertThat(recorded).as(entry + ": transitions observed").isGreaterThan(steps / 2);
    List<Map.Entry<List<Integer>, long[]>> best = new ArrayList<>(counts.entrySet());
    best.sort(
        Comparator.comparingLong((Map.Entry<List<Integer>, long[]> e) -> -total(e.getValue())));
    assertThat(best).as(entry + ": state-action pairs observed").isNotEmpty();
    for (Map.Entry<List<Integer>, long[]> e :
        best.subList(0, Math.min(CHI_SQUARE_PAIRS, best.size()))) {
      List<Integer> key = e.getKey();
      TabularModel model = models.get(key.get(0));
      double[] p = new double[model.numStates()];
      for (int j = 0; j < p.length; j++) {
        p[j] = model.transitionProbability(key.get(1), key.get(2), j);
      }
      assertThat(total(e.getValue())).as(entry + ": samples of " + key).isGreaterThanOrEqualTo(50);
      Stats.assertFits(e.getValue(), p, entry + ": successors of (task, s, a) = " + key);
    }
  }

  /**
   * The successor of the transition just taken, or null if a meta-episode truncated the inner
   * episode (the successor is then unobservable; truncation does not depend on the successor, so
   * skipping it leaves the sample unbiased). After a termination the meta-episode has already reset
   * the inner env: the absorbing successor is identified from the model (the only absorbing
   * successor of (s, a), or the one whose reward is the step's).
   */
  private static Integer successor(
      EnvEntry entry,
      Env env,
      TabularEnv tab,
      TabularModel model,
      int s,
      int a,
      Step step,
      int episodeStepsBefore) {
    if (!(env instanceof MetaEnv meta) || meta.episodeSteps() == episodeStepsBefore + 1) {
      return tab.state();
    }
    assertThat(meta.episodeSteps()).as(entry + ": an ended inner episode restarts at 0").isZero();
    boolean atHorizon = episodeStepsBefore + 1 >= meta.taskHorizon();
    List<Integer> absorbing = new ArrayList<>();
    boolean allAbsorbing = true;
    for (int j = 0; j < model.numStates(); j++) {
      if (model.transitionProbability(s, a, j) > 0) {
        if (model.isAbsorbing(j)) {
          absorbing.add(j);
        } else {
          allAbsorbing = false;
        }
      }
    }
    if (atHorizon && !allAbsorbing) {
      return null;
    }
    assertThat(absorbing)
        .as(entry + ": an inner episode ending before its horizon reached an absorbing state")
        .isNotEmpty();
    if (absorbing.size() == 1) {
      return absorbing.get(0);
    }
    List<Integer> matching =
        absorbing.stream()
            .filter(j -> Math.abs(model.expectedReward(s, a, j) - step.reward()) < 1e-9)
            .toList();
    assertThat(matching)
        .as(entry + ": exactly one absorbing successor of (%s, %s) pays %s", s, a, step.reward())
        .hasSize(1);
    return matching.get(0);
  }

  private static long total(long[] c) {
    long n = 0;
    for (long x : c) {
      n += x;
    }
    return n;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void javaSerialisedCopyTakenMidEpisodeBehavesIdentically(EnvEntry entry) throws Exception {
    long seed = Stats.seedOf("serialisation/" + entry.name());
    Probe original = new Probe(entry);
    Rng actions = new Rng(seed);
    int episode = 0;
    original.reset(dynamicsRng(seed, episode));
    int warmup = entry.isMeta() ? EnvRegistry.BUDGET + EnvRegistry.BUDGET / 2 + 1 : 37;
    for (int t = 0; t < warmup; t++) {
      if (!original.env.isRunning()) {
        original.reset(dynamicsRng(seed, ++episode));
      }
      original.step(actions.nextInt(original.env.numActions()));
    }
    if (entry.isMeta()) {
      assertThat(((MetaEnv) original.env).steps())
          .as(entry + ": copy taken mid meta-episode")
          .isBetween(1, EnvRegistry.BUDGET - 1);
    }
    Probe copy = new Probe(entry, roundTrip(original.env));
    assertThat(copy.env).as(entry + ": a copy, not the same object").isNotSameAs(original.env);
    assertThat(copy.observe())
        .as(entry + ": observation of the copy")
        .containsExactly(original.observe());
    assertThat(copy.env.isRunning()).isEqualTo(original.env.isRunning());
    for (int t = 0; t < LOCKSTEP_STEPS; t++) {
      assertThat(copy.env.isRunning()).as(entry + ": running").isEqualTo(original.env.isRunning());
      if (!original.env.isRunning()) {
        episode++;
        original.reset(dynamicsRng(seed, episode));
        copy.reset(dynamicsRng(seed, episode));
      }
      int a = actions.nextInt(original.env.numActions());
      Step so = original.step(a);
      Step sc = copy.step(a);
      assertThat(sc).as(entry + ": step " + t + " after the copy").isEqualTo(so);
      assertThat(copy.observe())
          .as(entry + ": observation " + t)
          .containsExactly(original.observe());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void invalidActionsAreRejectedWithoutSideEffects(EnvEntry entry) {
    Probe p = new Probe(entry);
    p.reset(new Rng(Stats.seedOf("invalid/" + entry.name())));
    int n = p.env.numActions();
    float[] before = p.observe();
    for (int bad : new int[] {-1, n, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> p.env.step(bad))
          .as(entry + ": action " + bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(String.valueOf(bad))
          .hasMessageContaining("[0, " + n + ")");
    }
    assertThat(p.observe()).as(entry + ": rejected actions change nothing").containsExactly(before);
    assertThat(p.env.isRunning()).isTrue();
    p.step(n - 1);
    p.observeAndCheck();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void stepOrObserveBeforeResetIsRejected(EnvEntry entry) {
    Env env = entry.create();
    assertThat(env.isRunning()).as(entry + ": not running before reset").isFalse();
    assertThatThrownBy(() -> env.step(0))
        .as(entry + ": step before reset")
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before reset");
    assertThatThrownBy(() -> env.observe(new float[env.observationSize()], 0))
        .as(entry + ": observe before reset")
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before reset");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void stepAfterTheEndIsRejected(EnvEntry entry) {
    long seed = Stats.seedOf("end/" + entry.name());
    Env env = entry.create();
    Rng actions = new Rng(seed);
    env.reset(dynamicsRng(seed, 0));
    if (entry.isMeta()) {
      for (int t = 1; t <= EnvRegistry.BUDGET; t++) {
        assertThat(env.isRunning()).as(entry + ": running before step " + t).isTrue();
        Step s = env.step(actions.nextInt(env.numActions()));
        assertThat(s.terminated())
            .as(entry + ": the meta-episode terminates exactly at step H, not at step " + t)
            .isEqualTo(t == EnvRegistry.BUDGET);
      }
      assertThatThrownBy(() -> env.step(0))
          .as(entry + ": step after H steps")
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("H=" + EnvRegistry.BUDGET)
          .hasMessageContaining("reset");
    } else if (entry.taskCanTerminate()) {
      Step last = null;
      int t = 0;
      while (env.isRunning()) {
        assertThat(t++).as(entry + ": terminated within the cap").isLessThan(TERMINATION_CAP);
        last = env.step(actions.nextInt(env.numActions()));
      }
      assertThat(last.terminated()).as(entry + ": the last step reports termination").isTrue();
      int absorbing = EnvRegistry.tabularOf(env).state();
      assertThat(EnvRegistry.tasks(entry.base()).get(0).model().isAbsorbing(absorbing))
          .as(entry + ": terminated in an absorbing state")
          .isTrue();
      assertThatThrownBy(() -> env.step(0))
          .as(entry + ": step after termination")
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("after")
          .hasMessageContaining("reset");
      env.reset(dynamicsRng(seed, 1));
      assertThat(env.isRunning()).as(entry + ": reset revives the env").isTrue();
    } else {
      // Random MDPs have no absorbing states: the env never terminates (the meta-episode
      // truncates its episodes).
      for (int t = 0; t < 10_000; t++) {
        Step s = env.step(actions.nextInt(env.numActions()));
        assertThat(s.done())
            .as(entry + ": step " + t + " neither terminates nor truncates")
            .isFalse();
      }
      assertThat(env.isRunning()).isTrue();
    }
  }

  // ---------------------------------------------------------------------------------------------

  static void assertValidModel(TabularModel m, String what) {
    int n = m.numStates();
    int na = m.numActions();
    for (int s = 0; s < n; s++) {
      for (int a = 0; a < na; a++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          double p = m.transitionProbability(s, a, j);
          if (!(p >= 0 && p <= 1) || !Double.isFinite(m.expectedReward(s, a, j))) {
            fail(
                what + ": T(%s,%s,%s) = %s outside [0, 1] or R = %s not finite",
                s,
                a,
                j,
                p,
                m.expectedReward(s, a, j));
          }
          sum += p;
        }
        if (Math.abs(sum - 1) > 1e-9) {
          fail(what + ": row (%s,%s) sums to %s", s, a, sum);
        }
        if (m.isAbsorbing(s)
            && (m.transitionProbability(s, a, s) != 1.0
                || m.expectedReward(s, a, s) != 0.0
                || m.expectedReward(s, a) != 0.0)) {
          fail(
              what + ": absorbing state %s must loop to itself with reward 0 under action %s",
              s,
              a);
        }
      }
    }
    // The (possibly optimised) backup agrees with its entry-wise definition.
    Rng rng = new Rng(n * 31L + na);
    double[] v = new double[n];
    for (int s = 0; s < n; s++) {
      v[s] = 10 * rng.nextGaussian();
    }
    double[] q = new double[n * na];
    m.backup(0.9, v, q);
    for (int s = 0; s < n; s++) {
      for (int a = 0; a < na; a++) {
        double expected = 0;
        for (int j = 0; j < n; j++) {
          expected += m.transitionProbability(s, a, j) * (m.expectedReward(s, a, j) + 0.9 * v[j]);
        }
        if (Math.abs(q[s * na + a] - expected) > 1e-9) {
          fail(what + ": backup of (%s,%s) is %s, entry-wise %s", s, a, q[s * na + a], expected);
        }
      }
    }
  }

  private static void assertSameModel(TabularModel actual, TabularModel expected, String what) {
    assertThat(actual.numStates()).as(what).isEqualTo(expected.numStates());
    for (int s = 0; s < expected.numStates(); s++) {
      for (int a = 0; a < expected.numActions(); a++) {
        for (int j = 0; j < expected.numStates(); j++) {
          if (actual.transitionProbability(s, a, j) != expected.transitionProbability(s, a, j)
              || actual.expectedReward(s, a, j) != expected.expectedReward(s, a, j)
              || actual.isAbsorbing(s) != expected.isAbsorbing(s)) {
            fail(what + ": differs at (%s,%s,%s)", s, a, j);
          }
        }
      }
    }
  }
}
