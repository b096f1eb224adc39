package dev.visualsearch.index.hnsw;

import dev.visualsearch.Metric;
import dev.visualsearch.store.AtomicFile;
import dev.visualsearch.store.FormatOutput;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The on-disk format of an {@link HnswIndex}, codec {@value #CODEC}, version {@value #VERSION}.
 * All numbers are little-endian; a <em>string</em> is its UTF-8 byte count (int) followed by the
 * bytes. {@code n} is the number of nodes, deleted ones included.
 *
 * <ol>
 *   <li><b>header</b> ({@link FormatOutput#writeHeader}): magic int {@code 0x46585356}, codec
 *       string {@code "HnswIndex"}, version int {@code 1}.
 *   <li><b>dimension</b>: int in {@code [1, 65536]}, the length of every vector.
 *   <li><b>metric</b>: string, the name of a {@link Metric} constant, at most {@value
 *       #MAX_METRIC_NAME_BYTES} bytes.
 *   <li><b>m</b>: int in {@code [2, 512]}; a node keeps up to {@code m} neighbours on each layer
 *       above 0 and {@code 2·m} on layer 0.
 *   <li><b>efConstruction</b>, <b>efSearch</b>: ints in {@code [1, 2²⁰]}.
 *   <li><b>seed</b>: long, the seed of the layer draws.
 *   <li><b>insertions</b>: long ≥ n, the insertions made so far (the next node's layer is drawn
 *       for this insertion number).
 *   <li><b>n</b>: int ≥ 0.
 *   <li><b>entry point</b>: int, the node searches start from; {@code -1} if and only if {@code n
 *       = 0}.
 *   <li><b>top layer</b>: int, the entry point's layer, the highest of all; {@code -1} if {@code n
 *       = 0}.
 *   <li><b>nodes</b>: for each node in node order (= insertion order, the tie-breaking order of
 *       searches): its layer, a byte in {@code [0, 63]}; a live byte, {@code 1} for an item and
 *       {@code 0} for a deleted node (a tombstone); and for an item its id, a string. Ids are
 *       distinct.
 *   <li><b>padding</b>: zero bytes up to the next multiple of {@value #ALIGNMENT} bytes from the
 *       start of the file, so that the blocks below can be mapped and read as aligned floats and
 *       ints.
 *   <li><b>vectors</b>: {@code n × dimension} floats (IEEE 754), row-major, row {@code i}
 *       belonging to node {@code i}, tombstones included (searches still walk through them). All
 *       finite; for {@code COSINE} each row has unit length (within rounding).
 *   <li><b>layer 0</b>: {@code n} records of {@code 2·m + 1} ints: the neighbour count {@code c}
 *       in {@code [0, 2·m]}, {@code c} distinct neighbour nodes in {@code [0, n)} other than the
 *       node itself, and {@code 2·m − c} zeros.
 *   <li><b>upper layers</b>: for each node on layer 1 or higher, in node order, one record of
 *       {@code m + 1} ints for each of its layers {@code 1..layer}, laid out as on layer 0; a
 *       neighbour on layer {@code ℓ} is itself on layer {@code ℓ} or higher.
 *   <li><b>footer</b> ({@link FormatOutput#writeFooter}): magic int, checksum algorithm int
 *       ({@code 0} = CRC32), CRC32 of every byte before it as a long.
 * </ol>
 *
 * <p>The file keeps the graph as it is in memory, tombstones included, so an opened index is the
 * saved one link for link and continues the same sequence of layer draws. The reader ({@link
 * HnswFormatReader}) trusts nothing it has not checked.
 *
 * <p>Stateless and thread-safe; the caller holds the index's read lock while writing.
 */
final class HnswFormat {

  static final String CODEC = "HnswIndex";
  static final int VERSION = 1;
  static final int MAX_METRIC_NAME_BYTES = 32;
  /** The block alignment: a cache line, and a multiple of every element size. */
  static final int ALIGNMENT = 64;

  private HnswFormat() {}

  /** Writes the index to {@code file}, atomically. */
  static void write(
      Path file,
      HnswParams params,
      VectorValues vectors,
      GraphView graph,
      NodeIds ids,
      long insertions)
      throws IOException {
    AtomicFile.write(
        file,
        out -> {
          FormatOutput output = new FormatOutput(out);
          output.writeHeader(CODEC, VERSION);
          output.writeInt(params.dimension());
          output.writeString(params.metric().name());
          output.writeInt(params.m());
          output.writeInt(params.efConstruction());
          output.writeInt(params.efSearch());
          output.writeLong(params.seed());
          output.writeLong(insertions);
          int n = graph.size();
          output.writeInt(n);
          output.writeInt(graph.entryPoint());
          output.writeInt(graph.maxLevel());
          for (int node = 0; node < n; node++) {
            output.writeByte(graph.level(node));
            String id = ids.idOf(node);
            output.writeByte(id == null ? 0 : 1);
            if (id != null) {
              output.writeString(id);
            }
          }
          while (output.position() % ALIGNMENT != 0) {
            output.writeByte(0);
          }
          int dimension = params.dimension();
          float[] row = new float[dimension];
          for (int node = 0; node < n; node++) {
            vectors.copyTo(node, row, 0);
            output.writeFloats(row, 0, dimension);
          }
          int[] neighbours = new int[Math.max(params.maxConn0(), params.maxConnUpper())];
          for (int node = 0; node < n; node++) {
            writeList(output, graph, node, 0, neighbours);
          }
          for (int node = 0; node < n; node++) {
            for (int level = 1; level <= graph.level(node); level++) {
              writeList(output, graph, node, level, neighbours);
            }
          }
          output.writeFooter();
        });
  }

  private static void writeList(
      FormatOutput output, GraphView graph, int node, int level, int[] neighbours)
      throws IOException {
    int count = graph.neighbours(node, level, neighbours);
    output.writeInt(count);
    for (int i = 0; i < count; i++) {
      output.writeInt(neighbours[i]);
    }
    for (int i = count; i < graph.maxConnections(level); i++) {
      output.writeInt(0);
    }
  }
}
