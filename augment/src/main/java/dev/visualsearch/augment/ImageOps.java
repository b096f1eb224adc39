package dev.visualsearch.augment;

/**
 * Creates the augmentation ops. Ranges are half-open, {@code [min, max)}, and drawn once per image;
 * {@code min == max} gives a fixed value. Every factory validates its arguments at once and names
 * the one that is wrong. Stateless and thread-safe; every op returned is immutable and thread-safe
 * (see {@link ImageOp}).
 */
public final class ImageOps {

  private ImageOps() {}

  /** Mirrors left to right. Combine with a probability in {@link Augmentation} for imgaug's {@code Fliplr(p)}. */
  public static ImageOp flipHorizontal() {
    return HorizontalFlip.INSTANCE;
  }

  /**
   * Rotates about the centre by a uniform angle in {@code [minDegrees, maxDegrees)}, keeping the
   * size; uncovered corners are black (imgaug's default fill).
   *
   * @throws IllegalArgumentException if a bound is not finite, {@code minDegrees > maxDegrees}, or
   *     a bound is beyond ±360
   */
  public static ImageOp rotate(double minDegrees, double maxDegrees) {
    return rotate(minDegrees, maxDegrees, 0x000000);
  }

  /**
   * Like {@link #rotate(double, double)}, filling uncovered corners with {@code fillRgb} (0xRRGGBB).
   *
   * @throws IllegalArgumentException if the angles are invalid (see {@link #rotate(double, double)})
   */
  public static ImageOp rotate(double minDegrees, double maxDegrees, int fillRgb) {
    range("rotation (degrees)", minDegrees, maxDegrees, -360, 360);
    return new Rotation(minDegrees, maxDegrees, fillRgb & 0xFFFFFF);
  }

  /**
   * Gaussian blur with σ uniform in {@code [minSigma, maxSigma)} pixels.
   *
   * @throws IllegalArgumentException unless {@code 0 <= minSigma <= maxSigma <= 50}
   */
  public static ImageOp gaussianBlur(double minSigma, double maxSigma) {
    range("blur sigma", minSigma, maxSigma, 0, 50);
    return new GaussianBlur(minSigma, maxSigma);
  }

  /**
   * Additive Gaussian noise, standard deviation uniform in {@code [minScale, maxScale)} levels of
   * 0..255, the same noise in the three channels of a pixel (imgaug's default).
   *
   * @throws IllegalArgumentException unless {@code 0 <= minScale <= maxScale <= 255}
   */
  public static ImageOp gaussianNoise(double minScale, double maxScale) {
    return gaussianNoise(minScale, maxScale, false);
  }

  /**
   * Additive Gaussian noise; {@code perChannel} draws separate noise for each channel.
   *
   * @throws IllegalArgumentException unless {@code 0 <= minScale <= maxScale <= 255}
   */
  public static ImageOp gaussianNoise(double minScale, double maxScale, boolean perChannel) {
    range("noise scale", minScale, maxScale, 0, 255);
    return new GaussianNoise(minScale, maxScale, perChannel);
  }

  /**
   * Multiplies all values by a factor uniform in {@code [min, max)} (imgaug's {@code Multiply}).
   *
   * @throws IllegalArgumentException unless {@code 0 <= min <= max <= 10}
   */
  public static ImageOp multiply(double min, double max) {
    range("brightness factor", min, max, 0, 10);
    return new Brightness(min, max);
  }

  /**
   * torchvision's {@code RandomResizedCrop}: area fraction in {@code [minScale, maxScale)}, aspect
   * ratio log-uniform in {@code [minRatio, maxRatio)}, resized back to the source's size.
   *
   * @throws IllegalArgumentException unless {@code 0 < minScale <= maxScale <= 1} and {@code 0 <
   *     minRatio <= maxRatio}
   */
  public static ImageOp randomResizedCrop(double minScale, double maxScale, double minRatio, double maxRatio) {
    return randomResizedCrop(minScale, maxScale, minRatio, maxRatio, 0);
  }

