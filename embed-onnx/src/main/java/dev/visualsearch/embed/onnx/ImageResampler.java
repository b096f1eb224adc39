package dev.visualsearch.embed.onnx;

import java.util.Arrays;

/**
 * Separable resampling with a triangle (bilinear) filter whose support scales with the downscale
 * factor, as Pillow's {@code resize(..., BILINEAR, box=...)} and torchvision's {@code
 * antialias=True} do: shrinking a 4000-pixel photo to 224 averages every source pixel into the
 * output instead of sampling a few of them (which aliases fine patterns into noise). Enlarging
 * falls back to plain bilinear interpolation.
 *
 * <p>Filter taps that fall outside the image are dropped and the rest renormalised, so a region's
 * border reads the image around the region, as a resize-then-crop would.
 *
 * <p>Stateless; thread-safe.
 */
final class ImageResampler {

  private ImageResampler() {}

  /** Receives the output rows of a resample, top to bottom. */
  interface RowSink {
    /**
     * Output row {@code y} as planes: the red values of its {@code outWidth} pixels, then the
     * green, then the blue ({@code outWidth * 3} floats in 0..255). Planes, not interleaved
     * triples, so that an NCHW writer encodes each channel with a loop the JIT vectorises. The
     * array is the resampler's scratch: read it before returning, do not keep it.
     */
    void row(int y, float[] planes);
  }

  /**
   * Resamples {@code region} of {@code source} to {@code outWidth × outHeight} pixels.
   *
   * @return RGB values in 0..255, row-major with interleaved channels (HWC), length {@code
   *     outHeight * outWidth * 3}
   */
  static float[] resample(RgbRows source, SourceRegion region, int outWidth, int outHeight) {
    float[] result = new float[outHeight * outWidth * 3];
    resample(source, region, outWidth, outHeight, (y, planes) -> {
      for (int x = 0, o = y * outWidth * 3; x < outWidth; x++, o += 3) {
        result[o] = planes[x];
        result[o + 1] = planes[outWidth + x];
        result[o + 2] = planes[2 * outWidth + x];
      }
    });
    return result;
  }

  /**
   * Resamples {@code region} of {@code source} to {@code outWidth × outHeight} pixels and hands
   * each output row to {@code sink} as soon as it is done, so that a caller can encode it
   * straight into a tensor without a whole intermediate image.
   */
  static void resample(RgbRows source, SourceRegion region, int outWidth, int outHeight,
      RowSink sink) {
    Taps horizontal = Taps.compute(region.x0(), region.x1(), source.width, outWidth);
    Taps vertical = Taps.compute(region.y0(), region.y1(), source.height, outHeight);
    int colFirst = horizontal.first();
    int colEnd = horizontal.end();
    int rowFloats = outWidth * 3;
    float[] line = new float[(colEnd - colFirst) * 3];
    float[] row = new float[rowFloats];

    // Horizontal pass first, each source row read once into a small (L1-resident) line; the
    // resampled rows live in a ring of vertical.maxTaps slots: the rows an output row reads are
    // consecutive and move down monotonically, so each source row is resampled once and memory
    // stays small even for a very tall image. (A vertical-first order was slower on a 4000 px
    // photo here: its multiply-adds over wide source row spans stream far more memory.)
    // One array per slot rather than offsets into one array: C2 vectorises row[i] += w * src[i]
    // but not row[i] += w * ring[in + i], whose arrays it cannot prove distinct (7x slower).
    int ringSize = vertical.maxTaps;
    float[][] ring = new float[ringSize][rowFloats];
    int[] ringRow = new int[ringSize];
    Arrays.fill(ringRow, -1);

    for (int y = 0; y < outHeight; y++) {
      int w = y * vertical.maxTaps;
      for (int k = 0, n = vertical.count[y]; k < n; k++) {
        int sourceRow = vertical.start[y] + k;
        int slot = sourceRow % ringSize;
        float[] resampled = ring[slot];
        if (ringRow[slot] != sourceRow) {
          source.read(sourceRow, colFirst, colEnd, line);
          resampleRow(line, colFirst, horizontal, resampled);
          ringRow[slot] = sourceRow;
        }
        float weight = vertical.weights[w + k];
        // Plain multiply-adds over a whole output row: loops the JIT vectorises. The first tap
        // assigns (0 + w * v would round the same), so the row needs no clearing.
        if (k == 0) {
          for (int i = 0; i < rowFloats; i++) {
            row[i] = weight * resampled[i];
          }
        } else {
          for (int i = 0; i < rowFloats; i++) {
            row[i] += weight * resampled[i];
          }
        }
      }
      sink.row(y, row);
    }
  }

