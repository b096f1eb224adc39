package dev.visualsearch.embed.onnx;

import dev.visualsearch.image.DecodedImage;
import dev.visualsearch.image.ImageLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An {@link ImageLoader} that decodes JPEGs no larger than an embedder's preprocessing needs
 * (see {@link ScaledImageDecoder}): for photos of several megapixels, decoding — not inference —
 * is most of the cost of indexing, and a reduced decode costs a fraction of a full one.
 *
 * <p>Immutable and thread-safe.
 */
final class ReducedSizeImageLoader implements ImageLoader {

  private final ScaledImageDecoder decoder;
  private final int minShortSide;

  ReducedSizeImageLoader(ScaledImageDecoder decoder, int minShortSide) {
    this.decoder = decoder;
    this.minShortSide = minShortSide;
  }

  @Override
  public DecodedImage load(Path file) throws IOException {
    if (!decoder.usesTurboJpeg()) {
      return decoder.load(file);
    }
    return decoder.load(Files.readAllBytes(file), file.toString(), minShortSide);
  }

  @Override
  public DecodedImage load(InputStream in, String name) throws IOException {
    return decoder.load(in.readAllBytes(), name, minShortSide);
  }

  /**
   * {@code reduced-jpeg(min-short-side=N)} when libjpeg-turbo decodes JPEGs at a reduced size;
   * {@code full-size} when it is not installed, since every image is then decoded at full size.
   */
  @Override
  public String description() {
    return decoder.usesTurboJpeg() ? "reduced-jpeg(min-short-side=" + minShortSide + ")" : "full-size";
  }

  @Override
  public String toString() {
    return "ReducedSizeImageLoader[" + description() + "]";
  }
}
