package dev.visualsearch.augment;

import java.awt.image.BufferedImage;
import java.util.random.RandomGenerator;

/**
 * One image augmentation: a function of an image and a source of random numbers. Create ops with
 * {@link ImageOps}; chain them with {@link Augmentation}.
 *
 * <p>Every op
 *
 * <ul>
 *   <li>never modifies the image it is given, and returns a new {@link
 *       BufferedImage#TYPE_3BYTE_BGR} image (alpha composited over white first, as {@link
 *       dev.visualsearch.image.ImageDecoder#toRgb} does) that shares no pixels with the input;
 *   <li>draws every random choice from the generator it is given, so the same image and a
 *       generator in the same state give the same pixels.
 * </ul>
 *
 * <p>Implementations are immutable and thread-safe; the generator passed to {@link #apply} belongs
 * to the calling thread.
 */
public interface ImageOp {

  /**
   * Returns the augmented copy of {@code image}.
   *
   * @throws NullPointerException if an argument is null
   */
  BufferedImage apply(BufferedImage image, RandomGenerator random);

  /** What the op does, with its parameters, e.g. {@code rotate(-20..20°, fill=#000000)}. */
  String describe();
}
