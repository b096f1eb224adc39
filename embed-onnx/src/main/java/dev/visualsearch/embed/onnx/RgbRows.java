package dev.visualsearch.embed.onnx;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/**
 * Reads spans of image rows as RGB floats in 0..255 straight from the raster's data array:
 * several times cheaper than {@link BufferedImage#getRGB(int, int)}, and it keeps the true values
 * of gray images (whose linear gray colour space makes {@code getRGB} brighten them).
 *
 * <p>Instances wrap one image and are used by one thread at a time.
 */
abstract class RgbRows {

  final int width;
  final int height;

  private RgbRows(BufferedImage image) {
    this.width = image.getWidth();
    this.height = image.getHeight();
  }

  /**
   * Writes pixels {@code x0} (inclusive) to {@code x1} (exclusive) of row {@code y} into {@code
   * rgb} as R, G, B triples from index 0.
   */
  abstract void read(int y, int x0, int x1, float[] rgb);

  /**
   * Rows of {@code image} read in place, or null when its type has no fast path here ({@code
   * TYPE_3BYTE_BGR}, {@code TYPE_4BYTE_ABGR}, {@code TYPE_BYTE_GRAY}, {@code TYPE_INT_RGB} and
   * {@code TYPE_INT_ARGB} do: what ImageIO decodes JPEG and most PNG files to).
   */
  static RgbRows of(BufferedImage image) {
    switch (image.getType()) {
      case BufferedImage.TYPE_3BYTE_BGR:
      case BufferedImage.TYPE_4BYTE_ABGR:
      case BufferedImage.TYPE_BYTE_GRAY:
        return image.getRaster().getSampleModel() instanceof PixelInterleavedSampleModel
            ? new InterleavedBytes(image)
            : null;
      case BufferedImage.TYPE_INT_RGB:
      case BufferedImage.TYPE_INT_ARGB:
        return image.getRaster().getSampleModel() instanceof SinglePixelPackedSampleModel
            ? new PackedInts(image)
            : null;
      default:
        return null;
    }
  }

  /** Composites the RGB triple at {@code o} over white: c * a + 255 * (1 - a). */
  static void overWhite(float[] rgb, int o, float alpha) {
    rgb[o] = 255f - (255f - rgb[o]) * alpha;
    rgb[o + 1] = 255f - (255f - rgb[o + 1]) * alpha;
    rgb[o + 2] = 255f - (255f - rgb[o + 2]) * alpha;
  }

  /**
   * TYPE_3BYTE_BGR and TYPE_4BYTE_ABGR (bands R, G, B[, A] at their band offsets; alpha, not
   * premultiplied, composited on white) and TYPE_BYTE_GRAY (one band).
   */
  private static final class InterleavedBytes extends RgbRows {
    private final byte[] data;
    private final int base;
    private final int scanlineStride;
    private final int pixelStride;
    private final int r;
    private final int g;
    private final int b;
    private final int a; // -1: opaque

    InterleavedBytes(BufferedImage image) {
      super(image);
      WritableRaster raster = image.getRaster();
      PixelInterleavedSampleModel model = (PixelInterleavedSampleModel) raster.getSampleModel();
      DataBufferByte buffer = (DataBufferByte) raster.getDataBuffer();
      data = buffer.getData();
      scanlineStride = model.getScanlineStride();
      pixelStride = model.getPixelStride();
      // A sub-image shares its parent's array, shifted by the sample model translation.
      base = buffer.getOffset()
          - raster.getSampleModelTranslateY() * scanlineStride
          - raster.getSampleModelTranslateX() * pixelStride;
      int[] bands = model.getBandOffsets();
      boolean gray = bands.length == 1;
      r = bands[0];
      g = gray ? bands[0] : bands[1];
      b = gray ? bands[0] : bands[2];
      a = bands.length == 4 ? bands[3] : -1;
    }

    @Override
    void read(int y, int x0, int x1, float[] rgb) {
      int p = base + y * scanlineStride + x0 * pixelStride;
      byte[] data = this.data;
      int stride = pixelStride;
      int r = this.r;
      int g = this.g;
      int b = this.b;
      int a = this.a;
      int n = (x1 - x0) * 3;
      // Fields in locals and the opaque case in a loop of its own: the JIT keeps them in
      // registers (a fifth faster here).
      if (a < 0) {
        for (int o = 0; o < n; o += 3, p += stride) {
          rgb[o] = data[p + r] & 0xFF;
          rgb[o + 1] = data[p + g] & 0xFF;
          rgb[o + 2] = data[p + b] & 0xFF;
        }
        return;
      }
      for (int o = 0; o < n; o += 3, p += stride) {
        rgb[o] = data[p + r] & 0xFF;
        rgb[o + 1] = data[p + g] & 0xFF;
        rgb[o + 2] = data[p + b] & 0xFF;
        overWhite(rgb, o, (data[p + a] & 0xFF) / 255f);
      }
    }
  }

  /** TYPE_INT_RGB and TYPE_INT_ARGB; alpha (non-premultiplied) is composited on white. */
  private static final class PackedInts extends RgbRows {
    private final int[] data;
    private final int base;
    private final int scanlineStride;
    private final boolean alpha;

    PackedInts(BufferedImage image) {
      super(image);
      WritableRaster raster = image.getRaster();
      SinglePixelPackedSampleModel model = (SinglePixelPackedSampleModel) raster.getSampleModel();
      DataBufferInt buffer = (DataBufferInt) raster.getDataBuffer();
      data = buffer.getData();
      scanlineStride = model.getScanlineStride();
      base = buffer.getOffset()
          - raster.getSampleModelTranslateY() * scanlineStride
          - raster.getSampleModelTranslateX();
      alpha = image.getType() == BufferedImage.TYPE_INT_ARGB;
    }

    @Override
    void read(int y, int x0, int x1, float[] rgb) {
      int p = base + y * scanlineStride + x0;
      for (int x = x0, o = 0; x < x1; x++, p++, o += 3) {
        int argb = data[p];
        float red = (argb >> 16) & 0xFF;
        float green = (argb >> 8) & 0xFF;
        float blue = argb & 0xFF;
        rgb[o] = red;
        rgb[o + 1] = green;
        rgb[o + 2] = blue;
        if (alpha) {
          overWhite(rgb, o, (argb >>> 24) / 255f);
        }
      }
    }
  }
}
