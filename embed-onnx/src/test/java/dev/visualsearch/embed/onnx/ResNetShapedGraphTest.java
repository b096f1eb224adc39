package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.embed.onnx.TinyGraphs.ResNetWeights;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ResNet code path without ResNet weights: a graph with ResNet's layer pattern (stem conv,
 * batch norm, ReLU, max pool, a residual block with an Add, GlobalAveragePool → Flatten → Gemm)
 * and random weights, whose pooled output the test computes itself for constant-colour images.
 * Checks input discovery, the automatic pooled-layer choice, batching and output shapes.
 */
class ResNetShapedGraphTest {

  @TempDir static Path temp;
  private static ResNetWeights weights;
  private static Path fixedSize;
  private static Path dynamicSize;

  @BeforeAll
  static void writeModels() throws IOException {
    long seed = Long.getLong("tiny.resnet.seed", new Random().nextLong());
    System.out.println("ResNet-shaped graph weights: seed " + seed
        + " (rerun with -Dtiny.resnet.seed=" + seed + ")");
    weights = new ResNetWeights(seed);
    fixedSize = temp.resolve("resnet-shaped-32.onnx");
    Files.write(fixedSize, TinyGraphs.resNetShaped(32, weights).toByteArray());
    dynamicSize = temp.resolve("resnet-shaped-dynamic.onnx");
    Files.write(dynamicSize, TinyGraphs.resNetShaped(0, weights).toByteArray());
  }

  @Test
  void discoversTheInputAndChoosesTheGlobalAveragePool() throws Exception {
    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(fixedSize).build()) {
      assertThat(embedder.inputDescription()).isEqualTo("pixels: FLOAT NCHW [?, 3, 32, 32]");
      assertThat(embedder.embeddingTensor()).isEqualTo("pooled");
      assertThat(embedder.dimension()).isEqualTo(TinyGraphs.RES_CHANNELS); // [N,6,1,1] -> 6
      assertThat(embedder.preprocessing()).isEqualTo(Preprocessing.torchvision().withSize(32));
    }
  }

  @Test
  void batchesGiveThePooledVectorOfEachImage() throws Exception {
    List<BufferedImage> images = new ArrayList<>();
    List<float[]> expected = new ArrayList<>();
    Random colours = new Random(7);
    for (int i = 0; i < 7; i++) {
      int r = colours.nextInt(256);
      int g = colours.nextInt(256);
      int b = colours.nextInt(256);
      images.add(TestImages.constant(40 + 13 * i, 90 - 7 * i, TestImages.rgb(r, g, b)));
      expected.add(weights.pooledForConstantInput(encoded(r, g, b)));
    }
    try (OnnxImageEmbedder embedder =
        OnnxImageEmbedder.builder(fixedSize).batchSize(3).normalize(false).build()) {
      List<float[]> vectors = embedder.embedAll(images); // batches of 3, 3 and 1
      assertThat(vectors).hasSize(images.size());
      for (int i = 0; i < vectors.size(); i++) {
        assertClose(vectors.get(i), expected.get(i), "image " + i);
      }
    }
  }

  @Test
  void theClassifierOutputHasTheHeadsShape() throws Exception {
    try (OnnxImageEmbedder embedder =
        OnnxImageEmbedder.builder(fixedSize).embeddingTensor("logits").normalize(false).build()) {
      assertThat(embedder.dimension()).isEqualTo(TinyGraphs.CLASSES);
      float[] expected = weights.logits(weights.pooledForConstantInput(encoded(10, 200, 90)));
      assertClose(embedder.embed(TestImages.constant(64, 48, TestImages.rgb(10, 200, 90))),
          expected, "logits");
    }
  }

  @Test
  void aDynamicInputSizeNeedsAConfiguredSize() throws Exception {
    assertThatThrownBy(() -> OnnxImageEmbedder.builder(dynamicSize).build())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("dynamic input size")
        .hasMessageContaining("withSize");
    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(dynamicSize)
        .preprocessing(Preprocessing.torchvision().withSize(48)).normalize(false).build()) {
      assertThat(embedder.inputDescription()).isEqualTo("pixels: FLOAT NCHW [?, 3, ?, ?]");
      assertThat(embedder.embeddingTensor()).isEqualTo("pooled");
      assertClose(embedder.embed(TestImages.constant(100, 100, TestImages.rgb(1, 2, 3))),
          weights.pooledForConstantInput(encoded(1, 2, 3)), "dynamic");
    }
  }

  private static float[] encoded(int r, int g, int b) {
    return new float[] {
      (r / 255f - 0.485f) / 0.229f, (g / 255f - 0.456f) / 0.224f, (b / 255f - 0.406f) / 0.225f
    };
  }

  private static void assertClose(float[] actual, float[] expected, String what) {
    assertThat(actual).as(what).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      float tolerance = 1e-4f * Math.max(1f, Math.abs(expected[i]));
      assertThat(actual[i]).as(what + " [" + i + "]")
          .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tolerance));
    }
  }
}
