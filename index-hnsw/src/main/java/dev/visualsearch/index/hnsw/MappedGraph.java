package dev.visualsearch.index.hnsw;

import java.nio.IntBuffer;

/**
 * A graph whose layer 0 — all but a {@code 1/M} share of the links — is read from a mapped file
 * ({@link HnswIndex#openMapped}), in the file's record layout (see {@link HnswFormat}); the upper
 * layers were read onto the heap, in {@link HeapGraph}'s layout.
 *
 * <p>Immutable; thread-safe (absolute reads do not move a buffer's position).
 */
final class MappedGraph implements GraphView {

  private final IntBuffer[] level0;
  private final int shift;
  private final int mask;
  private final int maxConn0;
  private final int maxConnUpper;
  private final int stride0;
  private final int strideUpper;
  private final int[][] upper;
  private final int entryPoint;
  private final int maxLevel;

  /**
   * @param level0 the layer-0 records in chunks of {@code recordsPerChunk} records (a power of
   *     two)
   * @param upper per node, its upper-layer records ({@code null} for nodes on layer 0 only)
   */
  MappedGraph(
      IntBuffer[] level0,
      int recordsPerChunk,
      int maxConn0,
      int maxConnUpper,
      int[][] upper,
      int entryPoint,
      int maxLevel) {
    this.level0 = level0;
    this.shift = Integer.numberOfTrailingZeros(recordsPerChunk);
    this.mask = recordsPerChunk - 1;
    this.maxConn0 = maxConn0;
    this.maxConnUpper = maxConnUpper;
    this.stride0 = maxConn0 + 1;
    this.strideUpper = maxConnUpper + 1;
    this.upper = upper;
    this.entryPoint = entryPoint;
    this.maxLevel = maxLevel;
  }

  @Override
  public int size() {
    return upper.length;
  }

  @Override
  public int entryPoint() {
    return entryPoint;
  }

  @Override
  public int maxLevel() {
    return maxLevel;
  }

  @Override
  public int level(int node) {
    int[] lists = upper[node];
    return lists == null ? 0 : lists.length / strideUpper;
  }

  @Override
  public int maxConnections(int level) {
    return level == 0 ? maxConn0 : maxConnUpper;
  }

  @Override
  public int neighbours(int node, int level, int[] target) {
    if (level > 0) {
      int[] lists = upper[node];
      int base = (level - 1) * strideUpper;
      int count = lists[base];
      System.arraycopy(lists, base + 1, target, 0, count);
      return count;
    }
    IntBuffer chunk = level0[node >>> shift];
    int base = (node & mask) * stride0;
    int count = chunk.get(base);
    chunk.get(base + 1, target, 0, count);
    return count;
  }

  @Override
  public long bytes() {
    long bytes = (long) upper.length * stride0 * Integer.BYTES + 16 + 4L * upper.length;
    for (int[] lists : upper) {
      if (lists != null) {
        bytes += 16 + (long) lists.length * Integer.BYTES;
      }
    }
    return bytes;
  }
}
