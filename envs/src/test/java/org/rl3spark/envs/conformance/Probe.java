package org.rl3spark.envs.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.rl3spark.core.env.Env;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.env.TabularEnv;
import org.rl3spark.core.meta.MetaEnv;
import org.rl3spark.core.meta.MetaLayout;
import org.rl3spark.core.random.Rng;
import org.rl3spark.core.task.Task;
import org.rl3spark.core.vamdp.Vamdp;
import org.rl3spark.core.vamdp.VamdpLayout;
import org.rl3spark.envs.conformance.EnvRegistry.EnvEntry;

/**
 * Drives one env of an entry and checks every observation against the declared layout, using only
 * what the driver itself knows (its own step counter, the actions and rewards it saw, its own tally
 * of action counts), never the env's counters.
 */
final class Probe {

  /** Padding around the observation window; it must stay untouched. */
  private static final int PAD = 3;

  final EnvEntry entry;
  final Env env;
  private int t;
  private int lastAction = -1;
  private double lastReward;
  private int episodeStep;
  private int[] tally;

  Probe(EnvEntry entry, Env env) {
    this.entry = entry;
    this.env = env;
  }

  Probe(EnvEntry entry) {
    this(entry, entry.create());
  }

  void reset(Rng rng) {
    env.reset(rng);
    t = 0;
    lastAction = -1;
    lastReward = 0;
    episodeStep = 0;
    tally = null;
  }

  Step step(int action) {
    Vamdp v = vamdpOf(env);
    if (v != null) {
      if (tally == null) {
        tally = new int[v.inner().numStates() * v.numActions()];
      }
      tally[v.state() * v.numActions() + action]++;
    }
    Step s = env.step(action);
    t++;
    lastAction = action;
    lastReward = s.reward();
    return s;
  }

  /** Observes into a padded buffer, checks the padding is untouched, returns the window. */
  float[] observe() {
    int size = env.observationSize();
    float[] buf = new float[size + 2 * PAD];
    Arrays.fill(buf, Float.NaN);
    env.observe(buf, PAD);
    for (int i = 0; i < PAD; i++) {
      assertThat(buf[i]).as(entry + ": observe() wrote before its offset").isNaN();
      assertThat(buf[PAD + size + i]).as(entry + ": observe() wrote past its size").isNaN();
    }
    return Arrays.copyOfRange(buf, PAD, PAD + size);
  }

  /** Observes and checks the observation against the entry's layout. */
  float[] observeAndCheck() {
    float[] obs = observe();
    String where = entry + " at step " + t;
    for (int i = 0; i < obs.length; i++) {
      assertThat(Float.isFinite(obs[i])).as(where + ": obs[%s] = %s is finite", i, obs[i]).isTrue();
    }
    if (env instanceof MetaEnv meta) {
      checkMeta(meta, obs, where);
    } else {
      checkInner(env, entry.currentTask(env), obs, 0, where);
    }
    return obs;
  }

  private void checkMeta(MetaEnv meta, float[] obs, String where) {
    MetaLayout l = meta.layout();
    int n = meta.numActions();
    int h = meta.budget();
    assertThat(obs).as(where + ": observation size").hasSize(l.size());
    assertThat(l.innerSize()).as(where + ": inner size").isEqualTo(meta.inner().observationSize());
    for (int a = 0; a < n; a++) {
      float expected = a == lastAction ? 1f : 0f;
      assertThat(obs[l.previousAction() + a])
          .as(where + ": previous-action one-hot entry %s (last action %s)", a, lastAction)
          .isEqualTo(expected);
    }
    assertThat(obs[l.previousReward()])
        .as(where + ": previous reward")
        .isEqualTo((float) lastReward);
    assertThat(obs[l.startFlag()]).as(where + ": start flag").isEqualTo(t == 0 ? 1f : 0f);
    float metaTime = obs[l.metaTime()];
    assertThat(metaTime).as(where + ": t/H").isBetween(0f, 1f).isEqualTo((float) t / h);
    float episodeTime = obs[l.episodeTime()];
    int th = Math.min(entry.currentTask(meta).taskHorizon(), h);
    assertThat(episodeTime).as(where + ": t_tau/TH").isBetween(0f, 1f);
    int k = Math.round(episodeTime * th);
    assertThat(episodeTime).as(where + ": t_tau/TH on the lattice k/TH").isEqualTo((float) k / th);
    if (t == 0) {
      assertThat(k).as(where + ": t_tau at the meta-episode start").isZero();
    } else {
      assertThat(k)
          .as(where + ": t_tau either advances by one or restarts (previous %s)", episodeStep)
          .isIn(0, episodeStep + 1);
    }
    if (k == 0) {
      Task task = meta.task();
      assertThat(EnvRegistry.tabularOf(meta).state())
          .as(where + ": an inner episode starts in the start state")
          .isEqualTo(task.startState());
    }
    episodeStep = k;
    checkInner(meta.inner(), meta.task(), obs, l.inner(), where);
  }

  private void checkInner(Env inner, Task task, float[] obs, int offset, String where) {
    if (inner instanceof Vamdp v) {
      TabularEnv tab = v.inner();
      assertThat(v.state()).as(where + ": VAMDP state is the env's").isEqualTo(tab.state());
      entry.base().encoding().check(obs, offset, tab, task, where + " (VAMDP state block)");
      checkVamdpBlock(v, obs, offset, where);
    } else {
      TabularEnv tab = (TabularEnv) inner;
      entry.base().encoding().check(obs, offset, tab, task, where);
      float[] enc = new float[tab.observationSize()];
      tab.encodeState(tab.state(), enc, 0);
      assertThat(Arrays.copyOfRange(obs, offset, offset + enc.length))
          .as(where + ": observation is the encoding of the current state")
          .containsExactly(enc);
    }
  }

  private void checkVamdpBlock(Vamdp v, float[] obs, int offset, String where) {
    VamdpLayout l = v.layout();
    int n = v.numActions();
    assertThat(l.size()).as(where + ": VAMDP block size").isEqualTo(v.observationSize());
    float maxAdvantage = Float.NEGATIVE_INFINITY;
    for (int a = 0; a < n; a++) {
      float adv = obs[offset + l.advantages() + a];
      assertThat(adv).as(where + ": advantage of action %s", a).isLessThanOrEqualTo(0f);
      maxAdvantage = Math.max(maxAdvantage, adv);
      assertThat(obs[offset + l.qStandardErrors() + a]).as(where + ": SE slot %s", a).isZero();
      float count = obs[offset + l.counts() + a];
      int expected = tally == null ? 0 : tally[v.state() * n + a];
      assertThat(count).as(where + ": count of action %s", a).isGreaterThanOrEqualTo(0f);
      double scaled = count * v.config().countDenom();
      assertThat(Math.abs(scaled - Math.rint(scaled)))
          .as(where + ": count %s is a multiple of 1/countDenom", count)
          .isLessThan(1e-3);
      assertThat(count)
          .as(where + ": count of action %s equals the driver's tally N(s,a)=%s", a, expected)
          .isEqualTo((float) (expected / v.config().countDenom()));
    }
    assertThat(maxAdvantage).as(where + ": the greedy action has advantage 0").isZero();
    assertThat(obs[offset + l.vStandardError()]).as(where + ": V SE slot").isZero();
  }

  /** The VAMDP under an env, or null. */
  static Vamdp vamdpOf(Env env) {
    if (env instanceof MetaEnv m) {
      return m.inner() instanceof Vamdp v ? v : null;
    }
    return env instanceof Vamdp v ? v : null;
  }
}
