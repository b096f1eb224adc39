package dev.visualsearch.vector;

import java.util.Random;

/** Shared inputs of the kernel tests. */
final class KernelTesting {

  /** Lengths around every vector width and unroll factor, Lucene's list plus the small ones. */
  static final int[] LENGTHS = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 15, 16, 17, 25, 31, 32, 33, 64, 65, 100, 128, 207, 256, 300,
    512, 702, 1024, 1280, 1536, 2046, 2048, 4096, 4098
  };

  private KernelTesting() {}

  /** Whether this JVM can load the Vector API, i.e. was started with the module added. */
  static boolean vectorModuleReadable() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** A {@link Random} for {@code seed}, after printing the seed so a failure can be replayed. */
  static Random seeded(String what, long seed) {
    System.out.println(what + ": seed=" + seed);
    return new Random(seed);
  }

  static float[] gaussian(Random random, int length) {
    float[] vector = new float[length];
    for (int i = 0; i < length; i++) {
      vector[i] = (float) random.nextGaussian();
    }
    return vector;
  }

  /**
   * How far two float sums of {@code length} products of standard normals may differ when they
   * add in different orders: rounding error grows with the number of terms.
   */
  static float tolerance(int length) {
    return 1e-5f * (length + 1);
  }
}
