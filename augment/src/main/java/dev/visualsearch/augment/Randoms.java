package dev.visualsearch.augment;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/**
 * Random draws written out here rather than taken from the JDK's defaults, so that a seed gives
 * the same augmentation on every JDK: {@link RandomGenerator#nextGaussian()}'s algorithm is not
 * specified, while {@code nextDouble} of a {@link java.util.SplittableRandom} is.
 */
final class Randoms {

  private Randoms() {}

  /** Uniform in {@code [min, max)}; {@code min} itself when the range is empty. */
  static double uniform(RandomGenerator random, double min, double max) {
    return min + (max - min) * random.nextDouble();
  }

  /** Standard normal, by Marsaglia's polar method (one of the pair is kept). */
  static double gaussian(RandomGenerator random) {
    double u;
    double v;
    double s;
    do {
      u = 2 * random.nextDouble() - 1;
      v = 2 * random.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * Math.sqrt(-2 * Math.log(s) / s);
  }

  /**
   * A seed for one item of a seeded batch, from the batch seed, the item's name and a counter:
   * SplitMix64's finaliser over the three. The item's seed does not depend on the other items, so
   * adding an image to a batch does not change the copies of the others.
   */
  static long mix(long seed, String name, long counter) {
    long hash = 0xcbf29ce484222325L; // FNV-1a over the UTF-8 bytes of the name
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xFF)) * 0x100000001b3L;
    }
    return finalise(finalise(seed ^ hash) + counter * 0x9E3779B97F4A7C15L);
  }

  private static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
