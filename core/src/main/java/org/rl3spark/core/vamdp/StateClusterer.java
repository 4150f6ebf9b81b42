package org.rl3spark.core.vamdp;

import java.io.Serializable;
import java.util.Arrays;

/**
 * RL³-coarse's incremental state abstraction (reference §3.8, paper App. B.3).
 *
 * <p>When a concrete state x is first seen, it joins the abstract state of the nearest previously
 * seen concrete state y whose cluster still has room (fewer than {@code clusterSize} members),
 * provided ||x − y||₂ &lt; radius in the state encoding's coordinates; otherwise x starts a new
 * abstract state. Candidates are scanned in first-visit order and ties keep the earliest visited
 * (the reference breaks ties by hash order, which is arbitrary; reference open question 5). With
 * the reference radii (0.08 on 13x13, 0.1 on 11x11) only orthogonally adjacent tiles qualify.
 */
public final class StateClusterer implements Serializable {

  private static final long serialVersionUID = 1L;

  private final double radius;
  private final int clusterSize;
  private final float[][] encodings;
  private int[] seenOrder = new int[16];
  private int seen;
  private int[] members = new int[16];

  /**
   * @param radius strict upper bound on the distance to the state joined
   * @param clusterSize maximum members of an abstract state
   * @param encodings the coordinates of every concrete state, indexed by concrete state
   */
  public StateClusterer(double radius, int clusterSize, float[][] encodings) {
    this.radius = radius;
    this.clusterSize = clusterSize;
    this.encodings = encodings;
  }

  /**
   * Chooses the abstract id of a newly seen concrete state.
   *
   * @param concrete the new concrete state
   * @param idOf the current concrete → abstract map (-1 for unseen)
   * @param nextId the id a new abstract state would get
   * @return the id to use: an existing abstract id, or {@code nextId}
   */
  int assign(int concrete, int[] idOf, int nextId) {
    float[] x = encodings[concrete];
    int best = -1;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int i = 0; i < seen; i++) {
      int y = seenOrder[i];
      int id = idOf[y];
      if (members[id] >= clusterSize) {
        continue;
      }
      double d = distance(x, encodings[y]);
      if (d < radius && d < bestDistance) {
        bestDistance = d;
        best = y;
      }
    }
    int id = best >= 0 ? idOf[best] : nextId;
    if (seen == seenOrder.length) {
      seenOrder = Arrays.copyOf(seenOrder, 2 * seen);
    }
    seenOrder[seen++] = concrete;
    if (id >= members.length) {
      members = Arrays.copyOf(members, Math.max(2 * members.length, id + 1));
    }
    members[id]++;
    return id;
  }

  /** Number of concrete states in abstract state {@code id}. */
  public int members(int id) {
    return id < members.length ? members[id] : 0;
  }

  /** Euclidean distance computed in single precision, as the reference does on Float32 states. */
  private static double distance(float[] x, float[] y) {
    float acc = 0;
    for (int i = 0; i < x.length; i++) {
      float d = x[i] - y[i];
      acc += d * d;
    }
    return (float) Math.sqrt(acc);
  }
}
