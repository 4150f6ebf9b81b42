package org.rl3spark.notebooks;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts the rapaio Java kernel (io.github.padreati:rapaio-jupyter-kernel 3.0.1) like its {@code
 * MainApp} does, without its two start-up races (docs/notebooks.md):
 *
 * <ol>
 *   <li>{@code LoopThread.start()} starts the thread before it sets {@code running = true}, so a
 *       channel's loop thread can see {@code false} and exit at once: the kernel then never answers
 *       (nbconvert's "Kernel didn't respond in 60 seconds"). The launcher watches the loop threads
 *       of the heartbeat, shell and control channels and replaces any that ended while still marked
 *       running, setting {@code running} before it starts the replacement. Loop threads that ended
 *       because the kernel shut down ({@code running = false}) are left alone.
 *   <li>{@code Channels.handlers} is null while the sockets are bound and only assigned after; a
 *       message arriving in between throws a NullPointerException that kills the loop thread. The
 *       launcher sets an empty handler map first, so such a message is logged and dropped (the
 *       client repeats its {@code kernel_info} request until answered).
 * </ol>
 *
 * <p>Both fixes reach into private fields of 3.0.1 by reflection: the kernel version is pinned in
 * the parent pom ({@code rapaio-kernel.version}) and this class fails loudly if the fields are
 * gone.
 */
public final class KernelLauncher {

  private static final Logger LOG = Logger.getLogger(KernelLauncher.class.getSimpleName());

  /** Channels with a loop thread. */
  static final List<String> LOOPING_CHANNELS = List.of("heartbeat", "shell", "control");

  /** Watch interval while the kernel starts (the race happens within milliseconds). */
  static final long FAST_MILLIS = 10;

  /** How long the fast interval lasts. */
  static final long FAST_PHASE_MILLIS = 5_000;

  /** Watch interval afterwards (a loop thread can still die from an exception in its body). */
  static final long SLOW_MILLIS = 500;

  private KernelLauncher() {}

  /**
   * Runs the kernel on a Jupyter connection file.
   *
   * @param args the connection file
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: KernelLauncher <connection-file>");
      System.exit(2);
    }
    try (InputStream logging =
        MainApp.class.getClassLoader().getResourceAsStream("logging.properties")) {
      if (logging != null) {
        LogManager.getLogManager().readConfiguration(logging);
      }
    }
    Path file = Path.of(args[0]);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no connection file " + file);
    }
    ConnectionProperties props =
        Transform.fromJson(Files.readString(file), ConnectionProperties.class);
    // A loop thread killed by an exception is restarted too; say why it died.
    Thread.setDefaultUncaughtExceptionHandler(
        (t, e) -> LOG.log(Level.SEVERE, "thread " + t.getName() + " died", e));
    Channels channels = new Channels(props);
    field(Channels.class, "handlers").set(channels, new ConcurrentHashMap<>());
    channels.connect(MainApp.kernel);
    watch(channels);
  }

  /**
   * Keeps the loop threads alive until the kernel shuts down: returns once every loop thread has
   * ended with {@code running = false}.
   */
  static void watch(Channels channels) throws ReflectiveOperationException, InterruptedException {
    long start = System.nanoTime();
    while (true) {
      boolean alive = false;
      for (String name : LOOPING_CHANNELS) {
        Object channel = field(Channels.class, name).get(channels);
        Field loopField = field(channel.getClass(), "loopThread");
        LoopThread t = (LoopThread) loopField.get(channel);
        if (t == null) {
          continue;
        }
        if (t.isAlive()) {
          alive = true;
        } else if (isRunning(t)) {
          loopField.set(channel, restart(t));
          LOG.warning("restarted the " + name + " loop thread (start-up race)");
          alive = true;
        }
      }
      if (!alive) {
        return;
      }
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      Thread.sleep(elapsed < FAST_PHASE_MILLIS ? FAST_MILLIS : SLOW_MILLIS);
    }
  }

  /** A started copy of a dead loop thread, marked running before it starts. */
  static LoopThread restart(LoopThread dead) throws ReflectiveOperationException {
    long sleep = field(LoopThread.class, "sleep").getLong(dead);
    Runnable body = (Runnable) field(LoopThread.class, "loopBody").get(dead);
    LoopThread t = new LoopThread(dead.getName(), sleep, body);
    field(LoopThread.class, "running").setBoolean(t, true);
    t.start();
    return t;
  }

  /** The private {@code running} flag of a loop thread. */
  static boolean isRunning(LoopThread t) throws ReflectiveOperationException {
    return field(LoopThread.class, "running").getBoolean(t);
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field f;
    try {
      f = type.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      NoSuchFieldException wrapped =
          new NoSuchFieldException(
              type.getName()
                  + "."
                  + name
                  + " is gone: KernelLauncher needs rapaio-jupyter-kernel 3.0.1 (see pom.xml)");
      wrapped.initCause(e);
      throw wrapped;
    }
    f.setAccessible(true);
    return f;
  }
}
