package dev.visualsearch.embed.onnx;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How an image becomes a model input: the geometry (which part of the image, resized how) and the
 * value encoding (what number a colour channel becomes). A network only recognises what it was
 * trained on, so this must match the recipe the model was trained with; {@link #describe()} names
 * it exactly and is part of the embedder's fingerprint.
 *
 * <p>Both geometries resample with a triangle (bilinear) filter whose support grows with the
 * downscale factor (antialiasing, as Pillow and torchvision's {@code antialias=True} do), straight
 * from the source region to the output size. Channels are always fed in RGB order.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Preprocessing {

  /** The fraction of the resized image that {@link Geometry#CENTER_CROP} keeps: 224 of 256. */
  static final double CENTER_CROP_FRACTION = 0.875;

  private static final int MAX_SIZE = 8192;

  /**
   * Which part of the image becomes the square model input, and how it is resized. Immutable and
   * thread-safe.
   */
  public enum Geometry {
    /**
     * Resizes the shorter side to {@code round(size / 0.875)} (256 for 224), then crops the
     * centre {@code size × size}: torchvision's {@code Resize(256) + CenterCrop(224)}, the same
     * as Keras/TF's {@code central_crop(0.875)}. Keeps the aspect ratio; loses the borders.
     */
    CENTER_CROP,
    /** Resizes the whole image straight to {@code size × size}, distorting the aspect ratio. */
    SQUASH
  }

  /**
   * What number each colour channel value {@code x} in 0..255 becomes. Immutable and
   * thread-safe.
   */
  public enum Encoding {
    /** {@code x} itself, as an unsigned byte: for models whose input is uint8. */
    RAW_UINT8(false),
    /**
     * {@code (x / 255 - mean) / std} with ImageNet's mean (0.485, 0.456, 0.406) and standard
     * deviation (0.229, 0.224, 0.225) per RGB channel, as float: the torchvision recipe.
     */
    IMAGENET_MEAN_STD(true),
    /** {@code x / 127.5 - 1}, in [-1, 1], as float: the Keras/TF MobileNet recipe. */
    SYMMETRIC(true);

    private final boolean floatInput;

    Encoding(boolean floatInput) {
      this.floatInput = floatInput;
    }

    /** Whether this encoding feeds a float tensor (otherwise a uint8 tensor). */
    public boolean isFloat() {
      return floatInput;
    }
  }

  static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
  static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

  private final Geometry geometry;
  private final Encoding encoding;
  private final int size; // 0: the model's input size, filled in when an embedder is built

  private Preprocessing(Geometry geometry, Encoding encoding, int size) {
    this.geometry = geometry;
    this.encoding = encoding;
    this.size = size;
  }

  /**
   * A preprocessing with the given geometry and encoding, at the model's own input size.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Preprocessing of(Geometry geometry, Encoding encoding) {
    return new Preprocessing(
        Objects.requireNonNull(geometry, "geometry"), Objects.requireNonNull(encoding, "encoding"),
        0);
  }

  /** {@link Geometry#CENTER_CROP} + {@link Encoding#IMAGENET_MEAN_STD}: torchvision models. */
  public static Preprocessing torchvision() {
    return of(Geometry.CENTER_CROP, Encoding.IMAGENET_MEAN_STD);
  }

  /** {@link Geometry#CENTER_CROP} + {@link Encoding#SYMMETRIC}: Keras/TF float models. */
  public static Preprocessing keras() {
    return of(Geometry.CENTER_CROP, Encoding.SYMMETRIC);
  }

  /** {@link Geometry#CENTER_CROP} + {@link Encoding#RAW_UINT8}: uint8 models. */
  public static Preprocessing rawUint8() {
    return of(Geometry.CENTER_CROP, Encoding.RAW_UINT8);
  }

  /**
   * A copy with an explicit square output size in pixels. Needed only for models whose input
   * size is dynamic; for a model with a fixed size it must equal that size.
   *
   * @throws IllegalArgumentException if {@code size} is not in 1..8192
   */
  public Preprocessing withSize(int size) {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "preprocessing size must be in 1.." + MAX_SIZE + ": " + size);
    }
    return new Preprocessing(geometry, encoding, size);
  }

  /**
   * A copy with another geometry.
   *
   * @throws NullPointerException if {@code geometry} is null
   */
  public Preprocessing withGeometry(Geometry geometry) {
    return new Preprocessing(Objects.requireNonNull(geometry, "geometry"), encoding, size);
  }

  /**
   * A copy with another encoding.
   *
   * @throws NullPointerException if {@code encoding} is null
   */
  public Preprocessing withEncoding(Encoding encoding) {
    return new Preprocessing(geometry, Objects.requireNonNull(encoding, "encoding"), size);
  }

  /** The geometry. */
  public Geometry geometry() {
    return geometry;
  }

  /** The value encoding. */
  public Encoding encoding() {
    return encoding;
  }

  /** The square output size in pixels; empty when it is to be taken from the model. */
  public OptionalInt size() {
    return size == 0 ? OptionalInt.empty() : OptionalInt.of(size);
  }

  /**
   * For {@link Geometry#CENTER_CROP}: the length the shorter side is resized to before the crop,
   * {@code round(size / 0.875)}; for {@link Geometry#SQUASH}: the size itself.
   *
   * @throws IllegalStateException if the size is not set yet
   */
  int resizeLength() {
    int s = requireSize();
    return geometry == Geometry.CENTER_CROP ? (int) Math.round(s / CENTER_CROP_FRACTION) : s;
  }

  /**
   * The shortest shorter side a source image needs for this preprocessing to lose nothing: the
   * length the shorter side is resized to ({@code round(size / 0.875)} for {@link
   * Geometry#CENTER_CROP}, {@code size} for {@link Geometry#SQUASH}). A decoder may reduce a large
   * image down to it (see {@link ScaledImageDecoder}) before the exact, antialiased resize.
   *
   * @throws IllegalStateException if the size is not set yet (an embedder's preprocessing has it)
   */
  public int minimumShortSide() {
    return resizeLength();
  }

  int requireSize() {
    if (size == 0) {
      throw new IllegalStateException("preprocessing size not set: " + describe());
    }
    return size;
  }

  /**
   * The exact recipe as one string, for example {@code
   * center-crop(resize=256,crop=224);mean-std(0.485,0.456,0.406/0.229,0.224,0.225)}. A size not yet
   * taken from the model reads {@code model}.
   */
  public String describe() {
    String geometryPart;
    if (geometry == Geometry.CENTER_CROP) {
      geometryPart =
          size == 0
              ? "center-crop(resize=round(crop/0.875),crop=model)"
              : "center-crop(resize=" + resizeLength() + ",crop=" + size + ")";
    } else {
      geometryPart = "squash(size=" + (size == 0 ? "model" : Integer.toString(size)) + ")";
    }
    String encodingPart;
    switch (encoding) {
      case RAW_UINT8:
        encodingPart = "raw-uint8(0..255)";
        break;
      case IMAGENET_MEAN_STD:
        encodingPart =
            String.format(
                Locale.ROOT,
                "mean-std(%s,%s,%s/%s,%s,%s)",
                IMAGENET_MEAN[0], IMAGENET_MEAN[1], IMAGENET_MEAN[2],
                IMAGENET_STD[0], IMAGENET_STD[1], IMAGENET_STD[2]);
        break;
      case SYMMETRIC:
        encodingPart = "symmetric(x/127.5-1)";
        break;
      default:
        throw new AssertionError(encoding);
    }
    return geometryPart + ";" + encodingPart;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Preprocessing)) {
      return false;
    }
    Preprocessing other = (Preprocessing) o;
    return geometry == other.geometry && encoding == other.encoding && size == other.size;
  }

  @Override
  public int hashCode() {
    return Objects.hash(geometry, encoding, size);
  }

  /** The same as {@link #describe()}. */
  @Override
  public String toString() {
    return describe();
  }
}
