package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visualsearch.image.DecodedImage;
import dev.visualsearch.image.ImageDecoder;
import dev.visualsearch.image.ImageLoader;
import dev.visualsearch.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReducedSizeImageLoaderTest {

  private static OnnxImageEmbedder embedder;

  @BeforeAll
  static void load() throws IOException {
    embedder = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).build();
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  @Test
  void aLargeJpegIsDecodedSmallButKeepsItsSizeAndItsVector() throws IOException {
    assumeTrue(ScaledImageDecoder.create(ImageDecoder.defaults()).usesTurboJpeg(),
        ScaledImageDecoder.turboJpegStatus());
    ImageLoader loader = embedder.imageLoader();
    Path large = SharedData.data("formats/large-4000px.jpg");

    DecodedImage reduced = loader.load(large);
    DecodedImage full = ImageDecoder.defaults().load(large);

    assertThat(loader.description()).isEqualTo("reduced-jpeg(min-short-side=256)");
    assertThat(reduced.originalWidth()).isEqualTo(full.image().getWidth());
    assertThat(reduced.originalHeight()).isEqualTo(full.image().getHeight());
    int shortSide = Math.min(reduced.image().getWidth(), reduced.image().getHeight());
    assertThat(shortSide).isBetween(256, 2 * 256);
    double cosine = dot(embedder.embed(reduced.image()), embedder.embed(full.image()));
    System.out.printf("4000 px JPEG: reduced to %dx%d, cosine to the full decode %.4f%n",
        reduced.image().getWidth(), reduced.image().getHeight(), cosine);
    assertThat(cosine).isGreaterThan(0.95);

    try (InputStream in = Files.newInputStream(large)) {
      DecodedImage fromStream = loader.load(in, "upload.jpg");
      assertThat(fromStream.image().getWidth()).isEqualTo(reduced.image().getWidth());
    }
  }

  @Test
  void anExifRotatedJpegReportsItsUprightSize() throws IOException {
    assumeTrue(ScaledImageDecoder.create(ImageDecoder.defaults()).usesTurboJpeg(),
        ScaledImageDecoder.turboJpegStatus());
    Path rotated = SharedData.data("formats/exif-orientation-6.jpg");
    DecodedImage decoded = embedder.imageLoader().load(rotated);
    DecodedImage full = ImageDecoder.defaults().load(rotated);
    assertThat(decoded.originalWidth()).isEqualTo(full.originalWidth());
    assertThat(decoded.originalHeight()).isEqualTo(full.originalHeight());
    assertThat(decoded.image().getWidth() > decoded.image().getHeight())
        .isEqualTo(full.image().getWidth() > full.image().getHeight());
  }

  @Test
  void otherFormatsAreDecodedAtFullSize() throws IOException {
    Path png = SharedData.data("formats/rgb.png");
    DecodedImage decoded = embedder.imageLoader().load(png);
    assertThat(decoded.image().getWidth()).isEqualTo(decoded.originalWidth()).isEqualTo(451);
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
