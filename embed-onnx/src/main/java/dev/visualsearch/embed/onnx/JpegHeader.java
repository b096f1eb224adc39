package dev.visualsearch.embed.onnx;

import java.nio.charset.StandardCharsets;

/**
 * What the fast JPEG path needs from the markers before the image data: the EXIF orientation and
 * whether an embedded ICC profile names a colour space other than sRGB. Reads only the header
 * segments (up to SOS) of the bytes in memory. A damaged header reads as orientation 1 and no
 * profile; whether the pixels decode is the decoder's call.
 *
 * <p>(The core decoder has its own reader of EXIF orientation; it is package-private there.)
 *
 * <p>Immutable and thread-safe.
 *
 * @param orientation the EXIF orientation, 1..8 (1 = as stored)
 * @param foreignIccProfile whether an ICC profile is embedded that does not describe sRGB, so
 *     that pixels need a colour conversion a plain decode skips
 */
record JpegHeader(int orientation, boolean foreignIccProfile) {

  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;
  private static final int APP1 = 0xE1;
  private static final int APP2 = 0xE2;
  private static final byte[] EXIF = {'E', 'x', 'i', 'f', 0, 0};
  private static final byte[] ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
  private static final int ORIENTATION_TAG = 0x0112;

  /** Whether {@code bytes} start like a JPEG file (SOI then a marker). */
  static boolean isJpeg(byte[] bytes, int length) {
    return length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8
        && (bytes[2] & 0xFF) == 0xFF;
  }

  /** Parses the header of the JPEG in {@code bytes[0, length)}. */
  static JpegHeader parse(byte[] bytes, int length) {
    int orientation = 1;
    boolean foreignIcc = false;
    boolean sawExif = false;
    int p = 2;
    while (p + 4 <= length) {
      if ((bytes[p] & 0xFF) != 0xFF) {
        break; // not at a marker: damaged, stop looking
      }
      int marker = bytes[p + 1] & 0xFF;
      if (marker == 0xFF) {
        p++; // fill byte
        continue;
      }
      if (marker == SOS || marker == EOI) {
        break;
      }
      if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
        p += 2; // no length field
        continue;
      }
      int segmentLength = ((bytes[p + 2] & 0xFF) << 8) | (bytes[p + 3] & 0xFF);
      int start = p + 4;
      int end = Math.min(length, p + 2 + segmentLength);
      if (segmentLength < 2 || start > end) {
        break;
      }
      if (marker == APP1 && !sawExif && startsWith(bytes, start, end, EXIF)) {
        sawExif = true;
        orientation = tiffOrientation(bytes, start + EXIF.length, end);
      } else if (marker == APP2 && startsWith(bytes, start, end, ICC)) {
        // The profile's description tag names it; sRGB profiles ("sRGB IEC61966-2.1", "sRGB
        // built-in", ...) need no conversion. Other profiles (Adobe RGB, Display P3) do.
        foreignIcc |= !contains(bytes, start, end, "sRGB".getBytes(StandardCharsets.US_ASCII));
      }
      p = p + 2 + segmentLength;
    }
    return new JpegHeader(orientation, foreignIcc);
  }

  /** The orientation tag of IFD0 in the TIFF block at {@code [start, end)}, or 1. */
  private static int tiffOrientation(byte[] b, int start, int end) {
    if (end - start < 8) {
      return 1;
    }
    boolean little;
    if (b[start] == 'I' && b[start + 1] == 'I') {
      little = true;
    } else if (b[start] == 'M' && b[start + 1] == 'M') {
      little = false;
    } else {
      return 1;
    }
    long ifd = u32(b, start + 4, little);
    if (ifd < 8 || start + ifd + 2 > end) {
      return 1;
    }
    int entries = u16(b, start + (int) ifd, little);
    for (int i = 0; i < entries; i++) {
      int entry = start + (int) ifd + 2 + 12 * i;
      if (entry + 12 > end) {
        return 1;
      }
      if (u16(b, entry, little) == ORIENTATION_TAG) {
        int type = u16(b, entry + 2, little);
        int value = type == 3 ? u16(b, entry + 8, little) : (int) u32(b, entry + 8, little);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  private static int u16(byte[] b, int p, boolean little) {
    int b0 = b[p] & 0xFF;
    int b1 = b[p + 1] & 0xFF;
    return little ? b0 | b1 << 8 : b0 << 8 | b1;
  }

  private static long u32(byte[] b, int p, boolean little) {
    long hi = u16(b, little ? p + 2 : p, little);
    long lo = u16(b, little ? p : p + 2, little);
    return hi << 16 | lo;
  }

  private static boolean startsWith(byte[] b, int start, int end, byte[] prefix) {
    if (end - start < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[start + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(byte[] b, int start, int end, byte[] needle) {
    outer:
    for (int p = start; p + needle.length <= end; p++) {
      for (int i = 0; i < needle.length; i++) {
        if (b[p + i] != needle[i]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