  /**
   * Like {@link #randomResizedCrop(double, double, double, double)}, resized to {@code size ×
   * size} (torchvision's {@code RandomResizedCrop(size)}); 0 keeps the source size.
   *
   * @throws IllegalArgumentException if a range is invalid or {@code size} is not in 0..8192
   */
  public static ImageOp randomResizedCrop(
      double minScale, double maxScale, double minRatio, double maxRatio, int size) {
    range("crop area fraction", minScale, maxScale, 0, 1);
    if (minScale <= 0) {
      throw new IllegalArgumentException("crop area fraction must be above 0: " + minScale);
    }
    range("crop aspect ratio", minRatio, maxRatio, 0, 100);
    if (minRatio <= 0) {
      throw new IllegalArgumentException("crop aspect ratio must be above 0: " + minRatio);
    }
    checkSize("output size", size, 0);
    return new RandomResizedCrop(minScale, maxScale, minRatio, maxRatio, size);
  }

  /**
   * Keeps the region {@code (left, top, width, height)}, in fractions of the image's width and
   * height.
   *
   * @throws IllegalArgumentException unless the region has a positive size and lies within the
   *     unit square
   */
  public static ImageOp crop(double left, double top, double width, double height) {
    range("crop left", left, left, 0, 1);
    range("crop top", top, top, 0, 1);
    if (!(width > 0) || !(height > 0) || left + width > 1 + 1e-9 || top + height > 1 + 1e-9) {
      throw new IllegalArgumentException(
          "crop region must have a positive size within the image: left=" + left + " top=" + top
              + " width=" + width + " height=" + height);
    }
    return new Crop(left, top, width, height);
  }

  /**
   * Keeps the centred region of {@code fraction} of the width and height.
   *
   * @throws IllegalArgumentException unless {@code 0 < fraction <= 1}
   */
  public static ImageOp centerCrop(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("centre crop fraction must be in (0, 1]: " + fraction);
    }
    return new Crop((1 - fraction) / 2, (1 - fraction) / 2, fraction, fraction);
  }

  /**
   * Resizes to {@code width × height} pixels (antialiased bilinear).
   *
   * @throws IllegalArgumentException unless both are in 1..8192
   */
  public static ImageOp resize(int width, int height) {
    checkSize("width", width, 1);
    checkSize("height", height, 1);
    return new Resize(width, height, 0);
  }

  /**
   * Resizes by {@code factor} (each side rounded, at least 1 pixel).
   *
   * @throws IllegalArgumentException unless {@code 0 < factor <= 16}
   */
  public static ImageOp scale(double factor) {
    if (!(factor > 0 && factor <= 16)) {
      throw new IllegalArgumentException("scale factor must be in (0, 16]: " + factor);
    }
    return new Resize(0, 0, factor);
  }

  /**
   * Re-encodes as JPEG at {@code quality} and decodes again.
   *
   * @throws IllegalArgumentException unless {@code quality} is in 1..100
   */
  public static ImageOp jpeg(int quality) {
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException("JPEG quality must be in 1..100: " + quality);
    }
    return new JpegReencode(quality);
  }

  /**
   * torchvision's {@code ColorJitter}: brightness, contrast and saturation factors in {@code
   * [max(0, 1 − x), 1 + x)}, hue shift in {@code [−hue, hue)} turns.
   *
   * @throws IllegalArgumentException if an amount is negative or not finite, or {@code hue > 0.5}
   */
  public static ImageOp colorJitter(double brightness, double contrast, double saturation, double hue) {
    range("brightness jitter", brightness, brightness, 0, 10);
    range("contrast jitter", contrast, contrast, 0, 10);
    range("saturation jitter", saturation, saturation, 0, 10);
    range("hue jitter", hue, hue, 0, 0.5);
    return new ColorJitter(brightness, contrast, saturation, hue);
  }

  /** Rec. 601 luma in all three channels. */
  public static ImageOp grayscale() {
    return Grayscale.INSTANCE;
  }

  private static void range(String what, double min, double max, double lowest, double highest) {
    if (!Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException(what + " must be finite: " + min + ".." + max);
    }
    if (min > max) {
      throw new IllegalArgumentException(what + ": minimum " + min + " is above maximum " + max);
    }
    if (min < lowest || max > highest) {
      throw new IllegalArgumentException(
          what + " must lie in " + lowest + ".." + highest + ": " + min + ".." + max);
    }
  }

  private static void checkSize(String what, int size, int lowest) {
    if (size < lowest || size > 8192) {
      throw new IllegalArgumentException(what + " must be in " + lowest + "..8192: " + size);
    }
  }
}
