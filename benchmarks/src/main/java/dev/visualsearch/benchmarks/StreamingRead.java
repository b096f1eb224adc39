package dev.visualsearch.benchmarks;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The memory-bandwidth probe: reads a {@code float[]} from start to end with SIMD loads and adds,
 * the least work that still reads every byte. A plain Java float sum is no probe: C2 keeps its
 * additions in order, so it runs one scalar add per float and measures the adder, not memory.
 * Four accumulators keep the adds off the critical path.
 *
 * <p>Stateless and thread-safe.
 */
public final class StreamingRead {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  private StreamingRead() {}

  /** A value that depends on every float of {@code values[0, length)}, so none can be skipped. */
  public static float read(float[] values, int length) {
    FloatVector acc1 = FloatVector.zero(SPECIES);
    FloatVector acc2 = FloatVector.zero(SPECIES);
    FloatVector acc3 = FloatVector.zero(SPECIES);
    FloatVector acc4 = FloatVector.zero(SPECIES);
    int i = 0;
    int bound = length - 4 * LANES;
    for (; i <= bound; i += 4 * LANES) {
      acc1 = acc1.add(FloatVector.fromArray(SPECIES, values, i));
      acc2 = acc2.add(FloatVector.fromArray(SPECIES, values, i + LANES));
      acc3 = acc3.add(FloatVector.fromArray(SPECIES, values, i + 2 * LANES));
      acc4 = acc4.add(FloatVector.fromArray(SPECIES, values, i + 3 * LANES));
    }
    float tail = 0;
    for (; i < length; i++) {
      tail += values[i];
    }
    // Lane 0 of each accumulator is enough to keep every load alive.
    return acc1.add(acc2).add(acc3.add(acc4)).lane(0) + tail;
  }

  /**
   * As {@link #read}, but through four streams at once, one per quarter of the array. The memory
   * system keeps more reads in flight for four streams than for one (measured 20–35% faster
   * here), so this is the stricter bandwidth limit; the flat scan is measured against both.
   */
  public static float readFourStreams(float[] values, int length) {
    int quarter = length / 4 / LANES * LANES;
    FloatVector acc1 = FloatVector.zero(SPECIES);
    FloatVector acc2 = FloatVector.zero(SPECIES);
    FloatVector acc3 = FloatVector.zero(SPECIES);
    FloatVector acc4 = FloatVector.zero(SPECIES);
    for (int i = 0; i < quarter; i += LANES) {
      acc1 = acc1.add(FloatVector.fromArray(SPECIES, values, i));
      acc2 = acc2.add(FloatVector.fromArray(SPECIES, values, quarter + i));
      acc3 = acc3.add(FloatVector.fromArray(SPECIES, values, 2 * quarter + i));
      acc4 = acc4.add(FloatVector.fromArray(SPECIES, values, 3 * quarter + i));
    }
    float tail = 0;
    for (int i = 4 * quarter; i < length; i++) {
      tail += values[i];
    }
    return acc1.add(acc2).add(acc3.add(acc4)).lane(0) + tail;
  }

  /** The vector shape used, for benchmark output. */
  public static String shape() {
    return LANES + " floats (" + SPECIES.vectorBitSize() + " bits)";
  }
}
