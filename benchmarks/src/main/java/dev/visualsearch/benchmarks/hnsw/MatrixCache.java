package dev.visualsearch.benchmarks.hnsw;

import dev.visualsearch.store.AtomicFile;
import dev.visualsearch.store.FormatInput;
import dev.visualsearch.store.FormatOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark data cached on disk between runs — generated vectors and exact answers — in the
 * project's checksummed file framing, so a half-written or damaged cache is noticed and rebuilt
 * rather than silently benchmarked.
 *
 * <p>Stateless and thread-safe.
 */
final class MatrixCache {

  private static final String FLOATS = "BenchFloats";
  private static final String INTS = "BenchInts";

  private MatrixCache() {}

  /** The cache directory: {@code -Dvisualsearch.bench.cache}, else {@code $TMPDIR/visualsearch-bench}. */
  static Path directory() throws IOException {
    String configured = System.getProperty("visualsearch.bench.cache");
    Path dir =
        configured != null
            ? Path.of(configured)
            : Path.of(System.getProperty("java.io.tmpdir"), "visualsearch-bench");
    Files.createDirectories(dir);
    return dir.toAbsolutePath();
  }

  static void writeFloats(Path file, float[][] rows) throws IOException {
    AtomicFile.write(
        file,
        out -> {
          FormatOutput output = new FormatOutput(out);
          output.writeHeader(FLOATS, 1);
          output.writeInt(rows.length);
          output.writeInt(rows.length == 0 ? 0 : rows[0].length);
          for (float[] row : rows) {
            output.writeFloats(row, 0, row.length);
          }
          output.writeFooter();
        });
  }

  /** The rows in {@code file}, or {@code null} if it is missing or unreadable. */
  static float[][] readFloats(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try (FormatInput input = FormatInput.open(file, FLOATS, 1, 1)) {
      int rows = input.readInt();
      int columns = input.readInt();
      float[][] matrix = new float[rows][columns];
      for (float[] row : matrix) {
        input.readFloats(row, 0, columns);
      }
      input.finish();
      return matrix;
    } catch (IOException | RuntimeException e) {
      System.err.println("ignoring unreadable cache " + file + ": " + e.getMessage());
      return null;
    }
  }

  static void writeInts(Path file, int[][] rows) throws IOException {
    AtomicFile.write(
        file,
        out -> {
          FormatOutput output = new FormatOutput(out);
          output.writeHeader(INTS, 1);
          output.writeInt(rows.length);
          output.writeInt(rows.length == 0 ? 0 : rows[0].length);
          for (int[] row : rows) {
            for (int value : row) {
              output.writeInt(value);
            }
          }
          output.writeFooter();
        });
  }

  /** The rows in {@code file}, or {@code null} if it is missing or unreadable. */
  static int[][] readInts(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try (FormatInput input = FormatInput.open(file, INTS, 1, 1)) {
      int rows = input.readInt();
      int columns = input.readInt();
      int[][] matrix = new int[rows][columns];
      for (int[] row : matrix) {
        for (int c = 0; c < columns; c++) {
          row[c] = input.readInt();
        }
      }
      input.finish();
      return matrix;
    } catch (IOException | RuntimeException e) {
      System.err.println("ignoring unreadable cache " + file + ": " + e.getMessage());
      return null;
    }
  }
}
