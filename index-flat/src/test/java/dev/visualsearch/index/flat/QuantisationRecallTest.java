package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.image.ImageDecoder;
import dev.visualsearch.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recall@10 of float16 and int8 storage against float32, on real embeddings: every photo of
 * {@code ../shared/data} (tuxpaint, photos, pairs) embedded with the MobileNetV2-12 int8 model,
 * each photo in turn the query against all the others (itself filtered out). Recall is the share
 * of float32's top 10 that the encoded index also returns.
 *
 * <p>With re-scoring factor 1 the encoded scan alone picks the 10 (re-scoring only reorders them),
 * so that row measures the encoding itself; larger factors show what exact re-scoring wins back.
 * The table is printed for the issue notes.
 */
class QuantisationRecallTest {

  private static final int K = 10;
  private static final int BATCH = 16;

  private static final List<String> ids = new ArrayList<>();
  private static final List<float[]> vectors = new ArrayList<>();

  @BeforeAll
  static void embedSharedPhotos() throws Exception {
    List<Path> files = new ArrayList<>();
    for (String folder : new String[] {"tuxpaint", "photos", "pairs"}) {
      // Tuxpaint's folder names end in a carriage return; walking the tree takes them as they are.
      try (Stream<Path> walk = Files.walk(SharedData.data(folder))) {
        files.addAll(
            walk.filter(Files::isRegularFile)
                .filter(QuantisationRecallTest::isImage)
                .sorted()
                .collect(Collectors.toList()));
      }
    }
    ImageDecoder decoder = ImageDecoder.defaults();
    try (OnnxImageEmbedder embedder =
        OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).build()) {
      for (int from = 0; from < files.size(); from += BATCH) {
        List<BufferedImage> images = new ArrayList<>();
        for (Path file : files.subList(from, Math.min(files.size(), from + BATCH))) {
          images.add(decode(decoder, file));
          ids.add(SharedData.root().relativize(file).toString());
        }
        vectors.addAll(embedder.embedAll(images));
      }
    }
    System.out.println(
        "recall: embedded " + vectors.size() + " photos, dimension " + vectors.get(0).length);
  }

  @Test
  void encodedStorageKeepsFloat32Recall() {
    assertThat(vectors).hasSizeGreaterThan(400);
    FlatIndex exact = build(VectorEncoding.FLOAT32, 1);
    System.out.println("| encoding | rescore factor | recall@10 vs float32 | worst query |");
    System.out.println("|---|---|---|---|");
    double[][] recall = new double[3][];
    VectorEncoding[] encodings = {VectorEncoding.FLOAT16, VectorEncoding.INT8};
    int[] factors = {1, 2, 4};
    for (int e = 0; e < encodings.length; e++) {
      recall[e] = new double[factors.length];
      for (int f = 0; f < factors.length; f++) {
        double[] measured = recall(exact, build(encodings[e], factors[f]));
        recall[e][f] = measured[0];
        System.out.printf(
            Locale.ROOT, "| %s | %d | %.4f | %.1f |%n",
            encodings[e], factors[f], measured[0], measured[1]);
      }
    }

    // Float16 keeps about 3 decimal digits: neighbours closer than that may swap at rank 10.
    assertThat(recall[0][0]).as("float16, no extra candidates").isGreaterThanOrEqualTo(0.98);
    assertThat(recall[0][2]).as("float16, factor 4").isGreaterThanOrEqualTo(0.999);
    assertThat(recall[1][0]).as("int8, no extra candidates").isGreaterThanOrEqualTo(0.90);
    assertThat(recall[1][2]).as("int8, factor 4").isGreaterThanOrEqualTo(0.995);
  }

  /** Mean and minimum recall@10 of {@code encoded} against {@code exact}, over all queries. */
  private static double[] recall(FlatIndex exact, FlatIndex encoded) {
    float[][] queries = vectors.toArray(new float[0][]);
    // One batch per index: also exercises searchAll on real data. The query itself is excluded
    // per query below, so ask for one more hit.
    List<SearchResult> truth = exact.searchAll(queries, K + 1, null);
    List<SearchResult> found = encoded.searchAll(queries, K + 1, null);
    double sum = 0;
    double worst = K;
    for (int q = 0; q < queries.length; q++) {
      Set<String> expected = topWithout(truth.get(q), ids.get(q));
      Set<String> actual = topWithout(found.get(q), ids.get(q));
      actual.retainAll(expected);
      sum += actual.size() / (double) expected.size();
      worst = Math.min(worst, actual.size());
    }
    return new double[] {sum / queries.length, worst};
  }

  private static Set<String> topWithout(SearchResult result, String query) {
    Set<String> top = new HashSet<>();
    for (String id : result.ids()) {
      if (!id.equals(query) && top.size() < K) {
        top.add(id);
      }
    }
    return top;
  }

  private static FlatIndex build(VectorEncoding encoding, int rescoreFactor) {
    FlatIndex index =
        FlatIndex.builder(vectors.get(0).length, Metric.COSINE)
            .encoding(encoding)
            .rescoreFactor(rescoreFactor)
            .build();
    for (int i = 0; i < ids.size(); i++) {
      index.add(ids.get(i), vectors.get(i));
    }
    return index;
  }

  private static boolean isImage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
  }

  private static BufferedImage decode(ImageDecoder decoder, Path file) {
    try {
      return decoder.decode(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode shared photo " + file, e);
    }
  }
}
