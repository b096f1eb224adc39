package dev.visualsearch.image;

import dev.visualsearch.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files and streams into upright 8-bit sRGB pictures of type {@link
 * BufferedImage#TYPE_3BYTE_BGR}, the one pixel layout the rest of the pipeline reads.
 *
 * <p>Instances are immutable and thread-safe: one decoder may serve any number of threads at once
 * (each call creates, uses and disposes its own ImageIO reader).
 *
 * <p>Every image {@code decode} returns
 *
 * <ul>
 *   <li>is {@code TYPE_3BYTE_BGR}, sRGB, 8 bits per channel, its pixels in one byte array (B, G, R,
 *       row by row, no padding), not shared with anything else;
 *   <li>is upright: the EXIF orientation of a JPEG (APP1 segment) or PNG ({@code eXIf} chunk) is
 *       applied, so width and height are the displayed ones;
 *   <li>has alpha composited over white, gray copied to R = G = B unchanged (no gamma shift),
 *       16-bit samples rounded to 8 bits and palettes expanded; see {@link #toRgb};
 *   <li>is the first frame of an animated image.
 * </ul>
 *
 * <p>Formats are those of the installed ImageIO readers. The JDK alone reads JPEG (RGB and gray),
 * PNG, GIF, BMP, WBMP and TIFF. The TwelveMonkeys plugins add CMYK and YCCK JPEG, converted to RGB
 * ({@code com.twelvemonkeys.imageio:imageio-jpeg}), and WebP ({@code
 * com.twelvemonkeys.imageio:imageio-webp}); without them such files fail with {@link
 * Reason#UNSUPPORTED_FORMAT} and a message naming the missing artifact.
 *
 * <p>Images are untrusted input: the width and height a header declares are checked against
 * {@link #maxPixels()} before any pixel memory is allocated, a file whose data ends early is
 * refused even where the reader would return a partly grey picture, and every failure of a reader
 * becomes an {@link ImageDecodeException} that names the source and classifies the reason.
 */
public final class ImageDecoder implements ImageLoader {

  /** The default pixel limit: 64 Mi pixels (a 60-megapixel camera photo fits). */
  public static final long DEFAULT_MAX_PIXELS = 64L * 1024 * 1024;

  /** The artifact that adds CMYK and YCCK JPEG decoding. */
  static final String TWELVEMONKEYS_JPEG = "com.twelvemonkeys.imageio:imageio-jpeg";

  /** The artifact that adds WebP decoding. */
  static final String TWELVEMONKEYS_WEBP = "com.twelvemonkeys.imageio:imageio-webp";

  /** Enough leading bytes to recognise a container and to show in an error message. */
  private static final int HEAD_LENGTH = 16;

  private static final ImageDecoder DEFAULTS = new ImageDecoder(DEFAULT_MAX_PIXELS, false);

  private final long maxPixels;
  /** Tests only: ignore plugin readers, to check how the decoder behaves on a bare JDK. */
  private final boolean jdkReadersOnly;

  private ImageDecoder(long maxPixels, boolean jdkReadersOnly) {
    this.maxPixels = maxPixels;
    this.jdkReadersOnly = jdkReadersOnly;
  }

  /** A decoder with the default pixel limit, {@link #DEFAULT_MAX_PIXELS}. */
  public static ImageDecoder defaults() {
    return DEFAULTS;
  }

  /** A builder for a decoder with other settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** The most pixels (width × height) an image may declare. */
  public long maxPixels() {
    return maxPixels;
  }

  /**
   * Decodes the image in {@code file}.
   *
   * @param file an image file; error messages name it as given
   * @return the upright sRGB picture, a new {@code TYPE_3BYTE_BGR} image
   * @throws ImageDecodeException if the file is empty, not an image in a supported format,
   *     declares more than {@link #maxPixels()} pixels, is truncated or is damaged
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IOException if the file cannot be read (other {@link java.nio.file.FileSystemException
   *     FileSystemExceptions} such as {@link java.nio.file.AccessDeniedException}, or an I/O error)
   */
  public BufferedImage decode(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return decode(in, file.toString());
    }
  }

  /**
   * Decodes the image in {@code in}, reading as far as the image reader needs (at least to the end
   * of the image, often in chunks beyond it); {@code in} is not closed.
   *
   * @param in the image bytes
   * @param name identifies the image in error messages, e.g. a URL or an archive entry
   * @return the upright sRGB picture, a new {@code TYPE_3BYTE_BGR} image
   * @throws ImageDecodeException if the stream is empty, not an image in a supported format,
   *     declares more than {@link #maxPixels()} pixels, is truncated or is damaged
   * @throws IOException if reading {@code in} fails; the stream's own exception is thrown
   */
  public BufferedImage decode(InputStream in, String name) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(name, "name");
    SourceStream source = new SourceStream(in);
    try (ImageInputStream images = new CachingImageInputStream(source)) {
      return decode(images, name);
    } catch (ImageDecodeException readerFailure) {
      // A reader reports any I/O failure as damaged data; when the stream itself failed, say so.
      IOException sourceFailure = source.failure();
      if (sourceFailure == null) {
        throw readerFailure;
      }
      sourceFailure.addSuppressed(readerFailure);
      throw sourceFailure;
    }
  }

  /**
   * Converts any image to an 8-bit sRGB {@code TYPE_3BYTE_BGR} image. Gray samples are copied to
   * R, G and B as stored (Java's gray colour space is linear, so a colour conversion would brighten
   * them); samples of more than 8 bits are rounded to the nearest 8-bit value; palette entries are
   * looked up; alpha is composited over white, {@code 255·(c·α + 1 − α)} rounded; other colour
   * spaces (an ICC profile, linear RGB, CMYK) are colour-converted to sRGB. Orientation is not
   * touched.
   *
   * @param image any image; not modified
   * @return {@code image} itself when it is already {@code TYPE_3BYTE_BGR}, otherwise a new image
   * @throws NullPointerException if {@code image} is null
   */
  public static BufferedImage toRgb(BufferedImage image) {
    return RgbConversion.toRgb(image);
  }

  /** {@link #decode(Path)}, at full size. */
  @Override
  public DecodedImage load(Path file) throws IOException {
    return DecodedImage.fullSize(decode(file));
  }

  /** {@link #decode(InputStream, String)}, at full size. */
  @Override
  public DecodedImage load(InputStream in, String name) throws IOException {
    return DecodedImage.fullSize(decode(in, name));
  }

  /** {@code "full-size"}: every image is decoded at its own size. */
  @Override
  public String description() {
    return "full-size";
  }

  @Override
  public String toString() {
    return "ImageDecoder[maxPixels=" + maxPixels + "]";
  }

  private BufferedImage decode(ImageInputStream images, String source) throws IOException {
    byte[] head = new byte[HEAD_LENGTH];
    int headLength = images.read(head);
    while (headLength > 0 && headLength < head.length) {
      int more = images.read(head, headLength, head.length - headLength);
      if (more < 0) {
        break;
      }
      headLength += more;
    }
    if (headLength <= 0) {
      throw new ImageDecodeException(source, Reason.EMPTY,
          "no bytes to decode (an empty file or stream)");
    }
    images.seek(0);
    ImageReader reader = findReader(images);
    if (reader == null) {
      throw DecodeFailures.unrecognised(source, head, headLength);
    }
    try {
      String format = reader.getFormatName().toUpperCase(Locale.ROOT);
      images.seek(0);
      int orientation = readOrientation(images, head);
      images.seek(0);
      BufferedImage rgb = RgbConversion.toRgb(read(reader, images, source, format));
      if (!RgbConversion.isPackedBgr(rgb)) {
        rgb = RgbConversion.packedCopy(rgb);
      }
      return Orientation.apply(rgb, orientation);
    } finally {
      reader.dispose();
    }
  }

  /** The first installed reader that recognises the stream, or {@code null}. */
  private ImageReader findReader(ImageInputStream images) {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(images);
    while (readers.hasNext()) {
      ImageReader reader = readers.next();
      if (!jdkReadersOnly || isJdkReader(reader)) {
        return reader;
      }
      reader.dispose();
    }
    return null;
  }

  private static boolean isJdkReader(ImageReader reader) {
    ImageReaderSpi provider = reader.getOriginatingProvider();
    return provider != null && provider.getClass().getModule() == ImageReaderSpi.class.getModule();
  }

  /** The EXIF orientation, chosen by the file's signature rather than by the reader's name. */
  private static int readOrientation(ImageInputStream images, byte[] head) throws IOException {
    if ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8) {
      return ExifLocator.jpegOrientation(images);
    }
    if ((head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
      return ExifLocator.pngOrientation(images);
    }
    return ExifOrientation.NORMAL;
  }

  /** Reads image 0 after checking its declared size; classifies every reader failure. */
  private BufferedImage read(ImageReader reader, ImageInputStream images, String source,
      String format) throws ImageDecodeException {
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
    int width;
    int height;
    try {
      // Forward-only and no metadata: the reader may discard what it has read, and skips parsing
      // chunks we do not use (EXIF is read separately, before).
      reader.setInput(images, true, true);
      width = reader.getWidth(0);
      height = reader.getHeight(0);
    } catch (IOException | RuntimeException e) {
      // Readers throw runtime exceptions too (IndexOutOfBounds, NegativeArraySize...) on bad data.
      throw DecodeFailures.fromReaderFailure(source, format, e, warnings);
    }
    checkSize(source, format, width, height);
    BufferedImage image;
    try {
      image = reader.read(0);
    } catch (IOException | RuntimeException e) {
      throw DecodeFailures.fromReaderFailure(source, format, e, warnings);
    }
    String truncation = DecodeFailures.truncationWarning(warnings);
    if (truncation != null) {
      throw DecodeFailures.truncated(source, format, truncation);
    }
    if ("JPEG".equals(format) && image.getColorModel().getNumColorComponents() == 4) {
      // The JDK's JPEG reader hands back raw CMYK/YCCK samples with no conversion (and Adobe
      // files store them inverted); guessing colours would silently index wrong pictures.
      throw new ImageDecodeException(source, Reason.UNSUPPORTED_FORMAT,
          "a CMYK or YCCK JPEG, which the JDK's JPEG reader cannot convert to RGB; add "
              + TWELVEMONKEYS_JPEG + " to the class path");
    }
    return image;
  }

  /** The decompression-bomb guard: refuse before the reader allocates the pixel buffer. */
  private void checkSize(String source, String format, int width, int height)
      throws ImageDecodeException {
    if (width < 1 || height < 1) {
      throw new ImageDecodeException(source, Reason.MALFORMED,
          "damaged " + format + " data (the header declares a size of " + width + " x " + height
              + ")");
    }
    long pixels = (long) width * height;
    if (pixels > maxPixels) {
      throw new ImageDecodeException(source, Reason.TOO_MANY_PIXELS,
          "the " + format + " header declares " + width + " x " + height + " = " + pixels
              + " pixels, more than this decoder's limit of " + maxPixels + " pixels");
    }
  }

  /**
   * Builds an {@link ImageDecoder}. Not thread-safe; the decoders it builds are.
   */
  public static final class Builder {

    private long maxPixels = DEFAULT_MAX_PIXELS;
    private boolean jdkReadersOnly;

    private Builder() {}

    /**
     * Sets the most pixels (width × height) an image may declare; images with more are refused
     * with {@link Reason#TOO_MANY_PIXELS} before their pixels are allocated. If unset, {@link
     * #DEFAULT_MAX_PIXELS}. Peak memory for one decode is 3 to about 14 bytes per pixel: the
     * reader's image (3 bytes per pixel for JPEG, up to 8 for 16-bit RGBA PNG) plus a converted or
     * rotated copy where one is needed.
     *
     * @return this builder
     * @throws IllegalArgumentException if {@code maxPixels} is less than 1
     */
    public Builder maxPixels(long maxPixels) {
      if (maxPixels < 1) {
        throw new IllegalArgumentException("maxPixels must be at least 1: " + maxPixels);
      }
      this.maxPixels = maxPixels;
      return this;
    }

    /** Tests only: use the JDK's own readers and ignore plugins such as TwelveMonkeys. */
    Builder jdkReadersOnly() {
      this.jdkReadersOnly = true;
      return this;
    }

    /** A decoder with this builder's settings. */
    public ImageDecoder build() {
      return new ImageDecoder(maxPixels, jdkReadersOnly);
    }
  }
}
