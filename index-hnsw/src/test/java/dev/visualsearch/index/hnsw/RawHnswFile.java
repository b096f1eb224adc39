package dev.visualsearch.index.hnsw;

import dev.visualsearch.store.FormatOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link HnswFormat} files field by field, as the format documents them, so tests can make
 * files the index itself never would — values out of range, bad links — each with a valid
 * checksum, so that the reader's own checks are what catches them. Starts as a valid two-node L2
 * graph of dimension 2 with m = 2; tests change one field.
 */
final class RawHnswFile {

  String codec = HnswFormat.CODEC;
  int version = HnswFormat.VERSION;
  int dimension = 2;
  String metric = "L2";
  int m = 2;
  int efConstruction = 10;
  int efSearch = 10;
  long seed = 1;
  long insertions = 2;
  int nodes = 2;
  int entryPoint = 0;
  int maxLevel = 1;
  int[] levels = {1, 0};
  int[] live = {1, 1};
  String[] ids = {"a", "b"};
  /** Padding bytes to write; -1 for the correct amount. */
  int padding = -1;
  int paddingValue = 0;
  float[][] vectors = {{1, 0}, {0, 1}};
  /** Per node the layer-0 record: count, neighbours, zeros (2·m + 1 ints). */
  int[][] level0 = {{1, 1, 0, 0, 0}, {1, 0, 0, 0, 0}};
  /** The upper-layer records in file order (m + 1 ints each). */
  int[][] upper = {{0, 0, 0}};
  int trailingBytes = 0;

  Path write(Path file) throws IOException {
    try (OutputStream stream = Files.newOutputStream(file)) {
      FormatOutput out = new FormatOutput(stream);
      out.writeHeader(codec, version);
      out.writeInt(dimension);
      out.writeString(metric);
      out.writeInt(m);
      out.writeInt(efConstruction);
      out.writeInt(efSearch);
      out.writeLong(seed);
      out.writeLong(insertions);
      out.writeInt(nodes);
      out.writeInt(entryPoint);
      out.writeInt(maxLevel);
      for (int i = 0; i < levels.length; i++) {
        out.writeByte(levels[i]);
        out.writeByte(live[i]);
        if (live[i] == 1) {
          out.writeString(ids[i]);
        }
      }
      int pad = padding >= 0 ? padding : (int) ((64 - out.position() % 64) % 64);
      for (int i = 0; i < pad; i++) {
        out.writeByte(paddingValue);
      }
      for (float[] vector : vectors) {
        out.writeFloats(vector, 0, vector.length);
      }
      for (int[] record : level0) {
        for (int value : record) {
          out.writeInt(value);
        }
      }
      for (int[] record : upper) {
        for (int value : record) {
          out.writeInt(value);
        }
      }
      for (int i = 0; i < trailingBytes; i++) {
        out.writeByte(0);
      }
      out.writeFooter();
    }
    return file;
  }
}
