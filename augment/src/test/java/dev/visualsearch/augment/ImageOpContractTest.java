package dev.visualsearch.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every op promises: inputs untouched, a new BGR image, the same pixels for the same seed. */
class ImageOpContractTest {

  static Stream<Arguments> ops() {
    return Stream.of(
        Arguments.of(ImageOps.flipHorizontal(), false),
        Arguments.of(ImageOps.rotate(-20, 20), true),
        Arguments.of(ImageOps.gaussianBlur(0.5, 2), true),
        Arguments.of(ImageOps.gaussianNoise(5, 25), true),
        Arguments.of(ImageOps.gaussianNoise(5, 25, true), true),
        Arguments.of(ImageOps.multiply(0.8, 1.2), true),
        Arguments.of(ImageOps.randomResizedCrop(0.08, 1, 3 / 4.0, 4 / 3.0), true),
        Arguments.of(ImageOps.randomResizedCrop(0.5, 1, 0.5, 2, 24), true),
        Arguments.of(ImageOps.crop(0.1, 0.2, 0.5, 0.6), false),
        Arguments.of(ImageOps.centerCrop(0.875), false),
        Arguments.of(ImageOps.resize(17, 9), false),
        Arguments.of(ImageOps.scale(0.37), false),
        Arguments.of(ImageOps.jpeg(50), false),
        Arguments.of(ImageOps.colorJitter(0.4, 0.4, 0.4, 0.1), true),
        Arguments.of(ImageOps.grayscale(), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ops")
  void neverModifiesItsInputAndReturnsANewBgrImage(ImageOp op, boolean random) {
    long seed = TestPictures.seed(op.describe());
    for (BufferedImage input :
        List.of(
            TestPictures.pattern(40, 30, seed),
            TestPictures.withAlpha(33, 21, seed),
            TestPictures.gray(20, 25),
            TestPictures.pattern(60, 60, seed).getSubimage(5, 7, 31, 29))) {
      int[] before = TestPictures.argb(input);
      BufferedImage output = op.apply(input, new SplittableRandom(seed));
      assertThat(TestPictures.argb(input)).as("input of %s", op.describe()).isEqualTo(before);
      assertThat(output).isNotSameAs(input);
      assertThat(output.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
      assertThat(output.getRaster().getDataBuffer()).isNotSameAs(input.getRaster().getDataBuffer());
      // Writing into the output must not reach the input either.
      output.setRGB(0, 0, 0x123456);
      assertThat(TestPictures.argb(input)).isEqualTo(before);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ops")
  void theSameSeedGivesTheSamePixelsAndOtherSeedsOtherPixels(ImageOp op, boolean random) {
    long seed = TestPictures.seed(op.describe());
    BufferedImage input = TestPictures.pattern(48, 36, seed);
    int[] first = TestPictures.rgb(op.apply(input, new SplittableRandom(seed)));
    int[] again = TestPictures.rgb(op.apply(input, new SplittableRandom(seed)));
    assertThat(again).isEqualTo(first);
    if (random) {
      boolean anyDifferent = false;
      for (long other = seed + 1; other < seed + 6 && !anyDifferent; other++) {
        BufferedImage otherImage = op.apply(input, new SplittableRandom(other));
        anyDifferent = !java.util.Arrays.equals(TestPictures.rgb(otherImage), first);
      }
      assertThat(anyDifferent).as("%s varies with the seed", op.describe()).isTrue();
    }
  }
}