  /**
   * Resamples one row span (RGB triples from source column {@code colFirst}) horizontally into
   * three planes of {@code out}.
   */
  private static void resampleRow(float[] line, int colFirst, Taps horizontal, float[] out) {
    int[] start = horizontal.start;
    int[] count = horizontal.count;
    float[] weights = horizontal.weights;
    int maxTaps = horizontal.maxTaps;
    int width = start.length;
    for (int x = 0; x < width; x++) {
      int p = (start[x] - colFirst) * 3;
      int w = x * maxTaps;
      // The first tap assigns (0 + w * v rounds the same): one multiply-add chain fewer.
      float weight = weights[w];
      float r = weight * line[p];
      float g = weight * line[p + 1];
      float b = weight * line[p + 2];
      int n = count[x];
      if (n == 2) {
        // Enlarging always takes two taps: straight-line code without the loop's overhead (a
        // quarter of this method's time on the small tuxpaint images); the same operations in
        // the same order as the loop, so the same rounding.
        float w1 = weights[w + 1];
        r += w1 * line[p + 3];
        g += w1 * line[p + 4];
        b += w1 * line[p + 5];
        out[x] = r;
        out[width + x] = g;
        out[2 * width + x] = b;
        continue;
      }
      for (int k = 1; k < n; k++) {
        weight = weights[w + k];
        p += 3;
        r += weight * line[p];
        g += weight * line[p + 1];
        b += weight * line[p + 2];
      }
      out[x] = r;
      out[width + x] = g;
      out[2 * width + x] = b;
    }
  }

  /** The source pixels and normalised weights of each output pixel along one axis. */
  static final class Taps {
    final int[] start;
    final int[] count;
    final float[] weights; // count[i] weights at [i * maxTaps, ...)
    final int maxTaps;

    private Taps(int[] start, int[] count, float[] weights, int maxTaps) {
      this.start = start;
      this.count = count;
      this.weights = weights;
      this.maxTaps = maxTaps;
    }

    /**
     * Taps for resampling source coordinates [{@code in0}, {@code in1}) of an axis of {@code
     * inSize} pixels to {@code outSize} pixels (Pillow's {@code precompute_coeffs}).
     */
    static Taps compute(double in0, double in1, int inSize, int outSize) {
      double scale = (in1 - in0) / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = filterScale; // the triangle filter's support is 1 at scale 1
      int maxTaps = (int) Math.ceil(support) * 2 + 1;
      int[] start = new int[outSize];
      int[] count = new int[outSize];
      float[] weights = new float[outSize * maxTaps];
      double[] w = new double[maxTaps];
      for (int i = 0; i < outSize; i++) {
        double center = in0 + (i + 0.5) * scale;
        int min = Math.max((int) Math.floor(center - support + 0.5), 0);
        int max = Math.min((int) Math.floor(center + support + 0.5), inSize);
        int n = Math.min(max - min, maxTaps);
        double sum = 0;
        for (int k = 0; k < n; k++) {
          w[k] = triangle((min + k + 0.5 - center) / filterScale);
          sum += w[k];
        }
        if (sum == 0) {
          // The region lies outside the image (only possible for degenerate input): take the
          // nearest pixel rather than produce black.
          min = Math.min(Math.max((int) Math.floor(center), 0), inSize - 1);
          n = 1;
          w[0] = 1;
          sum = 1;
        }
        start[i] = min;
        count[i] = n;
        for (int k = 0; k < n; k++) {
          weights[i * maxTaps + k] = (float) (w[k] / sum);
        }
      }
      return new Taps(start, count, weights, maxTaps);
    }

    /** The first source pixel any output pixel reads. */
    int first() {
      int first = Integer.MAX_VALUE;
      for (int s : start) {
        first = Math.min(first, s);
      }
      return first;
    }

    /** One past the last source pixel any output pixel reads. */
    int end() {
      int end = 0;
      for (int i = 0; i < start.length; i++) {
        end = Math.max(end, start[i] + count[i]);
      }
      return end;
    }

    private static double triangle(double x) {
      double a = Math.abs(x);
      return a < 1.0 ? 1.0 - a : 0.0;
    }
  }
}
