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

  /**
   * Resamples {@code region} of {@code source} to {@code outWidth × outHeight} pixels.
   *
   * @return RGB values in 0..255, row-major with interleaved channels (HWC), length {@code
   *     outHeight * outWidth * 3}
   */
  static float[] resample(RgbRows source, SourceRegion region, int outWidth, int outHeight) {
    Taps horizontal = Taps.compute(region.x0(), region.x1(), source.width, outWidth);
    Taps vertical = Taps.compute(region.y0(), region.y1(), source.height, outHeight);
    int colFirst = horizontal.first();
    int colEnd = horizontal.end();
    int rowFloats = outWidth * 3;
    float[] line = new float[(colEnd - colFirst) * 3];

    // Horizontal pass first, each source row read once into a small (L1-resident) line; the
    // resampled rows live in a ring of vertical.maxTaps slots: the rows an output row reads are
    // consecutive and move down monotonically, so each source row is resampled once and memory
    // stays small even for a very tall image. (A vertical-first order was slower on a 4000 px
    // photo here: its multiply-adds over wide source row spans stream far more memory.)
    int ringSize = vertical.maxTaps;
    float[] ring = new float[ringSize * rowFloats];
    int[] ringRow = new int[ringSize];
    Arrays.fill(ringRow, -1);

    float[] result = new float[outHeight * rowFloats];
    for (int y = 0; y < outHeight; y++) {
      int out = y * rowFloats;
      int w = y * vertical.maxTaps;
      for (int k = 0, n = vertical.count[y]; k < n; k++) {
        int sourceRow = vertical.start[y] + k;
        int slot = sourceRow % ringSize;
        int in = slot * rowFloats;
        if (ringRow[slot] != sourceRow) {
          source.read(sourceRow, colFirst, colEnd, line);
          resampleRow(line, colFirst, horizontal, ring, in);
          ringRow[slot] = sourceRow;
        }
        float weight = vertical.weights[w + k];
        // A plain multiply-add over a whole output row: a loop the JIT vectorises.
        for (int i = 0; i < rowFloats; i++) {
          result[out + i] += weight * ring[in + i];
        }
      }
    }
    return result;
  }

  /** Resamples one row span (RGB triples from source column {@code colFirst}) horizontally. */
  private static void resampleRow(float[] line, int colFirst, Taps horizontal, float[] out,
      int offset) {
    for (int x = 0; x < horizontal.start.length; x++) {
      float r = 0;
      float g = 0;
      float b = 0;
      int start = (horizontal.start[x] - colFirst) * 3;
      int w = x * horizontal.maxTaps;
      for (int k = 0, n = horizontal.count[x]; k < n; k++) {
        float weight = horizontal.weights[w + k];
        int p = start + k * 3;
        r += weight * line[p];
        g += weight * line[p + 1];
        b += weight * line[p + 2];
      }
      out[offset + x * 3] = r;
      out[offset + x * 3 + 1] = g;
      out[offset + x * 3 + 2] = b;
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
