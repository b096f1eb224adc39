package dev.visualsearch.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrientationTest {

  /**
   * Stored pixels, 3 wide and 2 high, one letter each:
   *
   * <pre>
   *   a b c
   *   d e f
   * </pre>
   *
   * Expected upright rows for each EXIF orientation, written out by hand from the EXIF
   * definitions (e.g. 6: "row 0 is the visual right-hand side, column 0 the visual top").
   */
  @ParameterizedTest(name = "orientation {0} -> {1}")
  @CsvSource({
    "1, abc/def",
    "2, cba/fed",
    "3, fed/cba",
    "4, def/abc",
    "5, ad/be/cf",
    "6, da/eb/fc",
    "7, fc/eb/da",
    "8, cf/be/ad"
  })
  void movesEveryPixelWhereTheExifDefinitionSays(int orientation, String expected) {
    BufferedImage stored = lettered("abc/def");

    BufferedImage upright = Orientation.apply(stored, orientation);

    assertThat(letters(upright)).isEqualTo(expected);
    assertThat(upright.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
    assertThat(RgbConversion.isPackedBgr(upright)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 0, -1, 9, 65535})
  void orientationOneAndUnknownValuesReturnTheSameImage(int orientation) {
    BufferedImage stored = lettered("abc/def");

    assertThat(Orientation.apply(stored, orientation)).isSameAs(stored);
  }

  @Test
  void transformsUndoEachOtherOnALargerOddSizedImage() {
    long seed = System.nanoTime();
    System.out.println("OrientationTest seed " + seed);
    BufferedImage stored = random(37, 23, new Random(seed));
    int[] original = TestImages.pixels(stored);

    // Mirrors, 180°, transpose and transverse are their own inverses; 6 and 8 undo each other.
    int[][] inversePairs = {{2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 8}, {7, 7}, {8, 6}};
    for (int[] pair : inversePairs) {
      BufferedImage there = Orientation.apply(stored, pair[0]);
      BufferedImage back = Orientation.apply(there, pair[1]);
      assertThat(back.getWidth()).as("seed %d, %s", seed, pair[0]).isEqualTo(37);
      assertThat(TestImages.pixels(back)).as("seed %d, orientation %d then %d", seed, pair[0],
          pair[1]).isEqualTo(original);
    }
    // Four quarter turns clockwise are the identity.
    BufferedImage turned = stored;
    for (int i = 0; i < 4; i++) {
      turned = Orientation.apply(turned, 6);
    }
    assertThat(TestImages.pixels(turned)).as("seed %d", seed).isEqualTo(original);
  }

  /** A TYPE_3BYTE_BGR image whose pixel colours encode letters: red = letter, green/blue fixed. */
  static BufferedImage lettered(String rows) {
    String[] lines = rows.split("/");
    BufferedImage image =
        new BufferedImage(lines[0].length(), lines.length, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < lines.length; y++) {
      for (int x = 0; x < lines[y].length(); x++) {
        image.setRGB(x, y, lines[y].charAt(x) << 16 | 0x00_11_22);
      }
    }
    return image;
  }

  static String letters(BufferedImage image) {
    StringBuilder out = new StringBuilder();
    for (int y = 0; y < image.getHeight(); y++) {
      if (y > 0) {
        out.append('/');
      }
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        assertThat(rgb & 0xFFFF).as("green and blue of (%d, %d)", x, y).isEqualTo(0x1122);
        out.append((char) (rgb >> 16 & 0xFF));
      }
    }
    return out.toString();
  }

  private static BufferedImage random(int w, int h, Random random) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return image;
  }
}
