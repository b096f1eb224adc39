package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.testing.SharedData;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in model list: well-formed entries, and the local ones match shared/models. */
class ModelRegistryTest {

  @Test
  void namesTheResNetsAndMobileNets() {
    assertThat(ModelRegistry.names())
        .contains("resnet18-v1", "resnet18-v2", "resnet50-v1", "resnet50-v2", "mobilenetv2-7",
            "mobilenetv2-12-int8", "mobilenetv2-int8-st");
  }

  @Test
  void everyEntryPinsACommitAndFetchesTheFileItNames() {
    for (KnownModel model : ModelRegistry.all()) {
      assertThat(model.url().getScheme()).as(model.name()).isEqualTo("https");
      assertThat(model.url().getPath()).as(model.name()).endsWith("/" + model.fileName())
          .containsPattern("/raw/[0-9a-f]{40}/");
      assertThat(model.sha256()).as(model.name()).matches("[0-9a-f]{64}");
      assertThat(model.preprocessing().size()).as(model.name()).hasValue(224);
    }
    assertThat(ModelRegistry.get("resnet50-v2").preprocessing())
        .isEqualTo(Preprocessing.torchvision().withSize(224));
  }

  @Test
  void theLocalModelsHashesAreThoseOfSharedModels() throws Exception {
    Map<String, String> sums = new HashMap<>();
    for (String line : Files.readAllLines(SharedData.root().resolve("models/SHA256SUMS"),
        StandardCharsets.UTF_8)) {
      String[] parts = line.trim().split("\\s+");
      sums.put(parts[1].substring(parts[1].lastIndexOf('/') + 1), parts[0]);
    }
    for (String name : List.of("mobilenetv2-12-int8", "mobilenetv2-int8-st")) {
      KnownModel model = ModelRegistry.get(name);
      assertThat(model.sha256()).as(name).isEqualTo(sums.get(model.fileName()));
    }
  }

  @Test
  void theLocalModelsBuildWithTheirRegistrySettings() throws Exception {
    ModelCache offline = ModelCache.builder()
        .offlineDirectory(SharedData.root().resolve("models")).build();
    for (String name : List.of("mobilenetv2-12-int8", "mobilenetv2-int8-st")) {
      KnownModel model = ModelRegistry.get(name);
      try (OnnxImageEmbedder embedder = model.newEmbedder(offline)) {
        assertThat(embedder.dimension()).as(name).isEqualTo(1280);
        assertThat(embedder.preprocessing()).as(name).isEqualTo(model.preprocessing());
        assertThat(embedder.modelSha256()).as(name).isEqualTo(model.sha256());
        model.embeddingTensor().ifPresent(
            tensor -> assertThat(embedder.embeddingTensor()).as(name).isEqualTo(tensor));
      }
    }
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> ModelRegistry.get("resnet-9000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resnet-9000")
        .hasMessageContaining("resnet18-v1");
  }

  @Test
  void knownModelValidatesItsFields() {
    URI url = URI.create("https://example.org/m.onnx");
    String sha = "a".repeat(64);
    Preprocessing pre = Preprocessing.torchvision();
    assertThatThrownBy(() -> new KnownModel("Bad Name", "d", url, "m.onnx", sha, pre, null))
        .hasMessageContaining("Bad Name");
    assertThatThrownBy(() -> new KnownModel("m", "d", URI.create("ftp://x/m.onnx"), "m.onnx", sha,
        pre, null)).hasMessageContaining("ftp://x/m.onnx");
    assertThatThrownBy(() -> new KnownModel("m", "d", url, "../m.onnx", sha, pre, null))
        .hasMessageContaining("../m.onnx");
    assertThatThrownBy(() -> new KnownModel("m", "d", url, "m.onnx", "ABC", pre, null))
        .hasMessageContaining("ABC");
    assertThatThrownBy(() -> new KnownModel("m", "d", url, "m.onnx", sha, pre, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
