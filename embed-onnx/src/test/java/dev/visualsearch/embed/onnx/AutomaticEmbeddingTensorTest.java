package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.visualsearch.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The pooled 1280-d layer of both MobileNetV2 files is found and exposed without touching them. */
class AutomaticEmbeddingTensorTest {

  @Test
  void zooModelExposesTheDequantizedQLinearPoolingOutput() throws Exception {
    Path model = SharedData.mobileNetV2Zoo();
    String before = ModelFile.sha256(Files.readAllBytes(model));
    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(model).build()) {
      // QLinearGlobalAveragePool -> 464_quantized; the loader adds DequantizeLinear after it.
      assertThat(embedder.embeddingTensor()).isEqualTo("464_quantized_dequantized");
      assertThat(embedder.dimension()).isEqualTo(1280);
      assertThat(embedder.preprocessing().describe())
          .isEqualTo("center-crop(resize=256,crop=224);"
              + "mean-std(0.485,0.456,0.406/0.229,0.224,0.225)");
      assertUnitLengthAndNonNegative(embedder.embed(TestImages.read("formats/baseline.jpg")));
      assertThat(embedder.modelSha256()).isEqualTo(before);
    }
    assertThat(ModelFile.sha256(Files.readAllBytes(model))).isEqualTo(before);
  }

  @Test
  void stModelExposesTheDequantizeLinearAfterThePoolingQdqChain() throws Exception {
    Path model = SharedData.mobileNetV2St();
    String before = ModelFile.sha256(Files.readAllBytes(model));
    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(model).build()) {
      assertThat(embedder.embeddingTensor())
          .isEqualTo("model_1/global_average_pooling2d/Mean_dequant");
      assertThat(embedder.dimension()).isEqualTo(1280);
      assertThat(embedder.preprocessing().describe())
          .isEqualTo("center-crop(resize=256,crop=224);raw-uint8(0..255)");
      assertUnitLengthAndNonNegative(embedder.embed(TestImages.read("formats/baseline.jpg")));
      assertThat(embedder.modelSha256()).isEqualTo(before);
    }
    assertThat(ModelFile.sha256(Files.readAllBytes(model))).isEqualTo(before);
  }

  @Test
  void aModelDirectoryWithOneOnnxFileLoadsThatFile() throws Exception {
    Path model = SharedData.mobileNetV2Zoo();
    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(model.getParent()).build()) {
      assertThat(embedder.modelFile()).isEqualTo(model.toAbsolutePath().normalize());
      assertThat(embedder.dimension()).isEqualTo(1280);
    }
  }

  @Test
  void unnormalizedPooledFeaturesAreTheDequantizedAverages() throws Exception {
    try (OnnxImageEmbedder embedder =
        OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).normalize(false).build()) {
      float[] v = embedder.embed(TestImages.read("formats/baseline.jpg"));
      double norm = norm(v);
      System.out.printf("zoo pooled features: |v| = %.3f, v[0..4] = %s%n", norm,
          java.util.Arrays.toString(java.util.Arrays.copyOf(v, 5)));
      // Post-ReLU6 averages: non-negative and at most 6, and not unit length by accident.
      for (float x : v) {
        assertThat(x).isBetween(0f, 6.01f);
      }
      assertThat(norm).isGreaterThan(1.5);
    }
  }

  private static void assertUnitLengthAndNonNegative(float[] v) {
    assertThat(v).hasSize(1280);
    assertThat(norm(v)).isCloseTo(1.0, within(1e-5));
    for (float x : v) {
      assertThat(x).isGreaterThanOrEqualTo(0f); // averages of ReLU6 activations
    }
  }

  static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    return Math.sqrt(sum);
  }
}
