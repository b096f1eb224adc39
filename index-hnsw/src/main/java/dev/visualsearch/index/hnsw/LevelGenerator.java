package dev.visualsearch.index.hnsw;

/**
 * Draws the top layer of each node: layer {@code ℓ} with probability {@code (1 − 1/M)·M^−ℓ}, the
 * exponentially decaying distribution of the HNSW paper with {@code mL = 1/ln M}, so each layer
 * holds about {@code 1/M} of the nodes of the layer below.
 *
 * <p>The draw for the {@code i}-th insertion is a pure function of the seed and {@code i} (a
 * SplitMix64 hash), not the next value of a shared generator. Concurrent builders, which insert
 * in an order nobody controls, therefore give every node the same layer a single-threaded build
 * gives it, and a saved index continues the sequence where it left off.
 *
 * <p>Immutable and thread-safe.
 */
final class LevelGenerator {

  /**
   * The highest layer drawn. With 53 random bits the exponential draw cannot exceed about {@code
   * 37/ln M} anyway (53 for M = 2); the cap keeps the on-disk layer byte well inside its range.
   */
  static final int MAX_LEVEL = 63;

  private final long seed;
  private final double levelMultiplier;

  LevelGenerator(long seed, int m) {
    this.seed = seed;
    this.levelMultiplier = 1 / Math.log(m);
  }

  /** The layer of the node created by insertion number {@code insertion} (0 for the first). */
  int level(long insertion) {
    // A uniform double in (0, 1]: never 0, whose logarithm is infinite.
    double uniform = ((mix(seed + insertion * 0x9E3779B97F4A7C15L) >>> 11) + 1) * 0x1.0p-53;
    return (int) Math.min(MAX_LEVEL, Math.floor(-Math.log(uniform) * levelMultiplier));
  }

  /** The SplitMix64 finaliser: consecutive inputs give statistically independent outputs. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
