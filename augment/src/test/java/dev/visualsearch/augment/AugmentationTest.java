package dev.visualsearch.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Pipelines: probabilities, seeds, the notebook's recipe. */
class AugmentationTest {

  @Test
  void probabilityZeroNeverRunsAndOneAlwaysRuns() {
    long seed = TestPictures.seed("probabilities");
    BufferedImage image = TestPictures.pattern(30, 20, seed);
    Augmentation never = Augmentation.builder().then(ImageOps.flipHorizontal(), 0).build();
    Augmentation always = Augmentation.builder().then(ImageOps.flipHorizontal(), 1).build();
    BufferedImage flipped = ImageOps.flipHorizontal().apply(image, new java.util.SplittableRandom(0));
    for (long s = seed; s < seed + 20; s++) {
      BufferedImage unchanged = never.apply(image, s);
      assertThat(unchanged).isNotSameAs(image);
      assertThat(TestPictures.rgb(unchanged)).isEqualTo(TestPictures.rgb(image));
      assertThat(TestPictures.rgb(always.apply(image, s))).isEqualTo(TestPictures.rgb(flipped));
    }
  }

  @Test
  void aHalfProbabilityRunsAboutHalfTheTime() {
    long seed = TestPictures.seed("half");
    BufferedImage image = TestPictures.pattern(8, 8, seed);
    Augmentation half = Augmentation.builder().then(ImageOps.flipHorizontal(), 0.5).build();
    int flipped = 0;
    for (long s = seed; s < seed + 400; s++) {
      flipped += half.apply(image, s).getRGB(0, 0) == image.getRGB(7, 0) ? 1 : 0;
    }
    assertThat(flipped).isBetween(160, 240);
  }

  @Test
  void theNotebookPipelineIsReproducibleAndChangesTheImage() {
    long seed = TestPictures.seed("notebook");
    BufferedImage image = TestPictures.pattern(64, 48, seed);
    Augmentation notebook = Augmentation.notebook();
    assertThat(notebook.describe())
        .isEqualTo("flip-horizontal p=0.5 -> rotate(-20.0..20.0 deg, fill=#000000) -> gaussian-blur(sigma=0.5..2.0)"
            + " -> gaussian-noise(scale=5.0..25.0) -> multiply(0.8..1.2)");
    int[] before = TestPictures.argb(image);
    BufferedImage a = notebook.apply(image, seed);
    BufferedImage b = notebook.apply(image, seed);
    assertThat(TestPictures.rgb(a)).isEqualTo(TestPictures.rgb(b));
    assertThat(TestPictures.argb(image)).isEqualTo(before);
    assertThat(TestPictures.meanAbsoluteDifference(image, a)).isGreaterThan(3);
    assertThat(TestPictures.rgb(notebook.apply(image, seed + 1))).isNotEqualTo(TestPictures.rgb(a));
  }

  @Test
  void badProbabilitiesAreRefused() {
    assertThatThrownBy(() -> Augmentation.builder().then(ImageOps.grayscale(), 1.5))
        .hasMessage("probability of grayscale must be in [0, 1]: 1.5");
    assertThatThrownBy(() -> Augmentation.builder().then(ImageOps.grayscale(), Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Augmentation.builder().build().describe()).isEqualTo("identity");
  }
}
