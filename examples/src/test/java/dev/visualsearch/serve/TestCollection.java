package dev.visualsearch.serve;

import dev.visualsearch.CollectionInfo;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.index.flat.FlatIndex;
import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The collection the server tests search, built once per test JVM with the real model: the
 * photos of {@code ../shared/data/pairs} and {@code photos} under ids such as {@code
 * "pairs/box.png"}, plus {@code "copies/box.png"}, a byte-identical copy of {@code pairs/box.png}.
 * Saved to {@code target/serve-test/collection} so that it has a {@link CollectionInfo}.
 */
final class TestCollection {

  static final String COPY = "copies/box.png";

  private static VisualSearch search;
  private static CollectionInfo info;

  private TestCollection() {}

  static synchronized VisualSearch search() {
    if (search == null) {
      try {
        build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return search;
  }

  static synchronized CollectionInfo info() {
    search();
    return info;
  }

  /** A server on a free loopback port with the test limits; the caller may change any. */
  static SearchServer.Builder server(InteractionStore log) {
    return SearchServer.builder(search())
        .info(info())
        .interactions(log)
        .port(0)
        .maxUploadBytes(4L * 1024 * 1024);
  }

  /** The images of {@code folder} under {@code ../shared/data}, as ids {@code folder/name}. */
  static List<String> images(String folder) throws IOException {
    try (Stream<Path> files = Files.list(SharedData.data(folder))) {
      return files
          .map(file -> folder + "/" + file.getFileName())
          .filter(id -> id.matches("(?i).*\\.(jpe?g|png)"))
          .sorted()
          .toList();
    }
  }

  private static void build() throws IOException {
    // Shared by every test class of the JVM and closed with it: the model loads once.
    OnnxImageEmbedder embedder =
        OnnxImageEmbedder.builder(SharedData.model("mobilenetv2-12-int8")).build();
    VisualSearch built = VisualSearch.builder().embedder(embedder).index(FlatIndex.factory()).build();
    for (String folder : List.of("pairs", "photos")) {
      for (String id : images(folder)) {
        built.add(id, SharedData.data(id));
      }
    }
    built.add(COPY, SharedData.data("pairs/box.png"));
    Path directory = Path.of("target", "serve-test", "collection").toAbsolutePath();
    deleteRecursively(directory);
    built.save(directory);
    info = VisualSearch.describe(directory);
    search = built;
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
