package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.embed.onnx.proto.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The float NCHW path of torchvision-style models (ResNet-18/50 cannot be downloaded here) on a
 * graph built in the test: Conv → Relu → GlobalAveragePool → Flatten → Gemm with seeded weights.
 */
class ResNetStyleGraphTest {

  @TempDir static Path temp;
  private static Path model;

  // A constant image: every pixel (r, g, b), so every input position holds the encoded colour.
  private static final int R = 200;
  private static final int G = 120;
  private static final int B = 30;
  private static final float[] ENCODED = {
    (R / 255f - 0.485f) / 0.229f, (G / 255f - 0.456f) / 0.224f, (B / 255f - 0.406f) / 0.225f
  };

  @BeforeAll
  static void writeModel() throws Exception {
    System.out.println("tiny ResNet-style graph, weights seeded with " + TinyGraphs.SEED);
    model = temp.resolve("tiny-resnet.onnx");
    Files.write(model, TinyGraphs.resNetStyle(32).toByteArray());
  }

  @Test
  void automaticDiscoveryTakesTheGlobalAveragePoolOutputFlattened() throws Exception {
    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(model).normalize(false).build()) {
      assertThat(embedder.embeddingTensor()).isEqualTo("pooled");
      assertThat(embedder.dimension()).isEqualTo(TinyGraphs.CHANNELS); // [N,4,1,1] -> 4
      assertThat(embedder.preprocessing()).isEqualTo(Preprocessing.torchvision().withSize(32));

      float[] expected = TinyGraphs.pooledForConstantInput(ENCODED);
      System.out.println("expected pooled " + java.util.Arrays.toString(expected));
      assertThat(expected[1]).as("channel 1 is cut by the ReLU").isZero();
      float[] vector = embedder.embed(TestImages.constant(100, 60, TestImages.rgb(R, G, B)));
      assertThat(vector).containsExactly(expected, Offset.offset(1e-4f));
    }
  }

  @Test
  void theClassifierOutputIsSelectable() throws Exception {
    try (OnnxImageEmbedder embedder =
        OnnxImageEmbedder.builder(model).embeddingTensor("logits").normalize(false).build()) {
      assertThat(embedder.dimension()).isEqualTo(TinyGraphs.CLASSES);
      float[] expected = TinyGraphs.logits(TinyGraphs.pooledForConstantInput(ENCODED));
      assertThat(embedder.embed(TestImages.constant(50, 50, TestImages.rgb(R, G, B))))
          .containsExactly(expected, Offset.offset(1e-4f));
    }
  }

  @Test
  void anIntermediateTensorIsSelectableByName() throws Exception {
    // "conv" is [N,4,15,15] for a 32x32 input: 900 values per image, flattened.
    try (OnnxImageEmbedder embedder =
        OnnxImageEmbedder.builder(model).embeddingTensor("conv").build()) {
      assertThat(embedder.dimension()).isEqualTo(4 * 15 * 15);
      assertThat(embedder.embedAll(java.util.List.of(
          TestImages.constant(40, 40, 0x808080), TestImages.constant(40, 40, 0x102030))))
          .hasSize(2)
          .allSatisfy(v -> assertThat(AutomaticEmbeddingTensorTest.norm(v))
              .isCloseTo(1.0, Offset.offset(1e-5)));
    }
  }

  @Test
  void reduceMeanOverSpaceIsAPoolButReduceMeanOverFeaturesIsNot() throws Exception {
    Path reduceMean = temp.resolve("tiny-reduce-mean.onnx");
    Files.write(reduceMean, TinyGraphs.reduceMeanStyle().toByteArray());
    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(reduceMean).build()) {
      assertThat(embedder.embeddingTensor()).isEqualTo("pooled");
      assertThat(embedder.dimension()).isEqualTo(TinyGraphs.CHANNELS);
    }
  }

  @Test
  void theEditedModelKeepsEverythingElse() throws Exception {
    byte[] original = Files.readAllBytes(model);
    OnnxModelGraph graph = OnnxModelGraph.parse(original, "tiny");
    String tensor = EmbeddingTensorLocator.expose(graph, null, "tiny");
    ModelProto edited = ModelProto.parseFrom(graph.toByteArray());
    ModelProto before = ModelProto.parseFrom(original);
    assertThat(tensor).isEqualTo("pooled");
    assertThat(edited.getGraph().getOutputList()).extracting(v -> v.getName())
        .containsExactly("logits", "pooled");
    // Everything but the added output is as it was.
    assertThat(edited.toBuilder().setGraph(edited.getGraph().toBuilder().removeOutput(1)).build())
        .isEqualTo(before);
  }
}
