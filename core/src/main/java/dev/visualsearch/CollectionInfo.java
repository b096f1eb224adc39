package dev.visualsearch;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What a saved collection holds, read from its manifest without loading vectors or a model.
 *
 * <p>Immutable and thread-safe.
 *
 * @param directory the collection directory
 * @param size the number of items
 * @param dimension the vector length
 * @param metric the metric the index scores with
 * @param indexKind the {@link VectorIndexFactory#name()} of the index
 * @param embedderFingerprint the {@link Embedder#fingerprint()} of the embedder that made the
 *     vectors
 * @param imageLoader how the images were decoded ({@link
 *     dev.visualsearch.image.ImageLoader#description()}), e.g. {@code "full-size"}
 * @param generation how many times the collection has been saved
 * @param saved when it was last saved
 * @param attributes the collection attributes ({@link VisualSearch.Builder#attribute})
 */
public record CollectionInfo(
    Path directory,
    int size,
    int dimension,
    Metric metric,
    String indexKind,
    String embedderFingerprint,
    String imageLoader,
    long generation,
    Instant saved,
    Map<String, String> attributes) {

  /** Copies {@code attributes}. */
  public CollectionInfo {
    attributes = Map.copyOf(attributes);
  }
}
