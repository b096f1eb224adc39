package dev.visualsearch.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.visualsearch.testing.SyntheticImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What each op does to pixels, on images whose right answer is known. */
class ImageOpsTest {

  private static final SplittableRandom ANY = new SplittableRandom(1);

  @Test
  void flippingMirrorsAndTwiceIsTheIdentity() {
    BufferedImage image = TestPictures.pattern(31, 17, TestPictures.seed("flip"));
    BufferedImage once = ImageOps.flipHorizontal().apply(image, ANY);
    assertThat(once.getRGB(0, 5)).isEqualTo(image.getRGB(30, 5));
    assertThat(once.getRGB(30, 16)).isEqualTo(image.getRGB(0, 16));
    assertThat(TestPictures.rgb(ImageOps.flipHorizontal().apply(once, ANY))).isEqualTo(TestPictures.rgb(image));
  }

  @Test
  void rotatingByZeroIsTheIdentityAndByNinetyMovesCornersWithFilledGaps() {
    BufferedImage image = TestPictures.pattern(20, 20, TestPictures.seed("rotate"));
    assertThat(TestPictures.rgb(ImageOps.rotate(0, 0).apply(image, ANY))).isEqualTo(TestPictures.rgb(image));

    BufferedImage quadrants = SyntheticImages.quadrants(20, Color.RED, Color.GREEN, Color.BLUE, Color.WHITE);
    BufferedImage turned = ImageOps.rotate(90, 90).apply(quadrants, ANY);
    // Clockwise: the top-left quadrant moves to the top right.
    assertThat(turned.getRGB(15, 4) & 0xFFFFFF).isEqualTo(0xFF0000);
    assertThat(turned.getRGB(4, 4) & 0xFFFFFF).isEqualTo(0x0000FF);

    BufferedImage wide = SyntheticImages.solid(40, 10, Color.WHITE);
    BufferedImage filled = ImageOps.rotate(90, 90, 0x336699).apply(wide, ANY);
    assertThat(filled.getWidth()).isEqualTo(40);
    assertThat(filled.getRGB(0, 5) & 0xFFFFFF).isEqualTo(0x336699);
    assertThat(filled.getRGB(20, 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }

  @Test
  void blurKeepsFlatAreasAndSmoothsEdges() {
    BufferedImage flat = SyntheticImages.solid(16, 16, new Color(10, 200, 90));
    assertThat(TestPictures.rgb(ImageOps.gaussianBlur(2, 2).apply(flat, ANY))).containsOnly(0x0AC85A | 0xFF000000);
    BufferedImage halves = SyntheticImages.quadrants(16, Color.BLACK, Color.WHITE, Color.BLACK, Color.WHITE);
    BufferedImage blurred = ImageOps.gaussianBlur(1.5, 1.5).apply(halves, ANY);
    int edge = blurred.getRGB(8, 4) & 0xFF;
    assertThat(edge).isBetween(100, 230);
    assertThat(blurred.getRGB(0, 4) & 0xFF).isLessThan(5);
  }

  @Test
  void noiseHasTheRequestedStandardDeviationAndIsTheSameInAllChannelsByDefault() {
    long seed = TestPictures.seed("noise");
    BufferedImage gray = SyntheticImages.solid(100, 100, new Color(128, 128, 128));
    BufferedImage noisy = ImageOps.gaussianNoise(10, 10).apply(gray, new SplittableRandom(seed));
    double sum = 0;
    double squares = 0;
    for (int rgb : TestPictures.rgb(noisy)) {
      int r = (rgb >> 16) & 0xFF;
      assertThat((rgb >> 8) & 0xFF).isEqualTo(r);
      assertThat(rgb & 0xFF).isEqualTo(r);
      sum += r - 128;
      squares += (r - 128) * (r - 128);
    }
    double n = 100 * 100;
    assertThat(sum / n).isCloseTo(0, within(0.5));
    assertThat(Math.sqrt(squares / n)).isCloseTo(10, within(0.5));

    BufferedImage colourNoise = ImageOps.gaussianNoise(10, 10, true).apply(gray, new SplittableRandom(seed));
    long differing = java.util.Arrays.stream(TestPictures.rgb(colourNoise))
        .filter(rgb -> ((rgb >> 16) & 0xFF) != (rgb & 0xFF)).count();
    assertThat(differing).isGreaterThan(9000);
  }

  @Test
  void multiplyScalesEveryValueAndClamps() {
    BufferedImage image = SyntheticImages.solid(4, 4, new Color(100, 200, 51));
    assertThat(ImageOps.multiply(0.5, 0.5).apply(image, ANY).getRGB(1, 1) & 0xFFFFFF).isEqualTo(50 << 16 | 100 << 8 | 26);
    assertThat(ImageOps.multiply(2, 2).apply(image, ANY).getRGB(1, 1) & 0xFFFFFF).isEqualTo(200 << 16 | 255 << 8 | 102);
  }

  @Test
  void grayscaleUsesRec601Luma() {
    BufferedImage red = SyntheticImages.solid(3, 3, Color.RED);
    assertThat(ImageOps.grayscale().apply(red, ANY).getRGB(0, 0) & 0xFFFFFF).isEqualTo(76 << 16 | 76 << 8 | 76);
  }

  @Test
  void cropsKeepTheRequestedRegion() {
    BufferedImage quadrants = SyntheticImages.quadrants(20, Color.RED, Color.GREEN, Color.BLUE, Color.WHITE);
    BufferedImage topRight = ImageOps.crop(0.5, 0, 0.5, 0.5).apply(quadrants, ANY);
    assertThat(topRight.getWidth()).isEqualTo(10);
    assertThat(TestPictures.rgb(topRight)).containsOnly(0xFF00FF00);
    BufferedImage centre = ImageOps.centerCrop(0.5).apply(quadrants, ANY);
    assertThat(centre.getWidth()).isEqualTo(10);
    assertThat(centre.getRGB(0, 0)).isEqualTo(quadrants.getRGB(5, 5));
    BufferedImage tiny = ImageOps.crop(0.99, 0.99, 0.01, 0.01).apply(quadrants, ANY);
    assertThat(tiny.getWidth()).isEqualTo(1);
    assertThat(tiny.getHeight()).isEqualTo(1);
  }

  @Test
  void randomResizedCropOfTheWholeImageIsTheIdentityAndOtherwiseKeepsTheOutputSize() {
    long seed = TestPictures.seed("random resized crop");
    BufferedImage image = TestPictures.pattern(40, 20, seed);
    BufferedImage whole = ImageOps.randomResizedCrop(1, 1, 2, 2).apply(image, new SplittableRandom(seed));
    assertThat(TestPictures.rgb(whole)).isEqualTo(TestPictures.rgb(image));
    for (long s = seed; s < seed + 20; s++) {
      BufferedImage out = ImageOps.randomResizedCrop(0.08, 1, 0.75, 4 / 3.0).apply(image, new SplittableRandom(s));
      assertThat(out.getWidth()).isEqualTo(40);
      assertThat(out.getHeight()).isEqualTo(20);
      BufferedImage square = ImageOps.randomResizedCrop(0.08, 1, 0.75, 4 / 3.0, 16).apply(image, new SplittableRandom(s));
      assertThat(square.getWidth()).isEqualTo(16);
      assertThat(square.getHeight()).isEqualTo(16);
    }
  }

  @Test
  void resizingAveragesWhenShrinkingAndKeepsFlatColours() {
    BufferedImage flat = SyntheticImages.solid(33, 21, new Color(12, 34, 56));
    BufferedImage smaller = ImageOps.resize(7, 5).apply(flat, ANY);
    assertThat(TestPictures.rgb(smaller)).containsOnly(0xFF0C2238);
    BufferedImage larger = ImageOps.scale(2.5).apply(flat, ANY);
    assertThat(larger.getWidth()).isEqualTo(83);
    assertThat(TestPictures.rgb(larger)).containsOnly(0xFF0C2238);
    // A one-pixel checkerboard shrunk by 4 is mid-gray, not a sample of black or white (aliasing).
    BufferedImage checker = new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        checker.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0);
      }
    }
    BufferedImage shrunk = ImageOps.resize(16, 16).apply(checker, ANY);
    assertThat(shrunk.getRGB(8, 8) & 0xFF).isBetween(110, 145);
  }

  @Test
  void jpegLosesMoreAtLowerQuality() {
    BufferedImage image = TestPictures.pattern(64, 48, TestPictures.seed("jpeg"));
    double high = TestPictures.meanAbsoluteDifference(image, ImageOps.jpeg(95).apply(image, ANY));
    double low = TestPictures.meanAbsoluteDifference(image, ImageOps.jpeg(10).apply(image, ANY));
    assertThat(high).isGreaterThan(0).isLessThan(low);
  }

  @Test
  void colourJitterWithoutAmountsIsTheIdentityAndHueLeavesGrayAlone() {
    BufferedImage image = TestPictures.pattern(20, 20, TestPictures.seed("jitter"));
    assertThat(TestPictures.rgb(ImageOps.colorJitter(0, 0, 0, 0).apply(image, ANY))).isEqualTo(TestPictures.rgb(image));
    BufferedImage gray = SyntheticImages.solid(5, 5, new Color(90, 90, 90));
    assertThat(TestPictures.rgb(ImageOps.colorJitter(0, 0, 0, 0.5).apply(gray, new SplittableRandom(3))))
        .containsOnly(0xFF5A5A5A);
    BufferedImage red = SyntheticImages.solid(5, 5, Color.RED);
    BufferedImage shifted = ImageOps.colorJitter(0, 0, 0, 0.5).apply(red, new SplittableRandom(3));
    assertThat(shifted.getRGB(2, 2) & 0xFFFFFF).isNotEqualTo(0xFF0000);
  }

  @Test
  void invalidParametersAreRefusedWithTheValue() {
    assertThatThrownBy(() -> ImageOps.rotate(20, -20)).hasMessage("rotation (degrees): minimum 20.0 is above maximum -20.0");
    assertThatThrownBy(() -> ImageOps.rotate(Double.NaN, 1)).hasMessageContaining("finite");
    assertThatThrownBy(() -> ImageOps.gaussianBlur(-1, 2)).hasMessage("blur sigma must lie in 0.0..50.0: -1.0..2.0");
    assertThatThrownBy(() -> ImageOps.gaussianNoise(5, 300)).hasMessageContaining("5.0..300.0");
    assertThatThrownBy(() -> ImageOps.multiply(-0.1, 1)).hasMessageContaining("brightness factor");
    assertThatThrownBy(() -> ImageOps.jpeg(0)).hasMessage("JPEG quality must be in 1..100: 0");
    assertThatThrownBy(() -> ImageOps.resize(0, 5)).hasMessage("width must be in 1..8192: 0");
    assertThatThrownBy(() -> ImageOps.scale(0)).hasMessage("scale factor must be in (0, 16]: 0.0");
    assertThatThrownBy(() -> ImageOps.crop(0.6, 0, 0.5, 1)).hasMessageContaining("left=0.6");
    assertThatThrownBy(() -> ImageOps.centerCrop(1.5)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> ImageOps.randomResizedCrop(0, 1, 0.75, 1.33)).hasMessage("crop area fraction must be above 0: 0.0");
    assertThatThrownBy(() -> ImageOps.colorJitter(0, 0, 0, 0.6)).hasMessageContaining("hue jitter");
    assertThatThrownBy(() -> ImageOps.flipHorizontal().apply(null, ANY)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ImageOps.flipHorizontal().apply(SyntheticImages.solid(1, 1, Color.RED), null))
        .isInstanceOf(NullPointerException.class);
  }
}
