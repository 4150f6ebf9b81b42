package org.rl3spark.jobs.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The upper bound of one count, size or length key ({@link Limits} holds them all).
 *
 * <p>The <em>soft</em> bound is what one run on the machines this project runs on can hold (disk
 * for an output, driver memory, network size); {@code limits.allow-large = true} lifts it. The
 * <em>hard</em> bound is what the data layout can hold at all (an {@code int}, a Java array); it is
 * never lifted.
 *
 * @param soft the largest value accepted without {@code limits.allow-large}, ≤ {@code hard}
 * @param softReason why: what grows with the value and what it is measured against
 * @param hard the largest value the code can represent
 * @param hardReason why: the int or array that would overflow
 * @param bytesEach bytes of output (or memory) per unit of the value, for the estimate in the
 *     message; 0 = no estimate
 */
public record Bound(long soft, String softReason, long hard, String hardReason, double bytesEach) {

  /** Validates the fields. */
  public Bound {
    if (soft < 0 || soft > hard) {
      throw new IllegalArgumentException(
          "bound needs 0 <= soft <= hard, got " + soft + ", " + hard);
    }
  }

  /** A bound without a per-unit estimate. */
  public Bound(long soft, String softReason, long hard, String hardReason) {
    this(soft, softReason, hard, hardReason, 0);
  }

  /**
   * What is wrong with {@code value}, or empty if it is within the bound.
   *
   * @param allowLarge whether the soft bound is lifted ({@code limits.allow-large})
   */
  public Optional<String> problem(long value, boolean allowLarge) {
    if (value > hard) {
      String hardPart =
          "the hard bound "
              + hard
              + " ("
              + hardReason
              + "), which "
              + Limits.ALLOW_LARGE
              + " does not lift";
      return Optional.of(
          allowLarge || soft == hard
              ? value + " exceeds " + hardPart
              : value + " exceeds the bound " + soft + " (" + reason(value) + ") and " + hardPart);
    }
    if (value > soft && !allowLarge) {
      return Optional.of(
          value
              + " exceeds the bound "
              + soft
              + " ("
              + reason(value)
              + "); set "
              + Limits.ALLOW_LARGE
              + " = true to run it anyway");
    }
    return Optional.empty();
  }

  private String reason(long value) {
    if (bytesEach <= 0) {
      return softReason;
    }
    return "about "
        + bytes(value * bytesEach)
        + " at ~"
        + bytes(bytesEach)
        + " each; "
        + softReason;
  }

  /** A byte count for people: {@code 72 B}, {@code 1.5 GB}, {@code 72 TB} (powers of 1000). */
  public static String bytes(double b) {
    String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    int u = 0;
    while (b >= 1000 && u < units.length - 1) {
      b /= 1000;
      u++;
    }
    return u == 0 ? Math.round(b) + " B" : String.format(Locale.ROOT, "%.1f %s", b, units[u]);
  }
}
