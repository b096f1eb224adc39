package dev.visualsearch.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Thumbnails keep the aspect ratio, fit the size, are never enlarged, and are real JPEGs. */
class JpegThumbnailsTest {

  @Test
  void aLargePictureShrinksToFitKeepingItsShapeAndColour() throws IOException {
    BufferedImage picture = filled(1200, 600, new Color(200, 40, 40));

    BufferedImage thumbnail = read(JpegThumbnails.of(picture, 256, 0.85f));

    assertThat(thumbnail.getWidth()).isEqualTo(256);
    assertThat(thumbnail.getHeight()).isEqualTo(128);
    Color centre = new Color(thumbnail.getRGB(128, 64));
    assertThat(centre.getRed()).isBetween(190, 210);
    assertThat(centre.getGreen()).isBetween(30, 50);
  }

  @Test
  void aSmallPictureKeepsItsSize() throws IOException {
    BufferedImage thumbnail = read(JpegThumbnails.of(filled(40, 90, Color.BLUE), 256, 0.8f));

    assertThat(thumbnail.getWidth()).isEqualTo(40);
    assertThat(thumbnail.getHeight()).isEqualTo(90);
  }

  @Test
  void badSizesAndQualitiesAreRefusedWithTheValue() {
    BufferedImage picture = filled(10, 10, Color.GREEN);
    assertThatThrownBy(() -> JpegThumbnails.of(picture, 0, 0.8f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": 0");
    assertThatThrownBy(() -> JpegThumbnails.of(picture, 64, 1.5f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": 1.5");
  }

  private static BufferedImage filled(int width, int height, Color colour) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setColor(colour);
    graphics.fillRect(0, 0, width, height);
    graphics.dispose();
    return image;
  }

  private static BufferedImage read(byte[] jpeg) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(image).as("decodes as an image").isNotNull();
    return image;
  }
}
