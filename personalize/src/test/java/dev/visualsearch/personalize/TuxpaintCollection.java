package dev.visualsearch.personalize;

import dev.visualsearch.VisualSearch;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.eval.harness.Benchmark;
import dev.visualsearch.eval.harness.LabelsProtocol;
import dev.visualsearch.index.flat.FlatIndex;
import dev.visualsearch.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The 376 labelled tuxpaint photos of ../shared/data embedded with the real MobileNetV2 model in
 * an exact index, each with its category as metadata; built once per test JVM.
 */
public final class TuxpaintCollection {

  private static VisualSearch search;
  private static Map<String, String> categories;

  private TuxpaintCollection() {}

  /** The collection. */
  public static synchronized VisualSearch search() {
    if (search == null) {
      build();
    }
    return search;
  }

  /** The category of every image, by id. */
  public static synchronized Map<String, String> categories() {
    search();
    return categories;
  }

  private static void build() {
    try {
      Path csv = SharedData.data("tuxpaint/labels.csv");
      LabelsProtocol protocol = new LabelsProtocol(csv);
      Map<String, String> labels = protocol.labels();
      Benchmark benchmark = protocol.build("tuxpaint");
      OnnxImageEmbedder embedder =
          OnnxImageEmbedder.builder(SharedData.model("mobilenetv2-12-int8")).build();
      VisualSearch built =
          VisualSearch.builder().embedder(embedder).index(FlatIndex.factory()).build();
      for (Benchmark.Item item : benchmark.items()) {
        built.add(item.id(), item.file(), Map.of("category", labels.get(item.id())));
      }
      search = built;
      categories = Map.copyOf(labels);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
