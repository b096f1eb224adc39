package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retrieval sanity with the real pooled embedding: in shared/data/pairs (11 groups of 2 photos of
 * the same object or scene), each photo's cosine-nearest other photo among all 22 should mostly be
 * its partner.
 */
class PairRetrievalTest {

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("zoo", SharedData.mobileNetV2Zoo()),
        Arguments.of("st", SharedData.mobileNetV2St()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void mostPhotosFindTheirPartnerFirst(String label, Path model) throws Exception {
    List<String> groups = new ArrayList<>();
    List<BufferedImage> images = new ArrayList<>();
    for (Map.Entry<String, List<String>> group : SharedData.pairGroups().entrySet()) {
      for (String path : group.getValue()) {
        groups.add(group.getKey());
        images.add(TestImages.read(path));
      }
    }
    assertThat(images).hasSize(22);

    List<float[]> vectors;
    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(model).build()) {
      vectors = embedder.embedAll(images);
    }

    int first = 0;
    int top3 = 0;
    for (int q = 0; q < vectors.size(); q++) {
      List<Integer> ranking = new ArrayList<>();
      for (int i = 0; i < vectors.size(); i++) {
        if (i != q) {
          ranking.add(i);
        }
      }
      float[] query = vectors.get(q);
      // Unit vectors: the dot product is the cosine.
      ranking.sort((a, b) -> Float.compare(dot(query, vectors.get(b)), dot(query, vectors.get(a))));
      int rank = 0;
      while (!groups.get(ranking.get(rank)).equals(groups.get(q))) {
        rank++;
      }
      first += rank == 0 ? 1 : 0;
      top3 += rank < 3 ? 1 : 0;
      System.out.printf("%s %-11s partner at rank %d%n", label, groups.get(q), rank + 1);
    }
    System.out.printf("%s: partner first for %d/22, in the top 3 for %d/22%n", label, first, top3);
    // Observed on the development machine: zoo 22/22 first, st 21/22 first (box_in_scene ranks
    // box third); both 22/22 in the top 3. The floors leave margin for int8 kernels that differ
    // between CPUs.
    assertThat(first).isGreaterThanOrEqualTo(18);
    assertThat(top3).isGreaterThanOrEqualTo(20);
  }

  private static float dot(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
