package dev.visualsearch.image;

/**
 * Reads the EXIF orientation tag (0x0112) from the IFD0 of a TIFF-structured EXIF block.
 *
 * <p>The block is what follows the {@code "Exif\0\0"} header of a JPEG APP1 segment, or the whole
 * payload of a PNG {@code eXIf} chunk: an 8-byte TIFF header ({@code "II" 42} little-endian or
 * {@code "MM" 42} big-endian, then the offset of IFD0), and IFD0 itself (a 2-byte entry count,
 * then 12-byte entries: tag, type, count, value-or-offset). Offsets are relative to the start of
 * the TIFF header.
 *
 * <p>EXIF is written by many tools, some of them badly, and it is never needed to see the pixels:
 * anything malformed (short data, bad byte order mark, offsets out of range, an orientation value
 * outside 1–8) yields {@link #NORMAL} rather than an error. Every read is bounds-checked.
 *
 * <p>Stateless; thread-safe.
 */
final class ExifOrientation {

  /** Orientation 1: the stored pixels are already upright. */
  static final int NORMAL = 1;

  private static final int TAG_ORIENTATION = 0x0112;
  private static final int TYPE_SHORT = 3;
  private static final int TYPE_LONG = 4;
  private static final int TIFF_MAGIC = 42;
  private static final int HEADER_LENGTH = 8;
  private static final int ENTRY_LENGTH = 12;

  private ExifOrientation() {}

  /**
   * The orientation (1–8) stored in the TIFF block {@code data[offset, offset + length)}, or
   * {@link #NORMAL} when it is absent or the block is malformed.
   */
  static int fromTiff(byte[] data, int offset, int length) {
    if (data == null || offset < 0 || length < HEADER_LENGTH || offset > data.length - length) {
      return NORMAL;
    }
    Block block = new Block(data, offset);
    boolean littleEndian;
    if (block.byteAt(0) == 'I' && block.byteAt(1) == 'I') {
      littleEndian = true;
    } else if (block.byteAt(0) == 'M' && block.byteAt(1) == 'M') {
      littleEndian = false;
    } else {
      return NORMAL;
    }
    block.littleEndian = littleEndian;
    if (block.u16(2) != TIFF_MAGIC) {
      return NORMAL;
    }
    long ifd0 = block.u32(4);
    // IFD0 must lie after the header and hold at least its entry count.
    if (ifd0 < HEADER_LENGTH || ifd0 > length - 2L) {
      return NORMAL;
    }
    int entries = block.u16((int) ifd0);
    for (int i = 0; i < entries; i++) {
      long entry = ifd0 + 2 + (long) i * ENTRY_LENGTH;
      if (entry + ENTRY_LENGTH > length) {
        return NORMAL; // the count promises more entries than the block holds
      }
      int at = (int) entry;
      if (block.u16(at) != TAG_ORIENTATION) {
        continue; // entries should be sorted by tag, but not every writer sorts them
      }
      int type = block.u16(at + 2);
      if (block.u32(at + 4) < 1) {
        return NORMAL;
      }
      // A value of 4 bytes or less sits in the entry itself, left-justified. The standard type is
      // SHORT; a few writers use LONG, which costs nothing to accept.
      long value;
      if (type == TYPE_SHORT) {
        value = block.u16(at + 8);
      } else if (type == TYPE_LONG) {
        value = block.u32(at + 8);
      } else {
        return NORMAL;
      }
      return value >= 1 && value <= 8 ? (int) value : NORMAL;
    }
    return NORMAL;
  }

  /** A bounds-checked view of the TIFF block; callers check ranges before reading. */
  private static final class Block {
    private final byte[] data;
    private final int offset;
    private boolean littleEndian;

    Block(byte[] data, int offset) {
      this.data = data;
      this.offset = offset;
    }

    int byteAt(int at) {
      return data[offset + at] & 0xFF;
    }

    int u16(int at) {
      int b0 = byteAt(at);
      int b1 = byteAt(at + 1);
      return littleEndian ? b0 | b1 << 8 : b0 << 8 | b1;
    }

    long u32(int at) {
      long lo = u16(littleEndian ? at : at + 2);
      long hi = u16(littleEndian ? at + 2 : at);
      return hi << 16 | lo;
    }
  }
}
