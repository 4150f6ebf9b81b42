package org.rl3spark.core.testing;

import org.rl3spark.core.vamdp.QSource;
import org.rl3spark.core.vamdp.VamdpConfig;

/**
 * The per-domain VAMDP constants of the authors' code (reference §3.1), with fresh Q by default.
 */
public final class TestConfigs {

  private TestConfigs() {}

  /** Bandits: γ 0.95, ε 0.01, cap TH = 1, λ 0.1, Q/1, counts/10, cold starts, all states known. */
  public static VamdpConfig bandits() {
    return new VamdpConfig(0.95, 0.01, 0, 0.1, 1.0, 10.0, false, false, QSource.LATEST_VI, 0, 1);
  }

  /** Random MDPs: as bandits but Q/10 (cap TH = 10). */
  public static VamdpConfig mdps() {
    return new VamdpConfig(0.95, 0.01, 0, 0.1, 10.0, 10.0, false, false, QSource.LATEST_VI, 0, 1);
  }

  /** Grids: ε 0.1, λ 0.01, Q/10, warm starts, states added on first visit. */
  public static VamdpConfig grids() {
    return new VamdpConfig(0.95, 0.1, 0, 0.01, 10.0, 10.0, true, true, QSource.LATEST_VI, 0, 1);
  }

  /** RL³-coarse on 13x13 grids: {@link #grids()} with clusters of 2 within radius 0.08. */
  public static VamdpConfig coarse13() {
    return grids().withAbstraction(0.08, 2);
  }
}
