package org.rl3spark.envs.grid;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The named variations of the reference (reference §1.3.1). The five 13x13 variations other than
 * the canonical one (and 11x11_deterministic) are out-of-distribution tests for agents trained on
 * the canonical grid of their size.
 */
public enum GridVariant {
  /** 11x11, the default. */
  G11X11("11x11", new GridParams(11, 11, 3, 5, 2, 2, 8, 0.2), false),
  /** 11x11 without slipping. */
  G11X11_DETERMINISTIC("11x11_deterministic", new GridParams(11, 11, 3, 5, 2, 2, 8, 0.0), true),
  /** 13x13. */
  G13X13("13x13", new GridParams(13, 11, 3, 5, 2, 2, 8, 0.2), false),
  /** 13x13 without slipping. */
  G13X13_DETERMINISTIC("13x13_deterministic", new GridParams(13, 11, 3, 5, 2, 2, 8, 0.0), true),
  /** 13x13 with 8 water segments instead of 5. */
  G13X13_WATERY("13x13_watery", new GridParams(13, 11, 3, 8, 2, 2, 8, 0.2), true),
  /** 13x13 with 4 dangers instead of 2. */
  G13X13_DANGEROUS("13x13_dangerous", new GridParams(13, 11, 3, 5, 2, 4, 8, 0.2), true),
  /** 13x13 with obstacle segments of length 4 instead of 3. */
  G13X13_DENSE("13x13_dense", new GridParams(13, 11, 4, 5, 2, 2, 8, 0.2), true),
  /** 13x13 with the goal at Manhattan distance ≥ 12: one of the four corners. */
  G13X13_CORNER("13x13_corner", new GridParams(13, 11, 3, 5, 2, 2, 12, 0.2), true),
  /** 15x15 (defined by the reference, unused by the paper). */
  G15X15("15x15", new GridParams(15, 15, 4, 6, 3, 3, 8, 0.2), false);

  private final String id;
  private final GridParams params;
  private final boolean outOfDistribution;

  GridVariant(String id, GridParams params, boolean outOfDistribution) {
    this.id = id;
    this.params = params;
    this.outOfDistribution = outOfDistribution;
  }

  /** The name used in configs and tables, e.g. {@code 13x13_dense}. */
  public String id() {
    return id;
  }

  /** The generator parameters. */
  public GridParams params() {
    return params;
  }

  /** Whether this variation is an out-of-distribution test of its size's canonical grid. */
  public boolean isOutOfDistribution() {
    return outOfDistribution;
  }

  /** The RL³-coarse clustering radius of the reference: 0.08 for 13x13 variations, else 0.1. */
  public double coarseRadius() {
    return id.contains("13x13") ? 0.08 : 0.1;
  }

  /** Parses a variant name such as {@code 13x13_dense} (case-insensitive). */
  public static GridVariant parse(String s) {
    String key = s.trim().toLowerCase(Locale.ROOT);
    for (GridVariant v : values()) {
      if (v.id.equals(key)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown gridworld variant '"
            + s
            + "': expected one of "
            + Arrays.stream(values()).map(GridVariant::id).collect(Collectors.joining(", ")));
  }
}
