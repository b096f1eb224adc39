package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.testing.SharedData;
import java.awt.image.BufferedImage;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Flip averaging and multi-scale views: what each vector is the mean of, and the fingerprint. */
class ImageViewsTest {

  @Test
  void flipAveragingIsTheMeanOfTheImageAndItsMirror() throws Exception {
    // Square: its centre crop is symmetric, so the crop of the mirror image is the mirror of the
    // crop (otherwise the half-to-even crop offset shifts them a pixel apart).
    BufferedImage photo = TestImages.read("photos/baboon.jpg");
    try (OnnxImageEmbedder plain = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).build();
        OnnxImageEmbedder flipped = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo())
            .flipAveraging(true).build()) {
      float[] expected = normalized(sum(plain.embed(photo), plain.embed(mirror(photo))));
      assertThat(flipped.embed(photo)).containsExactly(expected, Offset.offset(2e-3f));
      // Both views of an image are in one batch; batches of several images keep them apart.
      List<float[]> batch = flipped.embedAll(
          List.of(TestImages.read("photos/squirrel_cls.jpg"), photo,
              TestImages.read("pairs/box.png")));
      assertThat(batch.get(1)).containsExactly(expected, Offset.offset(2e-3f));
      assertThat(flipped.fingerprint()).isEqualTo(plain.fingerprint() + ";views=flip");
    }
  }

  @Test
  void multiScaleViewsOfAConstantImageAreThePlainVector() throws Exception {
    java.nio.file.Path model = java.nio.file.Files.createTempFile("resnet-shaped", ".onnx");
    try {
      java.nio.file.Files.write(model,
          TinyGraphs.resNetShaped(32, new TinyGraphs.ResNetWeights(11)).toByteArray());
      try (OnnxImageEmbedder plain = OnnxImageEmbedder.builder(model).build();
          OnnxImageEmbedder views = OnnxImageEmbedder.builder(model)
              .multiScale(true).flipAveraging(true).batchSize(3).build()) {
        BufferedImage constant = TestImages.constant(90, 50, TestImages.rgb(30, 160, 220));
        assertThat(views.embed(constant))
            .containsExactly(plain.embed(constant), Offset.offset(1e-5f));
        assertThat(views.fingerprint())
            .endsWith(";views=flip+zoom(0.875,1.0,1.25)");
      }
    } finally {
      java.nio.file.Files.deleteIfExists(model);
    }
  }

  @Test
  void multiScaleIsTheMeanOfTheZoomedRegions() throws Exception {
    BufferedImage photo = TestImages.read("photos/rocket.jpg"); // 640 x 427
    Preprocessing base = Preprocessing.torchvision();
    try (OnnxImageEmbedder plain = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).build();
        OnnxImageEmbedder scales = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo())
            .preprocessing(base).multiScale(true).build()) {
      // Zoom 0.875 of the 224-of-256 centre crop is the centred square of the whole short side.
      int side = 427;
      int left = (640 - side) / 2;
      BufferedImage whole = photo.getSubimage(left, 0, side, side);
      float[] zoomOut = plain.embed(whole);
      float[] crop = plain.embed(photo);
      float[] mean = scales.embed(photo);
      // The mean of three unit vectors lies within reach of the two computed here.
      double toZoomOut = dot(mean, zoomOut);
      double toCrop = dot(mean, crop);
      System.out.printf("multi-scale vs zoom 0.875: %.4f, vs plain crop: %.4f%n", toZoomOut,
          toCrop);
      assertThat(toZoomOut).isGreaterThan(0.8);
      assertThat(toCrop).isGreaterThan(0.8).isLessThan(0.9999);
    }
  }

  @Test
  void aFixedBatchModelRunsEveryView() throws Exception {
    java.nio.file.Path model =
        SharedData.model("mobilenetv1-0.5-128-st/mobilenet_v1_0.5_128_quant.onnx");
    BufferedImage photo = TestImages.read("photos/baboon.jpg");
    try (OnnxImageEmbedder plain = OnnxImageEmbedder.builder(model).build();
        OnnxImageEmbedder flipped = OnnxImageEmbedder.builder(model).flipAveraging(true).build()) {
      float[] expected = normalized(sum(plain.embed(photo), plain.embed(mirror(photo))));
      assertThat(flipped.embedAll(List.of(photo, photo)))
          .allSatisfy(v -> assertThat(v).containsExactly(expected, Offset.offset(2e-3f)));
    }
  }

  @Test
  void mirrorSwapsColumns() {
    float[] rgb = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    ImagePreprocessor.mirror(rgb, 2);
    assertThat(rgb).containsExactly(4, 5, 6, 1, 2, 3, 10, 11, 12, 7, 8, 9);
  }

  static BufferedImage mirror(BufferedImage image) {
    BufferedImage out =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        out.setRGB(image.getWidth() - 1 - x, y, image.getRGB(x, y));
      }
    }
    return out;
  }

  private static float[] sum(float[] a, float[] b) {
    float[] s = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      s[i] = a[i] + b[i];
    }
    return s;
  }

  private static float[] normalized(float[] v) {
    double n = Math.sqrt(dot(v, v));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / n);
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
