package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.embed.onnx.Preprocessing.Encoding;
import dev.visualsearch.embed.onnx.Preprocessing.Geometry;
import dev.visualsearch.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The fingerprint changes with everything that changes the vectors, and only with that. */
class FingerprintTest {

  @Test
  void namesModelTensorPreprocessingAndNormalisation() throws Exception {
    try (OnnxImageEmbedder zoo = build(SharedData.mobileNetV2Zoo(), null, true)) {
      assertThat(zoo.fingerprint())
          .isEqualTo("onnx:sha256=" + zoo.modelSha256() + ";tensor=464_quantized_dequantized;pre="
              + "center-crop(resize=256,crop=224);mean-std(0.485,0.456,0.406/0.229,0.224,0.225)"
              + ";l2=true");
      assertThat(zoo.modelSha256()).hasSize(64).matches("[0-9a-f]+");
    }
  }

  @Test
  void differsBetweenModelsNormalisationsAndPreprocessings() throws Exception {
    Path zooPath = SharedData.mobileNetV2Zoo();
    try (OnnxImageEmbedder zoo = build(zooPath, null, true);
        OnnxImageEmbedder zooAgain = build(zooPath, null, true);
        OnnxImageEmbedder st = build(SharedData.mobileNetV2St(), null, true);
        OnnxImageEmbedder zooRaw = build(zooPath, null, false);
        OnnxImageEmbedder zooSquash =
            build(zooPath, Preprocessing.of(Geometry.SQUASH, Encoding.IMAGENET_MEAN_STD), true);
        OnnxImageEmbedder zooKeras = build(zooPath, Preprocessing.keras(), true)) {
      assertThat(zooAgain.fingerprint()).isEqualTo(zoo.fingerprint());
      assertThat(java.util.List.of(zoo, st, zooRaw, zooSquash, zooKeras))
          .extracting(OnnxImageEmbedder::fingerprint)
          .doesNotHaveDuplicates();
      assertThat(zooRaw.fingerprint()).endsWith(";l2=false");
      assertThat(zooSquash.fingerprint()).contains("pre=squash(size=224);");
    }
  }

  private static OnnxImageEmbedder build(Path model, Preprocessing preprocessing, boolean l2)
      throws Exception {
    OnnxImageEmbedder.Builder builder = OnnxImageEmbedder.builder(model).normalize(l2);
    if (preprocessing != null) {
      builder.preprocessing(preprocessing);
    }
    return builder.build();
  }
}
