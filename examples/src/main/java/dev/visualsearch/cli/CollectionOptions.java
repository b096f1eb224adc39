package dev.visualsearch.cli;

import dev.visualsearch.CollectionInfo;
import dev.visualsearch.IncompatibleCollectionException;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How the commands that work on a saved collection open it: the directory, and the model it was
 * indexed with (recorded at indexing; {@code --model} names another copy of it).
 */
final class CollectionOptions {

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "A saved collection.")
  Path index;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description = "The model file or directory (default: the one recorded at indexing).")
  Path model;

  @Mixin ModelOptions modelOptions;

  @Mixin CassandraOptions cassandra;

  /** An open collection and the embedder it needs; closes both. */
  record Opened(OnnxImageEmbedder embedder, VisualSearch search) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      try {
        search.close();
      } finally {
        embedder.close();
      }
    }
  }

  /**
   * Opens the collection with its model.
   *
   * @throws IncompatibleCollectionException if the model is not the one it was indexed with
   * @throws IOException if the collection or the model cannot be read
   */
  Opened open(PrintWriter err) throws IOException {
    CollectionInfo info = VisualSearch.describe(index);
    OnnxImageEmbedder embedder =
        modelOptions.load(modelOf(info), info.attributes().get(ModelOptions.TENSOR_ATTRIBUTE));
    try {
      VisualSearch search =
          VisualSearch.builder()
              .embedder(embedder)
              .index(cassandra.factoryFor(info))
              .imageLoader(modelOptions.loaderFor(embedder, info.imageLoader(), err))
              .open(index);
      return new Opened(embedder, search);
    } catch (IncompatibleCollectionException e) {
      embedder.close();
      String recorded = info.attributes().get(ModelOptions.MODEL_ATTRIBUTE);
      throw new IncompatibleCollectionException(
          e.getMessage()
              + (recorded == null
                  ? ""
                  : "\nIt was indexed with " + recorded + "; this search used "
                      + embedder.modelFile() + "."));
    } catch (IOException | RuntimeException e) {
      embedder.close();
      throw e;
    }
  }

  private Path modelOf(CollectionInfo info) {
    if (model != null) {
      return model;
    }
    String recorded = info.attributes().get(ModelOptions.MODEL_ATTRIBUTE);
    if (recorded == null) {
      throw new IllegalArgumentException(
          "the collection in " + index + " does not record its model; pass --model");
    }
    Path path = Path.of(recorded);
    if (!Files.exists(path)) {
      throw new IllegalArgumentException(
          "the collection in " + index + " was indexed with " + recorded
              + ", which is not there any more; pass --model with a copy of it");
    }
    return path;
  }
}
