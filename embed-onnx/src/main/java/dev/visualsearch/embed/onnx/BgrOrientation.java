package dev.visualsearch.embed.onnx;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Turns a {@code TYPE_3BYTE_BGR} image upright for an EXIF orientation (1..8), by copying pixels.
 * Stateless; thread-safe.
 */
final class BgrOrientation {

  private BgrOrientation() {}

  /** {@code image} itself for orientation 1, else a new upright image. */
  static BufferedImage apply(BufferedImage image, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean swap = orientation >= 5; // 5..8 transpose the axes
    int outW = swap ? h : w;
    int outH = swap ? w : h;
    BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_3BYTE_BGR);
    byte[] src = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        // The stored pixel (sx, sy) shown at (x, y), per the EXIF definitions.
        int sx;
        int sy;
        switch (orientation) {
          case 2: sx = w - 1 - x; sy = y; break;              // mirrored
          case 3: sx = w - 1 - x; sy = h - 1 - y; break;      // rotated 180
          case 4: sx = x; sy = h - 1 - y; break;              // flipped
          case 5: sx = y; sy = x; break;                      // transposed
          case 6: sx = y; sy = h - 1 - x; break;              // rotate 90 clockwise to view
          case 7: sx = w - 1 - y; sy = h - 1 - x; break;      // transversed
          default: sx = w - 1 - y; sy = x; break;             // 8: rotate 90 counter-clockwise
        }
        int s = (sy * w + sx) * 3;
        int d = (y * outW + x) * 3;
        dst[d] = src[s];
        dst[d + 1] = src[s + 1];
        dst[d + 2] = src[s + 2];
      }
    }
    return out;
  }
}
