package dev.visualsearch.embed.onnx;

import dev.visualsearch.image.DecodedImage;
import dev.visualsearch.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Decodes images no larger than they need to be for a model input: a JPEG is decoded straight
 * to the smallest of libjpeg-turbo's DCT scales (1/8, 2/8, … 8/8) whose shorter side is still at
 * least the requested length, which costs a fraction of a full decode for a photo of several
 * megapixels. The embedder's antialiased resampler then does the exact resize. The vectors differ
 * from those of a full decode as much as after any two-step downscale (an exact area average to
 * the same size moves them as far: cosine 0.97–0.99 with MobileNetV2 int8 on the project's
 * photos), so a collection and its queries should be decoded the same way.
 *
 * <p>The fast path needs libjpeg-turbo's Java bindings on the machine (Debian: {@code
 * libturbojpeg0} and {@code libturbojpeg-java}); {@link #turboJpegStatus()} says whether they were
 * found. Everything else goes to the {@link ImageDecoder} given, at full size, silently: other
 * formats, CMYK and YCCK JPEGs, JPEGs with a non-sRGB ICC profile (libjpeg-turbo does not
 * colour-manage), damaged or truncated files (so their errors are the decoder's classified
 * {@link dev.visualsearch.image.ImageDecodeException}s), images over the decoder's pixel limit
 * (refused by the decoder before any pixel memory is allocated), and all files when the bindings
 * are absent.
 *
 * <p>Every image returned is, as from {@link ImageDecoder}, an upright (EXIF orientation applied)
 * sRGB {@code TYPE_3BYTE_BGR} image of its own.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScaledImageDecoder {

  private final ImageDecoder decoder;
  private final TurboJpeg turbo; // null: every file goes to the decoder

  private ScaledImageDecoder(ImageDecoder decoder, TurboJpeg turbo) {
    this.decoder = decoder;
    this.turbo = turbo;
  }

  /**
   * A decoder that uses libjpeg-turbo for JPEG when it is installed, and {@code decoder} for the
   * rest.
   *
   * @throws NullPointerException if {@code decoder} is null
   */
  public static ScaledImageDecoder create(ImageDecoder decoder) {
    return new ScaledImageDecoder(Objects.requireNonNull(decoder, "decoder"), TurboJpeg.get());
  }

  /**
   * A decoder that sends every file to {@code decoder}, at full size (for comparisons).
   *
   * @throws NullPointerException if {@code decoder} is null
   */
  public static ScaledImageDecoder withoutTurboJpeg(ImageDecoder decoder) {
    return new ScaledImageDecoder(Objects.requireNonNull(decoder, "decoder"), null);
  }

  /** Whether JPEGs are decoded by libjpeg-turbo at a reduced scale. */
  public boolean usesTurboJpeg() {
    return turbo != null;
  }

  /** Whether libjpeg-turbo's bindings were found and loaded, or why not: one line. */
  public static String turboJpegStatus() {
    return TurboJpeg.status();
  }

  /** Decodes {@code file} at full size with the decoder given (no libjpeg-turbo). */
  DecodedImage load(Path file) throws IOException {
    return DecodedImage.fullSize(decoder.decode(file));
  }

  /**
   * Decodes {@code file}, reduced as far as the shorter side stays at least {@code minShortSide}
   * pixels (never enlarged; the file's own size when it is smaller or not a JPEG).
   *
   * @param minShortSide the shortest acceptable shorter side; 0 for the full size
   * @throws IllegalArgumentException if {@code minShortSide} is negative
   * @throws dev.visualsearch.image.ImageDecodeException as {@link ImageDecoder#decode(Path)}
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IOException if the file cannot be read
   */
  public BufferedImage decode(Path file, int minShortSide) throws IOException {
    Objects.requireNonNull(file, "file");
    checkMinShortSide(minShortSide);
    if (turbo == null) {
      return decoder.decode(file);
    }
    byte[] bytes = Files.readAllBytes(file);
    return decode(bytes, file.toString(), minShortSide);
  }

  /**
   * Decodes the image in {@code bytes} like {@link #decode(Path, int)}; {@code name} names it in
   * error messages.
   *
   * @throws IllegalArgumentException if {@code minShortSide} is negative
   * @throws dev.visualsearch.image.ImageDecodeException as {@link ImageDecoder#decode(
   *     java.io.InputStream, String)}
   */
  public BufferedImage decode(byte[] bytes, String name, int minShortSide) throws IOException {
    return load(bytes, name, minShortSide).image();
  }

  /**
   * Like {@link #decode(byte[], String, int)}, with the size of the image as stored (upright),
   * which a reduced decode no longer shows.
   *
   * @throws IllegalArgumentException if {@code minShortSide} is negative
   * @throws dev.visualsearch.image.ImageDecodeException as {@link ImageDecoder#decode(
   *     java.io.InputStream, String)}
   */
  public DecodedImage load(byte[] bytes, String name, int minShortSide) throws IOException {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(name, "name");
    checkMinShortSide(minShortSide);
    if (turbo != null && JpegHeader.isJpeg(bytes, bytes.length)) {
      DecodedImage image = decodeJpeg(bytes, minShortSide);
      if (image != null) {
        return image;
      }
    }
    return DecodedImage.fullSize(decoder.decode(new ByteArrayInputStream(bytes), name));
  }

  /** The upright reduced image, or null when the file is left to the decoder. */
  private DecodedImage decodeJpeg(byte[] bytes, int minShortSide) {
    JpegHeader header = JpegHeader.parse(bytes, bytes.length);
    if (header.foreignIccProfile()) {
      return null;
    }
    Object tj;
    try {
      tj = (Object) turbo.create.invokeExact(bytes);
    } catch (Error e) {
      throw e;
    } catch (Throwable notDecodable) {
      return null; // the decoder reports what is wrong, in its own classified terms
    }
    try {
      int width = (int) turbo.width.invokeExact(tj);
      int height = (int) turbo.height.invokeExact(tj);
      int colorspace = (int) turbo.colorspace.invokeExact(tj);
      if (width < 1 || height < 1 || (long) width * height > decoder.maxPixels()
          || colorspace == TurboJpeg.CS_CMYK || colorspace == TurboJpeg.CS_YCCK) {
        return null;
      }
      // libjpeg scales by n/8 and rounds up (TJSCALED); the smallest n that keeps the short side.
      int eighths = 8;
      while (minShortSide > 0 && eighths > 1
          && Math.min(scaled(width, eighths - 1), scaled(height, eighths - 1)) >= minShortSide) {
        eighths--;
      }
      int w = scaled(width, eighths);
      int h = scaled(height, eighths);
      BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
      byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      turbo.decompress.invokeExact(tj, pixels, 0, 0, w, w * 3, h, TurboJpeg.PF_BGR,
          TurboJpeg.FLAG_STOPONWARNING);
      // Orientations 5 to 8 turn the image a quarter: the upright size swaps width and height.
      boolean quarterTurn = header.orientation() >= 5 && header.orientation() <= 8;
      return new DecodedImage(
          BgrOrientation.apply(image, header.orientation()),
          quarterTurn ? height : width,
          quarterTurn ? width : height);
    } catch (Error e) {
      throw e;
    } catch (Throwable failed) {
      // Truncated or damaged data (a warning stops the decode): the decoder classifies it.
      return null;
    } finally {
      try {
        turbo.close.invokeExact(tj);
      } catch (Throwable ignored) {
        // Closing frees the native handle; a failure leaves nothing to recover.
      }
    }
  }

  private static int scaled(int length, int eighths) {
    return (int) (((long) length * eighths + 7) / 8);
  }

  private static void checkMinShortSide(int minShortSide) {
    if (minShortSide < 0) {
      throw new IllegalArgumentException("minShortSide must not be negative: " + minShortSide);
    }
  }

  @Override
  public String toString() {
    return "ScaledImageDecoder[" + (turbo == null ? "ImageIO only" : "libjpeg-turbo + ImageIO")
        + ", " + decoder + "]";
  }
}
