package dev.visualsearch.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Small helpers for the image tests: thumbnails, pixel access and synthetic files. */
final class TestImages {

  private TestImages() {}

  /**
   * Area-average thumbnail, {@code n × n} cells of (R, G, B) means: every pixel counts towards
   * exactly one cell, so the thumbnail does not alias and is independent of small resampling
   * differences. Needs at least {@code n} pixels each way.
   */
  static double[] thumbnail(BufferedImage image, int n) {
    int w = image.getWidth();
    int h = image.getHeight();
    if (w < n || h < n) {
      throw new IllegalArgumentException(w + "x" + h + " is smaller than the thumbnail " + n);
    }
    double[] sums = new double[n * n * 3];
    long[] counts = new long[n * n];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      int cellRow = (int) ((long) y * n / h);
      for (int x = 0; x < w; x++) {
        int cell = cellRow * n + (int) ((long) x * n / w);
        counts[cell]++;
        sums[cell * 3] += row[x] >> 16 & 0xFF;
        sums[cell * 3 + 1] += row[x] >> 8 & 0xFF;
        sums[cell * 3 + 2] += row[x] & 0xFF;
      }
    }
    for (int cell = 0; cell < n * n; cell++) {
      for (int c = 0; c < 3; c++) {
        sums[cell * 3 + c] /= counts[cell];
      }
    }
    return sums;
  }

  /** The Rec. 601 luma of each cell of an RGB thumbnail, repeated for R, G and B. */
  static double[] luma(double[] thumbnail) {
    double[] out = new double[thumbnail.length];
    for (int i = 0; i < thumbnail.length; i += 3) {
      double y = 0.299 * thumbnail[i] + 0.587 * thumbnail[i + 1] + 0.114 * thumbnail[i + 2];
      out[i] = y;
      out[i + 1] = y;
      out[i + 2] = y;
    }
    return out;
  }

  /** The mean absolute difference between two thumbnails, in 8-bit levels. */
  static double meanAbsDiff(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("thumbnail sizes differ: " + a.length + "!=" + b.length);
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum / a.length;
  }

  /** (R, G, B) of one pixel through the colour model; exact for sRGB 8-bit images. */
  static int[] rgb(BufferedImage image, int x, int y) {
    int argb = image.getRGB(x, y);
    return new int[] {argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF};
  }

  /** All pixels as packed 0xRRGGBB, row by row. */
  static int[] pixels(BufferedImage image) {
    int[] out = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    for (int i = 0; i < out.length; i++) {
      out[i] &= 0xFFFFFF;
    }
    return out;
  }

  /** A PNG file of {@code image}, written by the JDK's PNG writer. */
  static byte[] png(BufferedImage image) {
    return write(image, "png");
  }

  /** A file of {@code image} in {@code format}, written by the JDK's writer. */
  static byte[] write(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException(
            "no " + format + " writer for image type " + image.getType());
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JPEG file of {@code image} at the highest quality (so colours survive for coarse checks). */
  static byte[] jpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(1.0f);
        writer.write(null, new IIOImage(image, null, null), param);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }

  /** {@code png} with a chunk inserted after IHDR (which always ends at byte 33). */
  static byte[] withPngChunk(byte[] png, String type, byte[] data) {
    return insert(png, 33, pngChunk(type, data));
  }

  /** A complete PNG chunk: length, type, data, CRC of type and data. */
  static byte[] pngChunk(String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length)
        .putInt(data.length)
        .put(typeBytes)
        .put(data)
        .putInt((int) crc.getValue())
        .array();
  }

  /** {@code jpeg} with a segment inserted right after SOI (bytes 0–1). */
  static byte[] withJpegSegment(byte[] jpeg, byte[] segment) {
    return insert(jpeg, 2, segment);
  }

  /** A JPEG marker segment: FF, marker, 2-byte length (counting itself), payload. */
  static byte[] jpegSegment(int marker, byte[] payload) {
    return ByteBuffer.allocate(4 + payload.length)
        .put((byte) 0xFF)
        .put((byte) marker)
        .putShort((short) (payload.length + 2))
        .put(payload)
        .array();
  }

  /** An APP1 segment holding {@code "Exif\0\0"} and a TIFF block. */
  static byte[] exifApp1(byte[] tiff) {
    byte[] payload = new byte[6 + tiff.length];
    System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, payload, 0, 6);
    System.arraycopy(tiff, 0, payload, 6, tiff.length);
    return jpegSegment(0xE1, payload);
  }

  /**
   * A TIFF block whose IFD0 holds a few entries around an orientation entry of the given type and
   * value, as cameras write it (ImageWidth, Make, Orientation, XResolution).
   */
  static byte[] tiffWithOrientation(ByteOrder order, int type, long value) {
    ByteBuffer b = ByteBuffer.allocate(8 + 2 + 4 * 12 + 4).order(order);
    b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
    b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
    b.putShort((short) 42).putInt(8);
    b.putShort((short) 4);
    entry(b, 0x0100, 3, 1, 640); // ImageWidth, SHORT
    entry(b, 0x010F, 2, 20, 200); // Make, ASCII, stored at an offset (not present: never read)
    entry(b, 0x0112, type, 1, value); // Orientation
    entry(b, 0x011A, 5, 1, 300); // XResolution, RATIONAL at an offset
    b.putInt(0); // no IFD1
    return b.array();
  }

  /** One 12-byte IFD entry; a SHORT value is left-justified in the 4-byte value field. */
  static void entry(ByteBuffer b, int tag, int type, int count, long value) {
    b.putShort((short) tag).putShort((short) type).putInt(count);
    if (type == 3) {
      b.putShort((short) value).putShort((short) 0);
    } else {
      b.putInt((int) value);
    }
  }

  static byte[] insert(byte[] into, int at, byte[] what) {
    byte[] out = new byte[into.length + what.length];
    System.arraycopy(into, 0, out, 0, at);
    System.arraycopy(what, 0, out, at, what.length);
    System.arraycopy(into, at, out, at + what.length, into.length - at);
    return out;
  }

  static byte[] cut(byte[] data, int length) {
    return Arrays.copyOf(data, length);
  }
}
