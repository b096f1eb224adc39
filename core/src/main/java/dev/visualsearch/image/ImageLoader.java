package dev.visualsearch.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Turns image files and streams into pictures for embedding: what {@link
 * dev.visualsearch.VisualSearch} decodes with. {@link ImageDecoder} decodes at full size; an
 * embedder may offer a loader that decodes large JPEGs straight to the smaller size its model
 * needs, which costs a fraction of a full decode.
 *
 * <p>Implementations must be thread-safe: the collection's workers load concurrently.
 */
public interface ImageLoader {

  /**
   * Loads the image in {@code file}.
   *
   * @throws ImageDecodeException if the file is not a readable image (the message names the file
   *     and the reason)
   * @throws IOException if the file cannot be read
   */
  DecodedImage load(Path file) throws IOException;

  /**
   * Loads the image in {@code in}, which is not closed; {@code name} names it in messages.
   *
   * @throws ImageDecodeException if the bytes are not a readable image
   * @throws IOException if the stream cannot be read
   */
  DecodedImage load(InputStream in, String name) throws IOException;

  /**
   * How images are loaded, for people and for the manifest of a saved collection, e.g. {@code
   * "full-size"}: a collection and its queries should be loaded the same way, since a picture
   * decoded at another size gives a slightly different vector.
   */
  String description();
}
