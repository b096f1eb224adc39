package dev.visualsearch;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns images into fixed-length embedding vectors, such that images that look alike get vectors
 * that score high under the collection's {@link Metric}.
 *
 * <p>Implementations must be thread-safe: one embedder is shared by all threads of a {@link
 * VisualSearch} (searches and indexing workers run it concurrently).
 *
 * <p>The {@link #fingerprint()} identifies everything that decides the vectors (model bytes,
 * preprocessing, output tensor). It is stored with every saved collection and checked when the
 * collection is opened, so that vectors of different models are never compared silently.
 */
public interface Embedder extends AutoCloseable {

  /** The length of every vector this embedder returns. */
  int dimension();

  /**
   * A stable, printable identification of everything that decides the vectors: two embedders with
   * equal fingerprints produce the same vectors (up to floating-point differences between CPUs),
   * two with different fingerprints must not share a collection.
   */
  String fingerprint();

  /**
   * Embeds one image.
   *
   * @param image any {@link BufferedImage}; alpha is composited on white
   * @return a new array of length {@link #dimension()}
   * @throws EmbeddingException if the model cannot run on this image
   */
  float[] embed(BufferedImage image);

  /**
   * Embeds several images, in batches where the implementation supports it. The default calls
   * {@link #embed(BufferedImage)} for each image.
   *
   * @return one new vector per image, in the order of {@code images}
   * @throws EmbeddingException if the model cannot run on these images
   */
  default List<float[]> embedAll(List<BufferedImage> images) {
    List<float[]> vectors = new ArrayList<>(images.size());
    for (BufferedImage image : images) {
      vectors.add(embed(image));
    }
    return vectors;
  }

  /** Releases native resources (model sessions). Embedding after close is an error. */
  @Override
  void close();
}
