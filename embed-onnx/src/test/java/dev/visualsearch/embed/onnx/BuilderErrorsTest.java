package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake a caller can make is reported at once, naming the rule and the values. */
class BuilderErrorsTest {

  @TempDir Path temp;

  @Test
  void aMissingModelPathIsNoSuchFile() {
    Path missing = temp.resolve("nothing-here.onnx");
    assertThatThrownBy(() -> OnnxImageEmbedder.builder(missing).build())
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nothing-here.onnx");
  }

  @Test
  void aDirectoryWithoutOnnxFilesListsWhatItHolds() throws IOException {
    Files.writeString(temp.resolve("labels.txt"), "tench\n");
    Files.writeString(temp.resolve("README.md"), "#\n");
    assertThatThrownBy(() -> OnnxImageEmbedder.builder(temp).build())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no .onnx file in model directory")
        .hasMessageContaining("README.md, labels.txt");
  }

  @Test
  void aDirectoryWithTwoOnnxFilesListsThem() throws IOException {
    Files.write(temp.resolve("b.onnx"), new byte[0]);
    Files.write(temp.resolve("a.onnx"), new byte[0]);
    assertThatThrownBy(() -> OnnxImageEmbedder.builder(temp).build())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("2 .onnx files")
        .hasMessageContaining("expected exactly one")
        .hasMessageContaining("a.onnx, b.onnx");
  }

  @Test
  void aFileThatIsNotAModelSaysSo() throws IOException {
    Path junk = temp.resolve("junk.onnx");
    Files.writeString(junk, "this is not a protobuf message, just text");
    assertThatThrownBy(() -> OnnxImageEmbedder.builder(junk).build())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("junk.onnx")
        .hasMessageContaining("is not an ONNX model");
  }

  @Test
  void anUnknownTensorNameListsTensorsThatExist() {
    assertThatThrownBy(() ->
            OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).embeddingTensor("pool5").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no tensor named 'pool5'")
        .hasMessageContaining("graph outputs: [output]")
        .hasMessageContaining("464_quantized")
        .hasMessageContaining("472_quantized");
  }

  @Test
  void aFloatEncodingForAUint8ModelIsRejected() {
    assertThatThrownBy(() ->
            OnnxImageEmbedder.builder(SharedData.mobileNetV2St())
                .preprocessing(Preprocessing.torchvision())
                .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IMAGENET_MEAN_STD does not fit the UINT8 input")
        .hasMessageContaining("use RAW_UINT8");
  }

  @Test
  void aUint8EncodingForAFloatModelIsRejected() {
    assertThatThrownBy(() ->
            OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo())
                .preprocessing(Preprocessing.rawUint8())
                .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RAW_UINT8 does not fit the FLOAT input 'input'");
  }

  @Test
  void aSizeOtherThanTheModelsIsRejected() {
    assertThatThrownBy(() ->
            OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo())
                .preprocessing(Preprocessing.torchvision().withSize(256))
                .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("preprocessing size 256 differs from the input size 224");
  }

  @Test
  void settersValidateAtOnce() {
    OnnxImageEmbedder.Builder builder = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo());
    assertThatThrownBy(() -> builder.batchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch size must be at least 1: 0");
    assertThatThrownBy(() -> builder.intraOpThreads(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("intra-op threads must be at least 1: -2");
    assertThatThrownBy(() -> builder.embeddingTensor(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("embedding tensor name must not be empty");
    assertThatThrownBy(() -> builder.embeddingTensor(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.preprocessing(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> OnnxImageEmbedder.builder(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void aModelWithoutAnImageInputIsRejected() throws IOException {
    Path model = temp.resolve("vector-model.onnx");
    Files.write(model, TinyGraphs.vectorInput().toByteArray());
    assertThatThrownBy(() -> OnnxImageEmbedder.builder(model).embeddingTensor("out").build())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("has no image input")
        .hasMessageContaining("features");
  }

  @Test
  void aDynamicInputSizeNeedsAnExplicitSize() throws Exception {
    Path model = temp.resolve("dynamic.onnx");
    Files.write(model, TinyGraphs.resNetStyle(0).toByteArray());
    assertThatThrownBy(() -> OnnxImageEmbedder.builder(model).build())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("has a dynamic input size [?, 3, ?, ?]")
        .hasMessageContaining("withSize");
    try (OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(model)
        .preprocessing(Preprocessing.torchvision().withSize(40)).build()) {
      assertThat(embedder.dimension()).isEqualTo(TinyGraphs.CHANNELS);
      assertThat(embedder.embed(TestImages.constant(64, 48, 0x336699))).hasSize(4);
    }
  }
}
