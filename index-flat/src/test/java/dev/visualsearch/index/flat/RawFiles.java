package dev.visualsearch.index.flat;

import dev.visualsearch.store.FormatOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Writes files with {@link FormatOutput} directly, field by field as {@link FlatIndexFormat}
 * documents them, so tests can produce files the index itself never would: other versions, other
 * codecs, values out of range — each with a valid checksum, so the reader's own checks are what
 * catches them.
 */
final class RawFiles {

  /** Writes the fields between header and footer. */
  @FunctionalInterface
  interface Body {
    void writeTo(FormatOutput out) throws IOException;
  }

  private RawFiles() {}

  static Path write(Path file, String codec, int version, Body body) throws IOException {
    try (OutputStream stream = Files.newOutputStream(file)) {
      FormatOutput out = new FormatOutput(stream);
      out.writeHeader(codec, version);
      body.writeTo(out);
      out.writeFooter();
    }
    return file;
  }

  /**
   * Writes {@code bytes} (a whole file, footer included) to {@code file} with the footer's CRC32
   * recomputed, so an edited file passes the checksum and the reader's other checks are tested.
   */
  static Path rechecksum(Path file, byte[] bytes) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - Long.BYTES);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(bytes.length - Long.BYTES, crc.getValue());
    return Files.write(file, bytes);
  }

  /** A version-1 body: dimension, metric name, count, ids, then the rows of {@code vectors}. */
  static Body flatBody(int dimension, String metric, String[] ids, float[]... vectors) {
    return out -> {
      out.writeInt(dimension);
      out.writeString(metric);
      out.writeInt(ids.length);
      for (String id : ids) {
        out.writeString(id);
      }
      for (float[] vector : vectors) {
        out.writeFloats(vector, 0, vector.length);
      }
    };
  }
}
