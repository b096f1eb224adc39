package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the default preprocessing matches each model's training recipe: the classifier output,
 * selected as the embedding tensor, labels unambiguous photos correctly. A wrong channel order,
 * layout or normalisation would not.
 */
class ClassificationTest {

  // 0-based ImageNet-1k indices (index 0 = tench in both labels files).
  private static final Set<Integer> CATS = Set.of(281, 282, 283, 284, 285);
  private static final int ORANGE = 950;
  private static final int BABOON = 372;
  private static final int FOX_SQUIRREL = 335;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("zoo", SharedData.mobileNetV2Zoo(), "output", "imagenet_labels_1000.txt"),
        Arguments.of(
            "st", SharedData.mobileNetV2St(), "StatefulPartitionedCall:0",
            "labels_imagenet_2012.txt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void classifierLabelsPhotosAsTheirContent(String label, Path model, String classifier,
      String labelsFile) throws Exception {
    ImageNetLabels labels = ImageNetLabels.besideModel(model, labelsFile);
    try (OnnxImageEmbedder embedder =
        OnnxImageEmbedder.builder(model).embeddingTensor(classifier).normalize(false).build()) {
      assertThat(embedder.dimension()).isEqualTo(1000);
      assertThat(labels.size()).isEqualTo(1000);

      assertTop(embedder, labels, label, "formats/baseline.jpg", 1, CATS);
      assertTop(embedder, labels, label, "photos/orange.jpg", 1, Set.of(ORANGE));
      assertTop(embedder, labels, label, "photos/baboon.jpg", 1, Set.of(BABOON));
      assertTop(embedder, labels, label, "photos/squirrel_cls.jpg", 1, Set.of(FOX_SQUIRREL));
    }
  }

  private static void assertTop(OnnxImageEmbedder embedder, ImageNetLabels labels, String model,
      String photo, int k, Set<Integer> expected) {
    BufferedImage image = TestImages.read(photo);
    float[] scores = embedder.embed(image);
    List<Integer> top5 = ImageNetLabels.topK(scores, 5);
    List<String> described = new ArrayList<>();
    for (int index : top5) {
      described.add(index + " " + labels.name(index) + String.format(" (%.3f)", scores[index]));
    }
    System.out.println(model + " " + photo + " top-5: " + described);
    assertThat(top5.subList(0, k)).as("top-%d of %s by %s: %s", k, photo, model, described)
        .containsAnyElementsOf(expected);
  }
}
