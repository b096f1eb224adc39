package dev.visualsearch.index.hnsw;

import dev.visualsearch.vector.VectorChecks;
import static dev.visualsearch.index.hnsw.HnswFormat.ALIGNMENT;
import static dev.visualsearch.index.hnsw.HnswFormat.CODEC;
import static dev.visualsearch.index.hnsw.HnswFormat.MAX_METRIC_NAME_BYTES;
import static dev.visualsearch.index.hnsw.HnswFormat.VERSION;

import dev.visualsearch.Metric;
import dev.visualsearch.store.FormatInput;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the {@link HnswFormat} onto the heap or maps it. Nothing read is trusted before it is
 * checked: after the checksum (verified by {@link FormatInput#open} over the whole file), every
 * setting against its range, counts against the bytes that remain, ids for duplicates, vectors
 * for non-finite values (and unit length, for cosine), and every link against the rules of the
 * format, so that a search can never index outside an array or loop on a malformed list.
 *
 * <p>Stateless and thread-safe.
 */
final class HnswFormatReader {

  /** The footer {@link dev.visualsearch.store.FormatOutput#writeFooter} ends each file with. */
  private static final int FOOTER_BYTES = 16;

  /**
   * How far from 1 the squared length of a stored cosine vector may be. Rounding to float moves it
   * by far less even at the largest dimension; a larger gap means the row was not written by an
   * index and its scores would not be cosines.
   */
  private static final double UNIT_TOLERANCE = 1e-2;

  private HnswFormatReader() {}

  /** Reads {@code file}; see {@link HnswIndex#open} and {@link HnswIndex#openMapped}. */
  static HnswIndex read(Path file, boolean mapped) throws IOException {
    return read(file, mapped, MappedFile.DEFAULT_CHUNK_BYTES);
  }

  /** As {@link #read(Path, boolean)}, mapping in chunks of at most {@code maxChunkBytes}. */
  static HnswIndex read(Path file, boolean mapped, long maxChunkBytes) throws IOException {
    // The channel used for mapping is opened first, so the size and the checked content below
    // are those of the same file even if another process replaces it meanwhile.
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        FormatInput input = FormatInput.open(file, CODEC, VERSION, VERSION)) {
      long fileSize = channel.size();
      Header header = readHeader(input);
      int n = header.nodes;
      long position = fileSize - FOOTER_BYTES - input.remaining();
      int padding = (int) ((ALIGNMENT - position % ALIGNMENT) % ALIGNMENT);
      for (int i = 0; i < padding; i++) {
        if (input.readByte() != 0) {
          throw input.corrupt("padding byte " + i + " before the vectors is not zero");
        }
      }
      HnswParams params = header.params;
      int stride0 = params.maxConn0() + 1;
      int strideUpper = params.maxConnUpper() + 1;
      long upperRecords = 0;
      for (int node = 0; node < n; node++) {
        upperRecords += header.levels[node];
      }
      long expected =
          ((long) n * params.dimension() + (long) n * stride0 + upperRecords * strideUpper) * 4;
      if (input.remaining() != expected) {
        throw input.corrupt(
            n + " nodes of dimension " + params.dimension() + " need " + expected
                + " bytes of vectors and links, but " + input.remaining() + " remain");
      }
      long vectorsOffset = position + padding;
      long level0Offset = vectorsOffset + (long) n * params.dimension() * Float.BYTES;
      return mapped
          ? readMapped(input, channel, header, vectorsOffset, level0Offset, maxChunkBytes)
          : readHeap(input, header);
    }
  }

  private static HnswIndex readHeap(FormatInput input, Header header) throws IOException {
    HnswParams params = header.params;
    int n = header.nodes;
    int dimension = params.dimension();
    boolean l2 = params.metric() == Metric.L2;
    HeapVectors vectors = new HeapVectors(dimension, l2, n);
    if (n > vectors.maxNodes()) {
      throw new IOException(
          input.file() + " holds " + n + " vectors of dimension " + dimension
              + ", more than fit in one Java array; open it with HnswIndex.openMapped");
    }
    input.readFloats(vectors.data(), 0, n * dimension);
    vectors.setSize(n);
    float[] row = new float[dimension];
    for (int node = 0; node < n; node++) {
      vectors.copyTo(node, row, 0);
      checkVector(input, row, params.metric(), node);
    }
    HeapGraph graph = new HeapGraph(params.maxConn0(), params.maxConnUpper(), n);
    for (int node = 0; node < n; node++) {
      graph.addNode(header.levels[node]);
    }
    LinkChecker checker = new LinkChecker(input, header);
    int[] record = new int[params.maxConn0() + 1];
    for (int node = 0; node < n; node++) {
      readRecord(input, record, params.maxConn0() + 1);
      checker.check(record, node, 0);
      graph.setNeighbours(node, 0, tail(record), record[0]);
    }
    for (int node = 0; node < n; node++) {
      for (int level = 1; level <= header.levels[node]; level++) {
        readRecord(input, record, params.maxConnUpper() + 1);
        checker.check(record, node, level);
        graph.setNeighbours(node, level, tail(record), record[0]);
      }
    }
    input.finish();
    if (n > 0) {
      graph.setEntry(header.entryPoint, header.maxLevel);
    }
    return new HnswIndex(params, vectors, graph, header.ids, header.insertions, null);
  }

  private static HnswIndex readMapped(
      FormatInput input,
      FileChannel channel,
      Header header,
      long vectorsOffset,
      long level0Offset,
      long maxChunkBytes)
      throws IOException {
    HnswParams params = header.params;
    int n = header.nodes;
    int dimension = params.dimension();
    int stride0 = params.maxConn0() + 1;
    int strideUpper = params.maxConnUpper() + 1;
    MappedFile mapping = new MappedFile(maxChunkBytes);
    try {
      int vectorsPerChunk = mapping.recordsPerChunk((long) dimension * Float.BYTES);
      FloatBuffer[] vectorChunks = mapping.mapFloats(channel, vectorsOffset, n, dimension);
      MappedVectors vectors =
          new MappedVectors(
              vectorChunks, vectorsPerChunk, dimension, n, params.metric() == Metric.L2);
      float[] row = new float[dimension];
      for (int node = 0; node < n; node++) {
        vectors.copyTo(node, row, 0);
        checkVector(input, row, params.metric(), node);
      }
      int recordsPerChunk = mapping.recordsPerChunk((long) stride0 * Integer.BYTES);
      IntBuffer[] level0 = mapping.mapInts(channel, level0Offset, n, stride0);
      LinkChecker checker = new LinkChecker(input, header);
      int[] record = new int[stride0];
      int shift = Integer.numberOfTrailingZeros(recordsPerChunk);
      for (int node = 0; node < n; node++) {
        level0[node >>> shift].get((node & (recordsPerChunk - 1)) * stride0, record, 0, stride0);
        checker.check(record, node, 0);
      }
      // The upper layers are small (about n / M records): read them onto the heap, in order,
      // where the input now stands after the vectors and layer 0 it has not parsed.
      long upperOffset = level0Offset + (long) n * stride0 * Integer.BYTES;
      int upperNodes = 0;
      for (int node = 0; node < n; node++) {
        upperNodes += header.levels[node] > 0 ? 1 : 0;
      }
      int[][] upper = new int[n][];
      if (upperNodes > 0) {
        long upperRecords = 0;
        for (int node = 0; node < n; node++) {
          upperRecords += header.levels[node];
        }
        MappedFile upperMapping = new MappedFile(maxChunkBytes);
        try {
          IntBuffer[] chunks =
              upperMapping.mapInts(channel, upperOffset, (int) upperRecords, strideUpper);
          int upperChunk = upperMapping.recordsPerChunk((long) strideUpper * Integer.BYTES);
          long recordIndex = 0;
          for (int node = 0; node < n; node++) {
            int levels = header.levels[node];
            if (levels == 0) {
              continue;
            }
            int[] lists = new int[levels * strideUpper];
            for (int level = 1; level <= levels; level++, recordIndex++) {
              IntBuffer chunk = chunks[(int) (recordIndex / upperChunk)];
              chunk.get((int) (recordIndex % upperChunk) * strideUpper, record, 0, strideUpper);
              checker.check(record, node, level);
              System.arraycopy(record, 0, lists, (level - 1) * strideUpper, strideUpper);
            }
            upper[node] = lists;
          }
        } finally {
          upperMapping.close();
        }
      }
      MappedGraph graph =
          new MappedGraph(
              level0,
              recordsPerChunk,
              params.maxConn0(),
              params.maxConnUpper(),
              upper,
              header.entryPoint,
              header.maxLevel);
      return new HnswIndex(params, vectors, graph, header.ids, header.insertions, mapping);
    } catch (IOException | RuntimeException | Error e) {
      mapping.close();
      throw e;
    }
  }

  /** The settings and nodes before the padding. */
  private static final class Header {
    HnswParams params;
    long insertions;
    int nodes;
    int entryPoint;
    int maxLevel;
    byte[] levels;
    NodeIds ids;
  }

  private static Header readHeader(FormatInput input) throws IOException {
    Header header = new Header();
    int dimension = input.readInt();
    if (dimension < 1 || dimension > VectorChecks.MAX_DIMENSION) {
      throw input.corrupt(
          "dimension " + dimension + " is outside [1, " + VectorChecks.MAX_DIMENSION + "]");
    }
    Metric metric = readMetric(input);
    int m = input.readInt();
    if (m < 2 || m > HnswIndexBuilder.MAX_M) {
      throw input.corrupt("m " + m + " is outside [2, " + HnswIndexBuilder.MAX_M + "]");
    }
    int efConstruction = readEf(input, "efConstruction");
    int efSearch = readEf(input, "efSearch");
    long seed = input.readLong();
    header.params =
        new HnswParams(
            dimension, metric, m, efConstruction, efSearch, seed,
            Runtime.getRuntime().availableProcessors());
    header.insertions = input.readLong();
    // Every node takes at least its two bytes, its vector and its layer-0 record.
    long minNodeBytes = 2 + 4L * dimension + 4L * (2 * m + 1);
    int n = input.readCount("node count", (int) Math.min(Integer.MAX_VALUE, input.remaining() / minNodeBytes));
    header.nodes = n;
    if (header.insertions < n) {
      throw input.corrupt("insertion count " + header.insertions + " is below the node count " + n);
    }
    header.entryPoint = input.readInt();
    header.maxLevel = input.readInt();
    header.levels = new byte[n];
    header.ids = new NodeIds(n);
    int top = -1;
    for (int node = 0; node < n; node++) {
      int level = input.readByte();
      if (level > LevelGenerator.MAX_LEVEL) {
        throw input.corrupt("layer " + level + " of node " + node + " is above " + LevelGenerator.MAX_LEVEL);
      }
      header.levels[node] = (byte) level;
      top = Math.max(top, level);
      int live = input.readByte();
      if (live > 1) {
        throw input.corrupt("live flag " + live + " of node " + node + " is neither 0 nor 1");
      }
      String id = null;
      if (live == 1) {
        id = input.readString((int) Math.min(Integer.MAX_VALUE, input.remaining()));
        if (header.ids.nodeOf(id) >= 0) {
          throw input.corrupt("duplicate id '" + id + "' at node " + node);
        }
      }
      header.ids.append(id);
    }
    if (n == 0 ? header.entryPoint != -1 || header.maxLevel != -1
        : header.entryPoint < 0 || header.entryPoint >= n
            || header.maxLevel != top || header.levels[header.entryPoint] != top) {
      throw input.corrupt(
          "entry point " + header.entryPoint + " on layer " + header.maxLevel
              + " is not a node on the top layer (" + top + ") of " + n + " nodes");
    }
    return header;
  }

  private static Metric readMetric(FormatInput input) throws IOException {
    String name = input.readString(MAX_METRIC_NAME_BYTES);
    for (Metric metric : Metric.values()) {
      if (metric.name().equals(name)) {
        return metric;
      }
    }
    throw input.corrupt("unknown metric '" + name + "'");
  }

  private static int readEf(FormatInput input, String name) throws IOException {
    int value = input.readInt();
    if (value < 1 || value > HnswIndexBuilder.MAX_EF) {
      throw input.corrupt(name + " " + value + " is outside [1, " + HnswIndexBuilder.MAX_EF + "]");
    }
    return value;
  }

  private static void readRecord(FormatInput input, int[] record, int length) throws IOException {
    for (int i = 0; i < length; i++) {
      record[i] = input.readInt();
    }
  }

  private static int[] tail(int[] record) {
    int[] neighbours = new int[record.length - 1];
    System.arraycopy(record, 1, neighbours, 0, neighbours.length);
    return neighbours;
  }

  private static void checkVector(FormatInput input, float[] row, Metric metric, int node)
      throws IOException {
    double squaredNorm = 0;
    for (int i = 0; i < row.length; i++) {
      if (!Float.isFinite(row[i])) {
        throw input.corrupt("vector of node " + node + " holds " + row[i] + " at position " + i);
      }
      squaredNorm += (double) row[i] * row[i];
    }
    if (metric == Metric.COSINE && Math.abs(squaredNorm - 1) > UNIT_TOLERANCE) {
      throw input.corrupt(
          "cosine vector of node " + node + " has squared length " + squaredNorm + ", not 1");
    }
  }

  /** Checks link records against the rules of {@link HnswFormat}. */
  private static final class LinkChecker {
    private final FormatInput input;
    private final Header header;
    private final VisitedSet seen = new VisitedSet();

    LinkChecker(FormatInput input, Header header) {
      this.input = input;
      this.header = header;
    }

    void check(int[] record, int node, int level) throws IOException {
      int max = level == 0 ? header.params.maxConn0() : header.params.maxConnUpper();
      int count = record[0];
      String where = "layer " + level + " of node " + node;
      if (count < 0 || count > max) {
        throw input.corrupt("neighbour count " + count + " on " + where + " is outside [0, " + max + "]");
      }
      seen.reset(header.nodes);
      for (int i = 1; i <= count; i++) {
        int neighbour = record[i];
        if (neighbour < 0 || neighbour >= header.nodes || neighbour == node) {
          throw input.corrupt("neighbour " + neighbour + " on " + where + " is not another node");
        }
        if (header.levels[neighbour] < level) {
          throw input.corrupt("neighbour " + neighbour + " on " + where + " is not on that layer");
        }
        if (!seen.visit(neighbour)) {
          throw input.corrupt("neighbour " + neighbour + " appears twice on " + where);
        }
      }
      for (int i = count + 1; i <= max; i++) {
        if (record[i] != 0) {
          throw input.corrupt("unused slot " + (i - 1) + " on " + where + " is not zero");
        }
      }
    }
  }
}
