package dev.visualsearch.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EXIF orientation applied by {@link ImageDecoder#decode} to synthetic JPEG and PNG files. */
class ImageDecoderExifTest {

  private static final ImageDecoder DECODER = ImageDecoder.defaults();

  private static final int W = 64;
  private static final int H = 48;
  private static final Map<String, Integer> QUADRANT_COLOURS =
      Map.of("TL", 0xFF0000, "TR", 0x00FF00, "BL", 0x0000FF, "BR", 0xFFFF00);

  /**
   * For each orientation, where each corner of the upright picture is found in the stored pixels
   * (upright TL, TR, BL, BR), worked out from the EXIF definitions: e.g. for 6, "stored row 0 is
   * the visual right-hand side", so stored TL shows at upright TR.
   */
  @ParameterizedTest(name = "orientation {0}")
  @CsvSource({
    "1, TL, TR, BL, BR, II",
    "2, TR, TL, BR, BL, MM",
    "3, BR, BL, TR, TL, II",
    "4, BL, BR, TL, TR, MM",
    "5, TL, BL, TR, BR, II",
    "6, BL, TL, BR, TR, MM",
    "7, BR, TR, BL, TL, II",
    "8, TR, BR, TL, BL, MM"
  })
  void jpegWithEachOrientationComesOutUpright(int orientation, String tl, String tr, String bl,
      String br, String byteOrder) throws IOException {
    boolean swap = orientation >= 5;
    BufferedImage stored = quadrants(swap ? H : W, swap ? W : H,
        Map.of(tl, "TL", tr, "TR", bl, "BL", br, "BR"));
    ByteOrder order = byteOrder.equals("II") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    byte[] jpeg = TestImages.withJpegSegment(TestImages.jpeg(stored),
        TestImages.exifApp1(TestImages.tiffWithOrientation(order, 3, orientation)));

    BufferedImage upright = DECODER.decode(new ByteArrayInputStream(jpeg), "synthetic.jpg");

    assertThat(new int[] {upright.getWidth(), upright.getHeight()}).containsExactly(W, H);
    assertQuadrant(upright, W / 4, H / 4, "TL");
    assertQuadrant(upright, 3 * W / 4, H / 4, "TR");
    assertQuadrant(upright, W / 4, 3 * H / 4, "BL");
    assertQuadrant(upright, 3 * W / 4, 3 * H / 4, "BR");
  }

  @Test
  void pngExifChunkIsApplied() throws IOException {
    BufferedImage stored = OrientationTest.lettered("abc/def");
    byte[] png = TestImages.withPngChunk(TestImages.png(stored), "eXIf",
        TestImages.tiffWithOrientation(ByteOrder.BIG_ENDIAN, 3, 6));

    BufferedImage upright = DECODER.decode(new ByteArrayInputStream(png), "synthetic.png");

    assertThat(OrientationTest.letters(upright)).isEqualTo("da/eb/fc");
  }

  @Test
  void malformedExifIsIgnoredAndTheImageStillDecodes() throws IOException {
    BufferedImage stored = quadrants(W, H, Map.of("TL", "TL", "TR", "TR", "BL", "BL", "BR", "BR"));
    byte[] tiff = TestImages.tiffWithOrientation(ByteOrder.LITTLE_ENDIAN, 3, 6);
    ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 1 << 30); // IFD0 far away
    byte[] jpeg = TestImages.withJpegSegment(TestImages.jpeg(stored), TestImages.exifApp1(tiff));

    BufferedImage image = DECODER.decode(new ByteArrayInputStream(jpeg), "bad-exif.jpg");

    assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(W, H);
    assertQuadrant(image, W / 4, H / 4, "TL");
    assertQuadrant(image, 3 * W / 4, 3 * H / 4, "BR");
  }

  /** An image of four solid quadrants; {@code colourAt} maps stored corner to colour name. */
  private static BufferedImage quadrants(int w, int h, Map<String, String> colourAt) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    try {
      fill(g, colourAt.get("TL"), 0, 0, w / 2, h / 2);
      fill(g, colourAt.get("TR"), w / 2, 0, w / 2, h / 2);
      fill(g, colourAt.get("BL"), 0, h / 2, w / 2, h / 2);
      fill(g, colourAt.get("BR"), w / 2, h / 2, w / 2, h / 2);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void fill(Graphics2D g, String colour, int x, int y, int w, int h) {
    g.setColor(new Color(QUADRANT_COLOURS.get(colour)));
    g.fillRect(x, y, w, h);
  }

  /** JPEG keeps solid 16-pixel-aligned blocks within a few levels; 40 tells the colours apart. */
  private static void assertQuadrant(BufferedImage image, int x, int y, String colour) {
    int expected = QUADRANT_COLOURS.get(colour);
    int[] actual = TestImages.rgb(image, x, y);
    int[] wanted = {expected >> 16 & 0xFF, expected >> 8 & 0xFF, expected & 0xFF};
    for (int c = 0; c < 3; c++) {
      assertThat(actual[c]).as("channel %d at (%d, %d), expected %s", c, x, y, colour)
          .isCloseTo(wanted[c], within(40));
    }
  }
}
