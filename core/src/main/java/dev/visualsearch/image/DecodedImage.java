package dev.visualsearch.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A loaded picture and the size of the image it came from: a loader may decode a large image at a
 * reduced size, and the original size is still what a person (or a keep-the-largest-copy rule)
 * cares about.
 *
 * <p>Immutable reference, thread-safe to share; the {@link BufferedImage} itself is mutable and
 * belongs to whoever loaded it.
 *
 * @param image the upright sRGB picture, possibly smaller than the original
 * @param originalWidth the upright width of the image as stored, in pixels
 * @param originalHeight the upright height of the image as stored, in pixels
 */
public record DecodedImage(BufferedImage image, int originalWidth, int originalHeight) {

  /** @throws IllegalArgumentException if a size is below 1 */
  public DecodedImage {
    Objects.requireNonNull(image, "image");
    if (originalWidth < 1 || originalHeight < 1) {
      throw new IllegalArgumentException(
          "image size must be positive: " + originalWidth + " x " + originalHeight);
    }
  }

  /** A picture decoded at its own size. */
  public static DecodedImage fullSize(BufferedImage image) {
    return new DecodedImage(image, image.getWidth(), image.getHeight());
  }
}
