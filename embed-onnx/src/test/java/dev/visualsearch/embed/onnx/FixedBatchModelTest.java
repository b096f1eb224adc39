package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * MobileNetV1 0.5/128 (uint8 NHWC [1,128,128,3]): a batch dimension fixed at 1, no global pooling
 * (an AveragePool in a QDQ chain) and a uint8 classifier output.
 */
class FixedBatchModelTest {

  private static final Path MODEL =
      SharedData.model("mobilenetv1-0.5-128-st/mobilenet_v1_0.5_128_quant.onnx");

  @Test
  void batchSizeIsForcedToOneAndThePooledAveragePoolIsFound() throws Exception {
    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(MODEL).batchSize(8).build()) {
      assertThat(embedder.batchSize()).isEqualTo(1);
      assertThat(embedder.embeddingTensor())
          .isEqualTo("MobilenetV1/Logits/AvgPool_1a/AvgPool_dequant");
      assertThat(embedder.dimension()).isEqualTo(512); // [1,512,1,1] flattened
      assertThat(embedder.preprocessing().describe())
          .isEqualTo("center-crop(resize=146,crop=128);raw-uint8(0..255)");

      List<BufferedImage> images = List.of(TestImages.read("formats/baseline.jpg"),
          TestImages.read("photos/orange.jpg"), TestImages.read("photos/baboon.jpg"));
      List<float[]> vectors = embedder.embedAll(images);
      assertThat(vectors).hasSize(3);
      for (int i = 0; i < images.size(); i++) {
        assertThat(vectors.get(i)).containsExactly(embedder.embed(images.get(i)),
            Offset.offset(1e-6f));
      }
    }
  }

  @Test
  void itsUint8ClassifierLabelsTheCat() throws Exception {
    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(MODEL)
        .embeddingTensor("MobilenetV1/Predictions/Reshape_1").normalize(false).build()) {
      assertThat(embedder.dimension()).isEqualTo(1001); // index 0 = background
      float[] scores = embedder.embed(TestImages.read("formats/baseline.jpg"));
      int top = ImageNetLabels.topK(scores, 1).get(0);
      ImageNetLabels labels = ImageNetLabels.besideModel(MODEL, "labels_imagenet_2012.txt");
      System.out.println("mobilenetv1 baseline.jpg top-1: " + top + " "
          + labels.name(top - 1) + " (" + scores[top] + "/255)");
      assertThat(top - 1).isBetween(281, 285);
    }
  }
}
