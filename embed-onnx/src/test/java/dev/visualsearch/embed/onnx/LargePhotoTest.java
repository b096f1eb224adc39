package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.testing.SharedData;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * A 4000-pixel copy of a photo (formats/large-4000px.jpg, the cat of baseline.jpg enlarged about
 * 9 times) embeds like the 451-pixel original: the resampler goes from 4000 pixels to 224 in one
 * antialiased step. (The copy holds no detail finer than the original, so this pins the geometry
 * across scales; aliasing itself is pinned by the synthetic checkerboard test.)
 */
class LargePhotoTest {

  @Test
  void aFourThousandPixelCopyEmbedsLikeTheOriginal() throws Exception {
    BufferedImage original = TestImages.read("formats/baseline.jpg");
    BufferedImage large = TestImages.read("formats/large-4000px.jpg");
    try (OnnxImageEmbedder embedder =
        OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).build()) {
      double cosine = dot(embedder.embed(original), embedder.embed(large));
      System.out.printf("cosine between the %dx%d original and the %dx%d copy: %.4f%n",
          original.getWidth(), original.getHeight(), large.getWidth(), large.getHeight(), cosine);
      // Observed 0.985 on the development machine.
      assertThat(cosine).isGreaterThan(0.95);
    }
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
