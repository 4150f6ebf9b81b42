package org.rl3spark.core.meta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rl3spark.core.env.Step;
import org.rl3spark.core.policy.fixtures.TableMdpTask;
import org.rl3spark.core.random.Rng;

/** The per-step episode flags and inner state that rollouts read from the meta env. */
class MetaEnvEpisodeFlagsTest {

  private static MetaEnv start(TableMdpTask task, int budget) {
    MetaEnv env = MetaEnv.of(InnerEnvFactory.rl2(), budget, task, null);
    env.reset(task, new Rng(1));
    return env;
  }

  @Test
  void enteringAnAbsorbingGoalTerminatesAndRestarts() {
    MetaEnv env = start(TableMdpTask.chain(2, 0.3, 10), 8);
    assertThat(env.innerState()).isZero();
    assertThat(env.lastEpisodeEnded()).isFalse();
    env.step(1);
    assertThat(env.innerState()).isEqualTo(1);
    assertThat(env.lastEpisodeEnded()).isFalse();
    assertThat(env.lastInnerTerminated()).isFalse();
    assertThat(env.episodeSteps()).isEqualTo(1);
    Step s = env.step(1);
    assertThat(s.reward()).isEqualTo(1.0);
    assertThat(s.terminated()).as("the meta-episode goes on").isFalse();
    assertThat(env.lastEpisodeEnded()).isTrue();
    assertThat(env.lastInnerTerminated()).isTrue();
    assertThat(env.innerState()).as("next episode's start state").isZero();
    assertThat(env.episodeSteps()).isZero();
    assertThat(env.episodes()).isEqualTo(2);
    env.step(0);
    assertThat(env.lastEpisodeEnded()).isFalse();
    assertThat(env.lastInnerTerminated()).isFalse();
    assertThat(env.innerState()).isZero();
  }

  @Test
  void reachingTheTaskHorizonEndsTheEpisodeWithoutTermination() {
    MetaEnv env = start(TableMdpTask.chain(3, 0.3, 2), 8);
    env.step(1);
    assertThat(env.lastEpisodeEnded()).isFalse();
    env.step(1);
    assertThat(env.lastEpisodeEnded()).isTrue();
    assertThat(env.lastInnerTerminated()).isFalse();
    assertThat(env.innerState()).isZero();
    assertThat(env.episodeSteps()).isZero();
  }

  @Test
  void theLastStepOfTheBudgetEndsTheEpisode() {
    MetaEnv env = start(TableMdpTask.chain(3, 0.3, 10), 3);
    assertThat(env.taskHorizon()).isEqualTo(3);
    env.step(0);
    env.step(0);
    Step last = env.step(0);
    assertThat(last.terminated()).as("the meta-episode is over").isTrue();
    assertThat(env.lastEpisodeEnded()).isTrue();
    assertThat(env.lastInnerTerminated()).isFalse();
    assertThat(env.episodes()).isEqualTo(1);
  }
}
