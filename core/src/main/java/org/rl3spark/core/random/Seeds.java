package org.rl3spark.core.random;

import java.nio.charset.StandardCharsets;

/**
 * Derivation of seeds from (master seed, purpose, identifiers).
 *
 * <p>The derived seed is a pure function of its arguments: {@code derive(m, p, ids...)} mixes the
 * master seed, a 64-bit FNV-1a hash of the purpose's UTF-8 bytes and each identifier in order
 * through the SplitMix64/MurmurHash3 finaliser. Distinct purposes (task sampling, env dynamics,
 * policy sampling, network initialisation, minibatch order, ...) give independent streams for the
 * same identifiers.
 */
public final class Seeds {

  /** Purpose of the stream that samples a task's parameters. */
  public static final String TASK = "task";

  /** Purpose of the stream that drives an env's stochastic dynamics during a meta-episode. */
  public static final String ENV_DYNAMICS = "env-dynamics";

  /** Purpose of the stream that samples a policy's actions during a meta-episode. */
  public static final String POLICY = "policy";

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /** The mask of {@link #criticInit} (java.util.Random's multiplier, as first written). */
  static final long CRITIC_INIT_MASK = 0x5DEECE66DL;

  private Seeds() {}

  /**
   * Derives a seed from a master seed, a purpose and identifiers.
   *
   * @param master the run's master seed
   * @param purpose what the stream is for; use the constants of this class or a namespaced string
   * @param ids identifiers of the piece of work (split ordinal, task index, meta-episode, ...)
   * @return a well-mixed 64-bit seed
   */
  public static long derive(long master, String purpose, long... ids) {
    long h = mix(master + GOLDEN);
    h = mix(h ^ hash(purpose));
    for (long id : ids) {
      h = mix(h + GOLDEN + mix(id));
    }
    return h;
  }

  /**
   * The critic network's initialisation seed, from the actor's ({@code actorInitSeed}, itself a
   * {@link #derive}). Not a {@link #derive} of its own: it is the actor's seed XOR {@code
   * 0x5DEECE66D}, the derivation every run so far initialised its critic with; a new derivation
   * would change every fresh run's training and so no longer reproduce the committed metrics and
   * shipped agents.
   */
  public static long criticInit(long actorInitSeed) {
    return actorInitSeed ^ CRITIC_INIT_MASK;
  }

  /** A generator seeded with {@link #derive}. */
  public static Rng rng(long master, String purpose, long... ids) {
    return new Rng(derive(master, purpose, ids));
  }

  /** 64-bit FNV-1a hash of the UTF-8 bytes of {@code s}; stable across JVMs. */
  public static long hash(String s) {
    long h = FNV_OFFSET;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= FNV_PRIME;
    }
    return h;
  }

  /** The MurmurHash3 / SplitMix64 64-bit finaliser. */
  public static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
