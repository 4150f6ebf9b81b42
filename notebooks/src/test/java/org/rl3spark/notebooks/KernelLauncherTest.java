package org.rl3spark.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.channels.LoopThread;

/**
 * The launcher's repair of the kernel's loop-thread race, on 3.0.1's real {@link LoopThread}: a
 * loop thread that ended while still marked running (what the race leaves behind) is replaced by
 * one that runs its body, and one that ended by shutdown is recognised as such. Also checks that
 * the private fields the launcher reaches for still exist.
 */
class KernelLauncherTest {

  @Test
  void aLoopThreadThatEndedWhileMarkedRunningIsRestartedAndLoops() throws Exception {
    CountDownLatch ran = new CountDownLatch(3);
    LoopThread t = new LoopThread("test-loop", 1, ran::countDown);
    t.start();
    t.shutdown();
    t.join(5_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(KernelLauncher.isRunning(t)).as("ended by shutdown: left alone").isFalse();
    // The race's outcome: the thread has ended, and start() then marked it running.
    Field running = LoopThread.class.getDeclaredField("running");
    running.setAccessible(true);
    running.setBoolean(t, true);
    assertThat(KernelLauncher.isRunning(t)).isTrue();

    LoopThread fresh = KernelLauncher.restart(t);
    try {
      assertThat(ran.await(5, TimeUnit.SECONDS)).as("the replacement loops").isTrue();
      assertThat(fresh.getName()).isEqualTo("test-loop");
      assertThat(fresh.isAlive()).isTrue();
    } finally {
      fresh.shutdown();
      fresh.join(5_000);
    }
    assertThat(fresh.isAlive()).as("shutdown still stops the replacement").isFalse();
  }

  @Test
  void theChannelFieldsTheLauncherNeedsExist() throws Exception {
    Class<?> channels = org.rapaio.jupyter.kernel.channels.Channels.class;
    assertThat(channels.getDeclaredField("handlers")).isNotNull();
    for (String name : KernelLauncher.LOOPING_CHANNELS) {
      Class<?> type = channels.getDeclaredField(name).getType();
      assertThat(type.getDeclaredField("loopThread").getType()).isEqualTo(LoopThread.class);
    }
  }
}
