package dev.visualsearch.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PackedColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.util.Arrays;
import java.util.Objects;

/**
 * Converts any {@link BufferedImage} to an 8-bit sRGB {@code TYPE_3BYTE_BGR} image, compositing
 * alpha over white.
 *
 * <p>Most images are converted from their raster samples, not with {@code getRGB} or {@code
 * drawImage}: this is exact (16-bit samples are rounded to the nearest 8-bit value) and keeps gray
 * values as stored. Java tags decoded gray images with its built-in gray colour space, which is
 * linear, while the samples in gray JPEG and PNG files are gamma-encoded like sRGB; a colour
 * conversion would therefore brighten them (a stored 128 reads as 188 through {@code getRGB}).
 * Copying the gray sample to R, G and B shows what image viewers show.
 *
 * <p>Only images in other colour spaces (an embedded ICC profile, linear RGB, CMYK) or with
 * floating-point samples go through {@link ColorConvertOp}.
 *
 * <p>Stateless; thread-safe (the caller must not modify an image while it is converted).
 */
final class RgbConversion {

  private static final int[] BGR_BAND_OFFSETS = {2, 1, 0};

  private RgbConversion() {}

  /** See {@link ImageDecoder#toRgb(BufferedImage)}. */
  static BufferedImage toRgb(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      return image;
    }
    ColorModel cm = image.getColorModel();
    if (cm instanceof IndexColorModel palette) {
      return fromPalette(image, palette);
    }
    if (hasIntegerSamples(image)) {
      ColorSpace cs = cm.getColorSpace();
      if (cm.getNumColorComponents() == 1 && cs.getType() == ColorSpace.TYPE_GRAY) {
        return fromSamples(image, true);
      }
      if (cm.getNumColorComponents() == 3 && cs.isCS_sRGB()) {
        return fromSamples(image, false);
      }
    }
    return fromOtherColorSpace(image);
  }

  /**
   * Whether {@code image} is a {@code TYPE_3BYTE_BGR} image whose pixels fill one byte array
   * row by row without gaps (what {@code new BufferedImage(w, h, TYPE_3BYTE_BGR)} and the ImageIO
   * readers create; a {@code getSubimage} view is not packed).
   */
  static boolean isPackedBgr(BufferedImage image) {
    if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
      return false;
    }
    Raster raster = image.getRaster();
    SampleModel sm = raster.getSampleModel();
    DataBuffer buffer = raster.getDataBuffer();
    return sm instanceof PixelInterleavedSampleModel pism
        && buffer instanceof DataBufferByte
        && buffer.getNumBanks() == 1
        && buffer.getOffset() == 0
        && raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0
        && pism.getPixelStride() == 3
        && pism.getScanlineStride() == image.getWidth() * 3
        && Arrays.equals(pism.getBandOffsets(), BGR_BAND_OFFSETS)
        && buffer.getSize() == image.getWidth() * image.getHeight() * 3;
  }

  /** A packed copy of a {@code TYPE_3BYTE_BGR} image that is not packed (a sub-image view). */
  static BufferedImage packedCopy(BufferedImage bgr) {
    int w = bgr.getWidth();
    int h = bgr.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    // Data elements of TYPE_3BYTE_BGR are (R, G, B) in band order whatever the memory layout, so
    // copying them row by row is exact.
    Object row = null;
    for (int y = 0; y < h; y++) {
      row = bgr.getRaster().getDataElements(0, y, w, 1, row);
      out.getRaster().setDataElements(0, y, w, 1, row);
    }
    return out;
  }

  /** The pixel bytes (B, G, R, row by row) of a packed {@code TYPE_3BYTE_BGR} image. */
  static byte[] bgrBytes(BufferedImage packedBgr) {
    return ((DataBufferByte) packedBgr.getRaster().getDataBuffer()).getData();
  }

  private static boolean hasIntegerSamples(BufferedImage image) {
    ColorModel cm = image.getColorModel();
    if (!(cm instanceof ComponentColorModel || cm instanceof PackedColorModel)) {
      return false;
    }
    int type = image.getRaster().getTransferType();
    if (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT
        && type != DataBuffer.TYPE_INT) {
      return false;
    }
    if (image.getRaster().getNumBands() != cm.getNumComponents()) {
      return false;
    }
    for (int size : cm.getComponentSize()) {
      if (size < 1 || size > 16) {
        return false; // wider samples would need huge lookup tables and overflow the arithmetic
      }
    }
    return true;
  }

  /**
   * Converts an image of gray (1 colour component) or sRGB (3) integer samples, with or without
   * alpha, premultiplied or not. Band order follows the colour model: gray or R, G, B, then alpha.
   * Opaque pixels go through a per-channel lookup table; only translucent ones are computed.
   */
  private static BufferedImage fromSamples(BufferedImage image, boolean gray) {
    ColorModel cm = image.getColorModel();
    int w = image.getWidth();
    int h = image.getHeight();
    int bands = cm.getNumComponents();
    int colours = cm.getNumColorComponents();
    boolean alpha = cm.hasAlpha();
    boolean premultiplied = cm.isAlphaPremultiplied();
    // Output channel order is B, G, R; for gray all three read the single colour band.
    int[] band = gray ? new int[] {0, 0, 0} : new int[] {2, 1, 0};
    int[] max = new int[3];
    byte[][] table = new byte[3][];
    for (int out = 0; out < 3; out++) {
      max[out] = (1 << cm.getComponentSize(band[out])) - 1;
      table[out] = scaleTable(max[out]);
    }
    int alphaMax = alpha ? (1 << cm.getComponentSize(colours)) - 1 : 1;

    BufferedImage result = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = bgrBytes(result);
    Raster raster = image.getRaster();
    int[] row = new int[w * bands];
    // The three channels are spelled out in locals: a loop over channels with array-of-array
    // lookups ran three times slower than this on a 10-megapixel image.
    byte[] tableB = table[0];
    byte[] tableG = table[1];
    byte[] tableR = table[2];
    int bandB = band[0];
    int bandG = band[1];
    int bandR = band[2];
    int maxB = max[0];
    int maxG = max[1];
    int maxR = max[2];
    int d = 0;
    if (gray && !alpha) {
      // The common gray JPEG or PNG: one lookup per pixel, about twice as fast as the loop below.
      for (int y = 0; y < h; y++) {
        raster.getPixels(0, y, w, 1, row);
        for (int x = 0; x < w; x++, d += 3) {
          byte v = tableB[Math.min(row[x], maxB)];
          dst[d] = v;
          dst[d + 1] = v;
          dst[d + 2] = v;
        }
      }
      return result;
    }
    for (int y = 0; y < h; y++) {
      raster.getPixels(0, y, w, 1, row);
      for (int p = 0; p < row.length; p += bands, d += 3) {
        // Samples wider than the colour model declares (possible in a hand-built image) are
        // clamped rather than allowed to index past the tables.
        int b = Math.min(row[p + bandB], maxB);
        int g = Math.min(row[p + bandG], maxG);
        int r = Math.min(row[p + bandR], maxR);
        int a = alpha ? Math.min(row[p + colours], alphaMax) : alphaMax;
        if (a == alphaMax) {
          dst[d] = tableB[b];
          dst[d + 1] = tableG[g];
          dst[d + 2] = tableR[r];
        } else {
          dst[d] = (byte) overWhite(b, maxB, a, alphaMax, premultiplied);
          dst[d + 1] = (byte) overWhite(g, maxG, a, alphaMax, premultiplied);
          dst[d + 2] = (byte) overWhite(r, maxR, a, alphaMax, premultiplied);
        }
      }
    }
    return result;
  }

  /**
   * An 8-bit value of a colour sample composited over white: {@code 255 · (c·α + (1 − α))} with
   * c and α normalised to [0, 1], rounded to nearest. Premultiplied samples already hold c·α.
   * Integer arithmetic keeps the result exact and reproducible.
   */
  static int overWhite(long sample, long sampleMax, long alpha, long alphaMax,
      boolean premultiplied) {
    long covered = premultiplied ? sample * alphaMax : sample * alpha;
    long denominator = sampleMax * alphaMax;
    long numerator = 255 * (covered + sampleMax * (alphaMax - alpha));
    // A premultiplied sample larger than its alpha is invalid data; clamp instead of wrapping.
    return (int) Math.min(255, (numerator + denominator / 2) / denominator);
  }

  /** Maps each sample value 0..max to the nearest 8-bit value. */
  private static byte[] scaleTable(int max) {
    byte[] table = new byte[max + 1];
    for (int v = 0; v <= max; v++) {
      table[v] = (byte) ((255L * v + max / 2) / max);
    }
    return table;
  }

  private static BufferedImage fromPalette(BufferedImage image, IndexColorModel palette) {
    int w = image.getWidth();
    int h = image.getHeight();
    int indexBits = Math.min(16, image.getRaster().getSampleModel().getSampleSize(0));
    int entries = 1 << indexBits;
    // Each palette entry composited over white once, as packed B, G, R; indices beyond the
    // palette (invalid data) show black.
    byte[] lookup = new byte[entries * 3];
    for (int i = 0; i < Math.min(entries, palette.getMapSize()); i++) {
      int a = palette.getAlpha(i);
      lookup[i * 3] = (byte) overWhite(palette.getBlue(i), 255, a, 255, false);
      lookup[i * 3 + 1] = (byte) overWhite(palette.getGreen(i), 255, a, 255, false);
      lookup[i * 3 + 2] = (byte) overWhite(palette.getRed(i), 255, a, 255, false);
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = bgrBytes(out);
    Raster raster = image.getRaster();
    int[] row = new int[w];
    int d = 0;
    for (int y = 0; y < h; y++) {
      raster.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        int l = (row[x] & (entries - 1)) * 3;
        dst[d++] = lookup[l];
        dst[d++] = lookup[l + 1];
        dst[d++] = lookup[l + 2];
      }
    }
    return out;
  }

  /**
   * Colour-managed conversion for the rest (ICC profiles, linear RGB, CMYK, float samples):
   * {@link ColorConvertOp} converts whole rasters at once, where {@code getRGB} would run the
   * colour transform once per pixel.
   */
  private static BufferedImage fromOtherColorSpace(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    ColorConvertOp toSrgb = new ColorConvertOp(null);
    if (!image.getColorModel().hasAlpha()) {
      BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
      toSrgb.filter(image, out);
      return out;
    }
    // Keep alpha through the colour conversion, then composite it like any sRGB image.
    BufferedImage argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    toSrgb.filter(image, argb);
    return fromSamples(argb, false);
  }
}
