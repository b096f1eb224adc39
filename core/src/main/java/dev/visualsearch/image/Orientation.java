package dev.visualsearch.image;

import java.awt.image.BufferedImage;

/**
 * Turns stored pixels upright according to an EXIF orientation value (1–8).
 *
 * <p>The EXIF value says how the stored rows and columns must be transformed for display:
 *
 * <pre>
 *   1 as stored                 5 transpose (mirror + rotate 270° clockwise)
 *   2 mirror left-right         6 rotate 90° clockwise
 *   3 rotate 180°               7 transverse (mirror + rotate 90° clockwise)
 *   4 mirror top-bottom         8 rotate 270° clockwise (90° anticlockwise)
 * </pre>
 *
 * Values 5–8 swap width and height. Each transform is an exact pixel permutation expressed as
 * "source index = base + x·stepX + y·stepY", so one loop serves all eight and no pixel is
 * resampled.
 *
 * <p>Stateless; thread-safe.
 */
final class Orientation {

  private Orientation() {}

  /**
   * The upright version of {@code image}, which must be a {@link RgbConversion#isPackedBgr packed}
   * {@code TYPE_3BYTE_BGR} image; returns {@code image} itself for orientation 1 or an unknown
   * value.
   */
  static BufferedImage apply(BufferedImage image, int orientation) {
    if (orientation < 2 || orientation > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    // Source pixel index for destination (x, y), in pixels of the stored image (row-major, w wide).
    long base;
    long stepX;
    long stepY;
    switch (orientation) {
      case 2 -> { base = w - 1; stepX = -1; stepY = w; }
      case 3 -> { base = (long) (h - 1) * w + w - 1; stepX = -1; stepY = -w; }
      case 4 -> { base = (long) (h - 1) * w; stepX = 1; stepY = -w; }
      case 5 -> { base = 0; stepX = w; stepY = 1; }
      case 6 -> { base = (long) (h - 1) * w; stepX = -w; stepY = 1; }
      case 7 -> { base = (long) (h - 1) * w + w - 1; stepX = -w; stepY = -1; }
      default -> { base = w - 1; stepX = w; stepY = -1; } // 8
    }
    boolean swap = orientation >= 5;
    int outW = swap ? h : w;
    int outH = swap ? w : h;
    byte[] src = RgbConversion.bgrBytes(image);
    BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = RgbConversion.bgrBytes(out);
    int d = 0;
    for (int y = 0; y < outH; y++) {
      long s = base + y * stepY;
      for (int x = 0; x < outW; x++, s += stepX) {
        int si = (int) (s * 3);
        dst[d++] = src[si];
        dst[d++] = src[si + 1];
        dst[d++] = src[si + 2];
      }
    }
    return out;
  }
}
