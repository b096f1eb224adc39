package dev.visualsearch.store;

/** Layout numbers shared by {@link FormatOutput} and {@link FormatInput}. */
final class FormatConstants {

  /** First four bytes of every file: "VSXF" read as a little-endian int. */
  static final int HEADER_MAGIC = 0x46585356;

  /** Starts the footer; the complement of the header magic. */
  static final int FOOTER_MAGIC = ~HEADER_MAGIC;

  /** Footer: magic (int), checksum algorithm id (int, 0 = CRC32), checksum (long). */
  static final int FOOTER_LENGTH = 4 + 4 + 8;

  static final int CHECKSUM_CRC32 = 0;

  /** Codec names are short ASCII words; anything longer is a sign of a foreign file. */
  static final int MAX_CODEC_NAME_BYTES = 128;

  private FormatConstants() {}
}
