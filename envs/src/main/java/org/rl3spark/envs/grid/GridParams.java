package org.rl3spark.envs.grid;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator's parameter tuple (reference §1.3.1), in the reference's order.
 *
 * @param side grid side length
 * @param obstacleSets number of obstacle segments
 * @param obstacleLength length of each obstacle segment
 * @param waterSets number of water segments
 * @param waterLength length of each water segment
 * @param dangers number of dangers (each with its ring of 4 warning tiles)
 * @param minGoalManhattan minimum Manhattan distance of the goal from the centre
 * @param slip probability of slipping sideways on start, blank and warning tiles (split equally
 *     between the two perpendicular directions)
 */
public record GridParams(
    int side,
    int obstacleSets,
    int obstacleLength,
    int waterSets,
    int waterLength,
    int dangers,
    int minGoalManhattan,
    double slip)
    implements Serializable {

  /** Validates the tuple and lists every problem. */
  public GridParams {
    List<String> problems = new ArrayList<>();
    if (side < 3) {
      problems.add("side must be >= 3, got " + side);
    }
    int center = (side + 1) / 2;
    // A segment drawn at the centre coordinate grows either way: it needs room both below the
    // centre (side - center + 1 tiles) and above it (center tiles); on even sides the latter is
    // one tile shorter.
    int maxSegment = Math.min(center, side - center + 1);
    if (obstacleSets < 0) {
      problems.add("obstacle-sets must be >= 0, got " + obstacleSets);
    }
    if (obstacleLength < 1 || (side >= 3 && obstacleLength > maxSegment)) {
      problems.add(
          "obstacle-length must be in [1, "
              + maxSegment
              + "] for side "
              + side
              + " (a segment grows from its first tile towards the centre and must fit in the"
              + " grid), got "
              + obstacleLength);
    }
    if (waterSets < 0) {
      problems.add("water-sets must be >= 0, got " + waterSets);
    }
    if (waterLength < 1 || (side >= 3 && waterLength > maxSegment)) {
      problems.add(
          "water-length must be in [1, "
              + maxSegment
              + "] for side "
              + side
              + ", got "
              + waterLength);
    }
    int interior = Math.max(0, side - 2) * Math.max(0, side - 2);
    if (dangers < 0 || dangers * 5 > interior) {
      problems.add(
          "dangers must be in [0, "
              + interior / 5
              + "] for side "
              + side
              + " (each danger and its 4 warning tiles need room inside the border), got "
              + dangers);
    }
    // The corner (side, side) is farthest: side - center >= center - 1, equal on odd sides.
    int farthest = 2 * (side - center);
    if (side >= 3 && (minGoalManhattan < 1 || minGoalManhattan > farthest)) {
      problems.add(
          "min-goal-manhattan must be in [1, "
              + farthest
              + "] for side "
              + side
              + " (the farthest tile from the centre is "
              + farthest
              + " away), got "
              + minGoalManhattan);
    }
    if (!(slip >= 0 && slip <= 1)) {
      problems.add("slip must be in [0, 1], got " + slip);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid gridworld parameters: " + String.join("; ", problems));
    }
  }

  /** The centre coordinate ceil(side / 2), 1-based. */
  public int center() {
    return (side + 1) / 2;
  }
}
