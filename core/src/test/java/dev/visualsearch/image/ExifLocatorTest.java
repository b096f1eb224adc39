package dev.visualsearch.image;

import static dev.visualsearch.image.TestImages.exifApp1;
import static dev.visualsearch.image.TestImages.jpegSegment;
import static dev.visualsearch.image.TestImages.tiffWithOrientation;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;

class ExifLocatorTest {

  private static final byte[] SOI = {(byte) 0xFF, (byte) 0xD8};
  private static final byte[] SOS_AND_DATA = {(byte) 0xFF, (byte) 0xDA, 0, 2, 0x12, 0x34};
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private static final byte[] EXIF_6_LITTLE =
      exifApp1(tiffWithOrientation(ByteOrder.LITTLE_ENDIAN, 3, 6));
  private static final byte[] EXIF_8_BIG =
      exifApp1(tiffWithOrientation(ByteOrder.BIG_ENDIAN, 3, 8));

  @Test
  void findsExifAfterOtherSegments() throws IOException {
    byte[] jpeg = concat(SOI,
        jpegSegment(0xE0, ascii("JFIF\0\1\1\0\0\1\0\1\0\0")),
        jpegSegment(0xE1, ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>")), // XMP, also APP1
        jpegSegment(0xE2, new byte[300]),
        EXIF_8_BIG,
        jpegSegment(0xDB, new byte[65]),
        SOS_AND_DATA);

    assertThat(jpeg(jpeg)).isEqualTo(8);
  }

  @Test
  void skipsFillBytesAndStandaloneMarkers() throws IOException {
    byte[] jpeg = concat(SOI, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, // fill bytes
        Arrays.copyOfRange(EXIF_6_LITTLE, 1, EXIF_6_LITTLE.length), SOS_AND_DATA);
    byte[] withRst = concat(SOI, new byte[] {(byte) 0xFF, (byte) 0xD3, (byte) 0xFF, 0x01},
        EXIF_6_LITTLE, SOS_AND_DATA);

    assertThat(jpeg(jpeg)).isEqualTo(6);
    assertThat(jpeg(withRst)).isEqualTo(6);
  }

  @Test
  void theFirstExifSegmentWins() throws IOException {
    assertThat(jpeg(concat(SOI, EXIF_6_LITTLE, EXIF_8_BIG, SOS_AND_DATA))).isEqualTo(6);
  }

  @Test
  void stopsAtStartOfScan() throws IOException {
    assertThat(jpeg(concat(SOI, SOS_AND_DATA, EXIF_6_LITTLE))).isEqualTo(1);
  }

  @Test
  void noExifMeansNormal() throws IOException {
    assertThat(jpeg(concat(SOI, jpegSegment(0xE0, new byte[14]), SOS_AND_DATA))).isEqualTo(1);
    assertThat(jpeg(SOI)).isEqualTo(1);
    assertThat(jpeg(new byte[0])).isEqualTo(1);
  }

  @Test
  void aJpegExifSegmentCutShortMeansNormal() throws IOException {
    byte[] whole = concat(SOI, EXIF_6_LITTLE);
    for (int length = 0; length < whole.length; length++) {
      assertThat(jpeg(Arrays.copyOf(whole, length))).as("first %d bytes", length).isEqualTo(1);
    }
    assertThat(jpeg(whole)).isEqualTo(6);
  }

  @Test
  void damagedJpegHeadersMeanNormal() throws IOException {
    byte[] notJpeg = concat(new byte[] {(byte) 0xFF, (byte) 0xD9}, EXIF_6_LITTLE);
    byte[] garbageBetweenSegments = concat(SOI, jpegSegment(0xE0, new byte[4]), new byte[] {0x42},
        EXIF_6_LITTLE);
    byte[] lengthBelowTwo = concat(SOI, new byte[] {(byte) 0xFF, (byte) 0xE0, 0, 1}, EXIF_6_LITTLE);
    byte[] lengthPastTheEnd = concat(SOI, new byte[] {(byte) 0xFF, (byte) 0xE0, (byte) 0xFF, 0},
        EXIF_6_LITTLE);

    assertThat(jpeg(notJpeg)).isEqualTo(1);
    assertThat(jpeg(garbageBetweenSegments)).isEqualTo(1);
    assertThat(jpeg(lengthBelowTwo)).isEqualTo(1);
    assertThat(jpeg(lengthPastTheEnd)).isEqualTo(1);
  }

  @Test
  void findsPngExifBeforeImageData() throws IOException {
    byte[] png = concat(PNG_SIGNATURE,
        TestImages.pngChunk("IHDR", new byte[13]),
        TestImages.pngChunk("tEXt", ascii("Comment\0hello")),
        TestImages.pngChunk("eXIf", tiffWithOrientation(ByteOrder.BIG_ENDIAN, 3, 5)),
        TestImages.pngChunk("IDAT", new byte[10]),
        TestImages.pngChunk("IEND", new byte[0]));

    assertThat(png(png)).isEqualTo(5);
  }

  @Test
  void pngExifAfterImageDataIsNotLookedFor() throws IOException {
    byte[] png = concat(PNG_SIGNATURE,
        TestImages.pngChunk("IHDR", new byte[13]),
        TestImages.pngChunk("IDAT", new byte[10]),
        TestImages.pngChunk("eXIf", tiffWithOrientation(ByteOrder.BIG_ENDIAN, 3, 5)),
        TestImages.pngChunk("IEND", new byte[0]));

    assertThat(png(png)).isEqualTo(1);
  }

  @Test
  void damagedOrShortPngsMeanNormal() throws IOException {
    byte[] whole = concat(PNG_SIGNATURE,
        TestImages.pngChunk("IHDR", new byte[13]),
        TestImages.pngChunk("eXIf", tiffWithOrientation(ByteOrder.LITTLE_ENDIAN, 3, 7)));
    for (int length = 0; length < whole.length - 4; length++) { // the CRC is not needed
      assertThat(png(Arrays.copyOf(whole, length))).as("first %d bytes", length).isEqualTo(1);
    }
    assertThat(png(whole)).isEqualTo(7);
    byte[] badSignature = whole.clone();
    badSignature[1] = 'p';
    assertThat(png(badSignature)).isEqualTo(1);
    byte[] hugeChunkLength = whole.clone();
    hugeChunkLength[8] = (byte) 0xFF; // IHDR claims ~4 GB: seeking past it reaches the end
    assertThat(png(hugeChunkLength)).isEqualTo(1);
  }

  private static int jpeg(byte[] data) throws IOException {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      return ExifLocator.jpegOrientation(in);
    }
  }

  private static int png(byte[] data) throws IOException {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      return ExifLocator.pngOrientation(in);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
