package org.rl3spark.learner.dl4j;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The graphs a JVM keeps between the rounds of a distributed fit, so that a worker builds its
 * network (configuration from JSON, {@code init}) once rather than every round.
 *
 * <p>Graphs are pooled by key (the fit, the network and its configuration); a worker takes one (or
 * builds one), sets it to the round's starting state with {@link FlatState#into}, fits and gives it
 * back. A pooled graph's previous values are therefore never read, and a worker that finds the pool
 * empty (its first round, a new executor after a lost one, {@link #clear}) builds a graph and gets
 * the same result. Concurrent tasks of one JVM (local mode, executors with several cores) take
 * different graphs. At most {@link #KEYS} keys are kept; the least recently used one is dropped.
 */
public final class GraphPool {

  /** Keys (fit × network) kept per JVM. */
  public static final int KEYS = 8;

  private static final Map<String, Deque<ComputationGraph>> POOL =
      new LinkedHashMap<>(16, 0.75f, true);

  private GraphPool() {}

  /** A pooled graph of the key, or null when the pool has none free. */
  public static ComputationGraph take(String key) {
    synchronized (POOL) {
      Deque<ComputationGraph> free = POOL.get(key);
      return free == null || free.isEmpty() ? null : free.pop();
    }
  }

  /** A new graph of a configuration given as JSON (what a worker does when the pool is empty). */
  public static ComputationGraph build(String configurationJson) {
    return Networks.init(ComputationGraphConfiguration.fromJson(configurationJson));
  }

  /** Returns a graph to the pool of its key. */
  public static void giveBack(String key, ComputationGraph graph) {
    synchronized (POOL) {
      POOL.computeIfAbsent(key, k -> new ArrayDeque<>()).push(graph);
      Iterator<String> eldest = POOL.keySet().iterator();
      while (POOL.size() > KEYS) {
        eldest.next();
        eldest.remove();
      }
    }
  }

  /** Drops every pooled graph, as a lost executor would (tests). */
  public static void clear() {
    synchronized (POOL) {
      POOL.clear();
    }
  }
}
