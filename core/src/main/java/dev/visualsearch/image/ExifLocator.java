package dev.visualsearch.image;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.stream.ImageInputStream;

/**
 * Finds the EXIF block in the header of a JPEG or PNG file and reads its orientation with {@link
 * ExifOrientation}.
 *
 * <p>Only the metadata before the image data is scanned (JPEG markers up to SOS, PNG chunks up to
 * the first IDAT), so the cost is a few small reads whatever the image size. A damaged or cut-off
 * header gives {@link ExifOrientation#NORMAL}: whether the pixels can be decoded is the image
 * reader's call, not this class's. Callers reposition the stream afterwards.
 *
 * <p>Stateless; thread-safe (each stream belongs to one caller).
 */
final class ExifLocator {

  // JPEG markers (ITU T.81, table B.1). Markers without a length field: TEM, RST0-RST7, SOI, EOI.
  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int APP1 = 0xE1;
  private static final int TEM = 0x01;
  private static final int RST0 = 0xD0;
  private static final int RST7 = 0xD7;

  /** The 6 bytes that open an EXIF APP1 payload; the TIFF block follows them. */
  private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final int PNG_IDAT = chunkType("IDAT");
  private static final int PNG_IEND = chunkType("IEND");
  private static final int PNG_EXIF = chunkType("eXIf");

  /**
   * The most bytes of a PNG eXIf chunk that are read. IFD0 sits at the start of the block, so a
   * prefix as long as the largest JPEG EXIF segment is plenty, and a hostile chunk length cannot
   * make us allocate much.
   */
  private static final int PNG_EXIF_READ_LIMIT = 64 * 1024;

  private ExifLocator() {}

  /** The orientation in the first EXIF APP1 segment of the JPEG at the stream's position. */
  static int jpegOrientation(ImageInputStream in) throws IOException {
    try {
      if (in.read() != 0xFF || in.read() != SOI) {
        return ExifOrientation.NORMAL;
      }
      while (true) {
        if (in.read() != 0xFF) {
          return ExifOrientation.NORMAL; // not at a marker: the header is damaged, stop looking
        }
        int marker = in.read();
        while (marker == 0xFF) {
          marker = in.read(); // a marker may be preceded by any number of 0xFF fill bytes
        }
        if (marker < 0 || marker == SOS || marker == EOI) {
          return ExifOrientation.NORMAL; // entropy-coded data (or the end) follows: no EXIF
        }
        if (marker == TEM || (marker >= RST0 && marker <= RST7) || marker == SOI) {
          continue;
        }
        int payload = in.readUnsignedShort() - 2; // the length field counts itself
        if (payload < 0) {
          return ExifOrientation.NORMAL;
        }
        if (marker == APP1 && payload >= EXIF_HEADER.length) {
          byte[] segment = new byte[payload];
          in.readFully(segment);
          if (Arrays.equals(segment, 0, EXIF_HEADER.length, EXIF_HEADER, 0, EXIF_HEADER.length)) {
            return ExifOrientation.fromTiff(
                segment, EXIF_HEADER.length, payload - EXIF_HEADER.length);
          }
          // Another APP1 (XMP, for one): keep looking.
        } else {
          skipFully(in, payload);
        }
      }
    } catch (EOFException cutOff) {
      return ExifOrientation.NORMAL;
    }
  }

  /** The orientation in the eXIf chunk of the PNG at the stream's position, if before IDAT. */
  static int pngOrientation(ImageInputStream in) throws IOException {
    try {
      byte[] signature = new byte[PNG_SIGNATURE.length];
      in.readFully(signature);
      if (!Arrays.equals(signature, PNG_SIGNATURE)) {
        return ExifOrientation.NORMAL;
      }
      while (true) {
        long length = in.readUnsignedInt();
        int type = in.readInt();
        if (type == PNG_IDAT || type == PNG_IEND) {
          // The PNG extensions spec puts eXIf before IDAT; looking further would mean reading
          // through all the image data.
          return ExifOrientation.NORMAL;
        }
        if (type == PNG_EXIF) {
          byte[] block = new byte[(int) Math.min(length, PNG_EXIF_READ_LIMIT)];
          in.readFully(block);
          return ExifOrientation.fromTiff(block, 0, block.length);
        }
        skipFully(in, length + 4); // chunk data and its CRC
      }
    } catch (EOFException cutOff) {
      return ExifOrientation.NORMAL;
    }
  }

  /**
   * Skips {@code count} bytes by reading them, throwing {@link EOFException} at the end. Seeking
   * past the end is not safe on every ImageInputStream: the JDK's {@code
   * MemoryCacheImageInputStream}, positioned more than 2 GiB past its data, overflows an int and
   * throws IndexOutOfBoundsException on the next read. Reading costs the same on caching streams,
   * which keep every byte they pass anyway.
   */
  private static void skipFully(ImageInputStream in, long count) throws IOException {
    byte[] scratch = new byte[(int) Math.min(count, 8192)];
    for (long left = count; left > 0; ) {
      int read = in.read(scratch, 0, (int) Math.min(left, scratch.length));
      if (read < 0) {
        throw new EOFException();
      }
      left -= read;
    }
  }

  private static int chunkType(String name) {
    return name.charAt(0) << 24 | name.charAt(1) << 16 | name.charAt(2) << 8 | name.charAt(3);
  }
}
