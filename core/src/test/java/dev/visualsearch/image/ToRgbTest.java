package dev.visualsearch.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageDecoder#toRgb} on hand-built images of every common type, with expected values
 * worked out by hand. Compositing over white is {@code 255·(c·α + 1 − α)} rounded, e.g. c = 100,
 * α = 51/255: (100·51 + 255·204) / 255 = 224 exactly.
 */
class ToRgbTest {

  @Test
  void returnsTheSameInstanceForThreeByteBgr() {
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_3BYTE_BGR);

    assertThat(ImageDecoder.toRgb(image)).isSameAs(image);
  }

  @Test
  void intArgbIsCompositedOverWhite() {
    BufferedImage image = new BufferedImage(5, 1, BufferedImage.TYPE_INT_ARGB);
    image.setRGB(0, 0, 0xFF_FF0000); // opaque red
    image.setRGB(1, 0, 0x00_000000); // fully transparent black
    image.setRGB(2, 0, 0x00_FF00FF); // fully transparent magenta: colour under alpha 0 ignored
    image.setRGB(3, 0, 0x80_000000); // half-transparent black: 255 · 127/255 = 127
    image.setRGB(4, 0, 0x33_6496C8); // alpha 51 over (100, 150, 200)

    BufferedImage rgb = converted(image);

    assertPixels(rgb, 0xFF0000, 0xFFFFFF, 0xFFFFFF, 0x7F7F7F, rgbOf(224, 234, 244));
  }

  @Test
  void intArgbPremultipliedIsCompositedOverWhite() {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB_PRE);
    WritableRaster raster = image.getRaster();
    // Stored premultiplied (R, G, B, A) = (128, 0, 64, 128): over white each channel gains
    // 255 · (1 − 128/255) = 127, giving (255, 127, 191).
    raster.setPixel(0, 0, new int[] {128, 0, 64, 128});
    raster.setPixel(1, 0, new int[] {0, 0, 0, 0});

    assertPixels(converted(image), rgbOf(255, 127, 191), 0xFFFFFF);
  }

  @Test
  void intRgbIsCopiedExactly() {
    BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 0x010203);
    image.setRGB(1, 0, 0xFEFDFC);
    image.setRGB(2, 0, 0x7F8081);

    assertPixels(converted(image), 0x010203, 0xFEFDFC, 0x7F8081);
  }

  @Test
  void byteGrayKeepsItsValuesWithoutBrightening() {
    BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setPixels(0, 0, 4, 1, new int[] {0, 37, 128, 255});

    BufferedImage rgb = converted(image);

    // Through the linear gray colour space getRGB would say 128 -> 188.
    assertThat(image.getRGB(2, 0) & 0xFF).isGreaterThan(180);
    assertPixels(rgb, 0x000000, gray(37), gray(128), gray(255));
  }

  @Test
  void ushortGrayIsRoundedToTheNearestEightBitValue() {
    BufferedImage image = new BufferedImage(7, 1, BufferedImage.TYPE_USHORT_GRAY);
    // 128/257 = 0.498 -> 0; 129/257 = 0.502 -> 1; 128·257 -> 128; 32767/257 = 127.5 - 0.002 -> 127
    image.getRaster().setPixels(0, 0, 7, 1, new int[] {0, 128, 129, 257, 128 * 257, 32767, 65535});

    assertPixels(converted(image), gray(0), gray(0), gray(1), gray(1), gray(128), gray(127),
        gray(255));
  }

  @Test
  void grayWithAlphaIsCompositedOverWhite() {
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
        true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
    BufferedImage image = new BufferedImage(cm, cm.createCompatibleWritableRaster(3, 1), false,
        null);
    image.getRaster().setPixels(0, 0, 3, 1, new int[] {100, 255, 100, 0, 0, 128});

    assertPixels(converted(image), gray(100), 0xFFFFFF, gray(127));
  }

  @Test
  void fourByteAbgrIsCompositedOverWhite() {
    BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_4BYTE_ABGR);
    image.setRGB(0, 0, 0xFF_0A141E);
    image.setRGB(1, 0, 0x00_123456);
    image.setRGB(2, 0, 0x33_6496C8);

    assertPixels(converted(image), 0x0A141E, 0xFFFFFF, rgbOf(224, 234, 244));
  }

  @Test
  void byteIndexedLooksUpThePaletteAndCompositesItsAlpha() {
    byte[] r = {(byte) 255, 0, 0, 100};
    byte[] g = {0, (byte) 255, 0, (byte) 150};
    byte[] b = {0, 0, (byte) 255, (byte) 200};
    byte[] a = {(byte) 255, (byte) 255, 0, 51};
    IndexColorModel palette = new IndexColorModel(8, 4, r, g, b, a);
    BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
    image.getRaster().setPixels(0, 0, 4, 1, new int[] {0, 1, 2, 3});

    assertPixels(converted(image), 0xFF0000, 0x00FF00, 0xFFFFFF, rgbOf(224, 234, 244));
  }

  @Test
  void byteBinaryUsesItsTwoColours() {
    BufferedImage image = new BufferedImage(9, 1, BufferedImage.TYPE_BYTE_BINARY);
    image.getRaster().setPixels(0, 0, 9, 1, new int[] {0, 1, 1, 0, 0, 0, 0, 0, 1});

    assertPixels(converted(image), 0, 0xFFFFFF, 0xFFFFFF, 0, 0, 0, 0, 0, 0xFFFFFF);
  }

  @Test
  void custom16BitRgbIsRoundedToEightBits() {
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
        false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    BufferedImage image = new BufferedImage(cm, cm.createCompatibleWritableRaster(2, 1), false,
        null);
    assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_CUSTOM);
    image.getRaster().setPixels(0, 0, 2, 1, new int[] {65535, 0, 128 * 257, 129, 128, 65534});

    assertPixels(converted(image), rgbOf(255, 0, 128), rgbOf(1, 0, 255));
  }

  @Test
  void custom16BitRgbaIsCompositedOverWhite() {
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
        true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
    BufferedImage image = new BufferedImage(cm, cm.createCompatibleWritableRaster(3, 1), false,
        null);
    // α = 51·257 is the same fraction as 51/255, so (100, 150, 200)·257 gives (224, 234, 244).
    image.getRaster().setPixels(0, 0, 3, 1, new int[] {
        100 * 257, 150 * 257, 200 * 257, 51 * 257,
        65535, 0, 0, 0,
        1000, 2000, 3000, 65535});

    assertPixels(converted(image), rgbOf(224, 234, 244), 0xFFFFFF, rgbOf(4, 8, 12));
  }

  @Test
  void ushort565IsScaledToEightBits() {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_565_RGB);
    image.getRaster().setPixel(0, 0, new int[] {31, 63, 31});
    image.getRaster().setPixel(1, 0, new int[] {16, 32, 1}); // 16·255/31 = 131.6; 32·255/63 = 129.5

    assertPixels(converted(image), 0xFFFFFF, rgbOf(132, 130, 8));
  }

  @Test
  void otherColourSpacesAreColourConverted() {
    ComponentColorModel cm = new ComponentColorModel(
        ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB), false, false, Transparency.OPAQUE,
        DataBuffer.TYPE_BYTE);
    BufferedImage image = new BufferedImage(cm, cm.createCompatibleWritableRaster(1, 1), false,
        null);
    image.getRaster().setPixel(0, 0, new int[] {0, 128, 255});

    int[] rgb = TestImages.rgb(converted(image), 0, 0);

    // Linear 0.5 is sRGB 0.735, i.e. 188; the colour management rounds within a level or two.
    assertThat(rgb[0]).isBetween(0, 2);
    assertThat(rgb[1]).isBetween(186, 190);
    assertThat(rgb[2]).isBetween(253, 255);
  }

  @Test
  void otherColourSpacesWithAlphaAreConvertedThenComposited() {
    ComponentColorModel cm = new ComponentColorModel(
        ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB), true, false, Transparency.TRANSLUCENT,
        DataBuffer.TYPE_BYTE);
    BufferedImage image = new BufferedImage(cm, cm.createCompatibleWritableRaster(2, 1), false,
        null);
    image.getRaster().setPixels(0, 0, 2, 1, new int[] {255, 0, 0, 0, 0, 0, 0, 255});

    BufferedImage rgb = converted(image);

    assertThat(TestImages.rgb(rgb, 0, 0)).containsExactly(255, 255, 255);
    assertThat(TestImages.rgb(rgb, 1, 0)).containsExactly(0, 0, 0);
  }

  @Test
  void aSubImageViewIsThreeByteBgrButNotPacked() {
    BufferedImage whole = new BufferedImage(4, 3, BufferedImage.TYPE_3BYTE_BGR);
    for (int i = 0; i < 12; i++) {
      whole.setRGB(i % 4, i / 4, i * 0x0A0B0C);
    }
    BufferedImage view = whole.getSubimage(1, 1, 2, 2);

    BufferedImage packed = RgbConversion.packedCopy(view);

    assertThat(RgbConversion.isPackedBgr(view)).isFalse();
    assertThat(RgbConversion.isPackedBgr(whole)).isTrue();
    assertThat(RgbConversion.isPackedBgr(packed)).isTrue();
    assertThat(TestImages.pixels(packed)).containsExactly(TestImages.pixels(view));
  }

  @Test
  void rejectsNull() {
    assertThatNullPointerException().isThrownBy(() -> ImageDecoder.toRgb(null));
  }

  private static BufferedImage converted(BufferedImage image) {
    BufferedImage rgb = ImageDecoder.toRgb(image);
    assertThat(rgb).isNotSameAs(image);
    assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
    assertThat(RgbConversion.isPackedBgr(rgb)).isTrue();
    assertThat(rgb.getWidth()).isEqualTo(image.getWidth());
    assertThat(rgb.getHeight()).isEqualTo(image.getHeight());
    return rgb;
  }

  private static void assertPixels(BufferedImage rgb, int... expected) {
    int[] actual = TestImages.pixels(rgb);
    String[] hexActual = new String[actual.length];
    String[] hexExpected = new String[expected.length];
    for (int i = 0; i < actual.length; i++) {
      hexActual[i] = String.format("%06x", actual[i]);
    }
    for (int i = 0; i < expected.length; i++) {
      hexExpected[i] = String.format("%06x", expected[i]);
    }
    assertThat(hexActual).containsExactly(hexExpected);
  }

  private static int rgbOf(int r, int g, int b) {
    return r << 16 | g << 8 | b;
  }

  private static int gray(int v) {
    return rgbOf(v, v, v);
  }
}
