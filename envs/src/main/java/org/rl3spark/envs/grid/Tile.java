package org.rl3spark.envs.grid;

/**
 * Grid tiles, with the reward for entering each and its slip probability class (reference §1.3.4,
 * §1.3.5).
 */
public enum Tile {
  /** The start tile (one per grid, at the centre). */
  START('S', -1, false),
  /** A blank tile. */
  BLANK(' ', -1, false),
  /** The goal: +100 on entry, absorbing. */
  GOAL('G', 100, true),
  /** An obstacle: never entered. */
  OBSTACLE('O', 0, false),
  /** Water: −2 on entry; moving from water always slips sideways. */
  WATER('W', -2, false),
  /** A warning tile around a danger: −10 on entry. */
  WARNING('!', -10, false),
  /** A danger: −100 on entry, absorbing. */
  DANGER('X', -100, true);

  private final char symbol;
  private final double enterReward;
  private final boolean absorbing;

  Tile(char symbol, double enterReward, boolean absorbing) {
    this.symbol = symbol;
    this.enterReward = enterReward;
    this.absorbing = absorbing;
  }

  /** The character of this tile in layouts (blank is a space). */
  public char symbol() {
    return symbol;
  }

  /** The reward for entering (or staying on) this tile. */
  public double enterReward() {
    return enterReward;
  }

  /** Whether entering this tile ends the episode (goal, danger). */
  public boolean isAbsorbing() {
    return absorbing;
  }

  /** The tile of a layout character. */
  public static Tile of(char c) {
    for (Tile t : values()) {
      if (t.symbol == c) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown tile character '" + c + "'");
  }
}
