package dev.visualsearch.benchmarks;

import dev.visualsearch.vector.VectorKernels;
import java.lang.reflect.Field;

/** Says which code path each side of a benchmark runs, for the benchmark output. */
public final class Peers {

  private Peers() {}

  /** E.g. {@code "visualsearch kernels: panama; Java 25.0.1"}. */
  public static String visualsearch() {
    return "visualsearch kernels: " + VectorKernels.implementationName() + "; Java "
        + Runtime.version();
  }

  /**
   * The vectorization provider Lucene chose ({@code PanamaVectorizationProvider} is its SIMD
   * path, {@code DefaultVectorizationProvider} its scalar one), read from its holder because
   * Lucene's accessor refuses callers outside Lucene.
   */
  public static String lucene() {
    org.apache.lucene.util.VectorUtil.dotProduct(new float[] {1}, new float[] {1});
    try {
      Field instance =
          Class.forName("org.apache.lucene.internal.vectorization.VectorizationProvider$Holder")
              .getDeclaredField("INSTANCE");
      instance.setAccessible(true);
      return "lucene vectorization: " + instance.get(null).getClass().getSimpleName();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "lucene vectorization: unknown (" + e + ")";
    }
  }
}
