package dev.visualsearch.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Pixel kinds the shared files do not cover, written as real files by the JDK's writers and read
 * back through {@link ImageDecoder#decode(java.io.InputStream, String)}.
 */
class ImageDecoderPixelsTest {

  private static final ImageDecoder DECODER = ImageDecoder.defaults();

  @Test
  void sixteenBitGrayPngIsRoundedAndNotBrightened() throws IOException {
    BufferedImage gray = new BufferedImage(5, 1, BufferedImage.TYPE_USHORT_GRAY);
    gray.getRaster().setPixels(0, 0, 5, 1, new int[] {0, 129, 128 * 257, 50_000, 65535});
    byte[] png = TestImages.png(gray);
    assertThat(png[24]).as("PNG bit depth").isEqualTo((byte) 16);
    assertThat(png[25]).as("PNG colour type gray").isEqualTo((byte) 0);

    BufferedImage image = decode(png);

    // 50000·255/65535 = 194.54 -> 195
    assertThat(TestImages.pixels(image))
        .containsExactly(gray(0), gray(1), gray(128), gray(195), gray(255));
  }

  @Test
  void eightBitGrayPngKeepsItsValues() throws IOException {
    BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setPixels(0, 0, 3, 1, new int[] {1, 128, 254});

    assertThat(TestImages.pixels(decode(TestImages.png(gray))))
        .containsExactly(gray(1), gray(128), gray(254));
  }

  @Test
  void grayAlphaPngIsCompositedOverWhite() throws IOException {
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
        true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
    BufferedImage grayAlpha = new BufferedImage(cm, cm.createCompatibleWritableRaster(3, 1),
        false, null);
    grayAlpha.getRaster().setPixels(0, 0, 3, 1, new int[] {100, 255, 100, 0, 0, 128});
    byte[] png = TestImages.png(grayAlpha);
    assertThat(png[25]).as("PNG colour type gray + alpha").isEqualTo((byte) 4);

    assertThat(TestImages.pixels(decode(png)))
        .containsExactly(gray(100), 0xFFFFFF, gray(127));
  }

  @Test
  void fullyTransparentRgbaPixelsBecomeWhite() throws IOException {
    BufferedImage rgba = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
    rgba.setRGB(0, 0, 0x00_FF0000); // transparent red: the colour must not show
    rgba.setRGB(1, 0, 0x00_000000);
    rgba.setRGB(2, 0, 0xFF_123456);
    rgba.setRGB(3, 0, 0x33_6496C8);

    assertThat(TestImages.pixels(decode(TestImages.png(rgba))))
        .containsExactly(0xFFFFFF, 0xFFFFFF, 0x123456, 224 << 16 | 234 << 8 | 244);
  }

  @Test
  void paletteTransparencyInPngBecomesWhite() throws IOException {
    byte[] png = TestImages.png(paletteImage());
    assertThat(new String(png, StandardCharsets.ISO_8859_1)).contains("tRNS");

    assertThat(TestImages.pixels(decode(png)))
        .containsExactly(0xFF0000, 0xFFFFFF, 0x0000FF, 224 << 16 | 234 << 8 | 244);
  }

  @Test
  void transparentGifIndexBecomesWhite() throws IOException {
    // GIF has one fully transparent index and no partial alpha.
    IndexColorModel palette = new IndexColorModel(2, 4,
        new byte[] {(byte) 255, 0, 0, 0}, new byte[] {0, 0, (byte) 255, 0},
        new byte[] {0, 0, 0, (byte) 255}, 1);
    BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
    image.getRaster().setPixels(0, 0, 4, 1, new int[] {0, 1, 2, 3});

    assertThat(TestImages.pixels(decode(TestImages.write(image, "gif"))))
        .containsExactly(0xFF0000, 0xFFFFFF, 0x00FF00, 0x0000FF);
  }

  @Test
  void animatedGifGivesItsFirstFrame() throws IOException {
    byte[] gif = twoFrameGif(solid(0xFF0000), solid(0x0000FF));
    ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
      reader.setInput(in);
      assertThat(reader.getNumImages(true)).isEqualTo(2);
      assertThat(reader.read(1).getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x0000FF);
    } finally {
      reader.dispose();
    }

    BufferedImage image = decode(gif);

    assertThat(TestImages.pixels(image)).containsOnly(0xFF0000);
  }

  private static BufferedImage paletteImage() {
    byte[] r = {(byte) 255, 0, 0, 100};
    byte[] g = {0, (byte) 255, 0, (byte) 150};
    byte[] b = {0, 0, (byte) 255, (byte) 200};
    byte[] a = {(byte) 255, 0, (byte) 255, 51};
    BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_INDEXED,
        new IndexColorModel(8, 4, r, g, b, a));
    image.getRaster().setPixels(0, 0, 4, 1, new int[] {0, 1, 2, 3});
    return image;
  }

  private static BufferedImage solid(int rgb) {
    IndexColorModel palette = new IndexColorModel(1, 2,
        new byte[] {(byte) (rgb >> 16), 0}, new byte[] {(byte) (rgb >> 8), 0},
        new byte[] {(byte) rgb, 0});
    return new BufferedImage(6, 4, BufferedImage.TYPE_BYTE_BINARY, palette); // all index 0
  }

  private static byte[] twoFrameGif(BufferedImage first, BufferedImage second) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      writer.writeToSequence(new IIOImage(first, null, null), null);
      writer.writeToSequence(new IIOImage(second, null, null), null);
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static BufferedImage decode(byte[] file) throws IOException {
    BufferedImage image = DECODER.decode(new ByteArrayInputStream(file), "synthetic");
    assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
    return image;
  }

  private static int gray(int v) {
    return v << 16 | v << 8 | v;
  }
}
