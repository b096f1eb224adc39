package dev.visualsearch.image;

import static dev.visualsearch.image.TestImages.tiffWithOrientation;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExifOrientationTest {

  private static final int SHORT = 3;
  private static final int LONG = 4;
  private static final int ASCII = 2;

  static Stream<Arguments> everyOrientationInBothByteOrders() {
    return Stream.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)
        .flatMap(order -> Stream.iterate(1, v -> v <= 8, v -> v + 1)
            .map(v -> Arguments.of(order, v)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyOrientationInBothByteOrders")
  void readsTheOrientationInEitherByteOrder(ByteOrder order, int orientation) {
    byte[] tiff = tiffWithOrientation(order, SHORT, orientation);

    assertThat(ExifOrientation.fromTiff(tiff, 0, tiff.length)).isEqualTo(orientation);
  }

  @Test
  void readsTheBlockAtAnOffsetInsideALargerArray() {
    byte[] tiff = tiffWithOrientation(ByteOrder.BIG_ENDIAN, SHORT, 6);
    byte[] segment = TestImages.insert(new byte[] {9, 9, 9, 9, 9, 9, 9}, 7, tiff);

    assertThat(ExifOrientation.fromTiff(segment, 7, tiff.length)).isEqualTo(6);
  }

  @Test
  void acceptsALongValueSomeWritersUse() {
    byte[] little = tiffWithOrientation(ByteOrder.LITTLE_ENDIAN, LONG, 8);
    byte[] big = tiffWithOrientation(ByteOrder.BIG_ENDIAN, LONG, 3);

    assertThat(ExifOrientation.fromTiff(little, 0, little.length)).isEqualTo(8);
    assertThat(ExifOrientation.fromTiff(big, 0, big.length)).isEqualTo(3);
  }

  @Test
  void readsTheValueFromTheRightHalfOfTheFieldForEachByteOrder() {
    // A big-endian SHORT 6 is stored 00 06 00 00; read as a little-endian field it would be 1536,
    // read as a 32-bit value 393216. Only the correct reading gives 6.
    byte[] big = tiffWithOrientation(ByteOrder.BIG_ENDIAN, SHORT, 6);
    int valueField = 8 + 2 + 2 * 12 + 8;
    assertThat(Arrays.copyOfRange(big, valueField, valueField + 4)).containsExactly(0, 6, 0, 0);

    assertThat(ExifOrientation.fromTiff(big, 0, big.length)).isEqualTo(6);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 9, 255, 65535})
  void valuesOutsideOneToEightMeanNormal(int value) {
    byte[] tiff = tiffWithOrientation(ByteOrder.LITTLE_ENDIAN, SHORT, value);

    assertThat(ExifOrientation.fromTiff(tiff, 0, tiff.length)).isEqualTo(1);
  }

  @Test
  void anOrientationOfTheWrongTypeIsIgnored() {
    byte[] tiff = tiffWithOrientation(ByteOrder.LITTLE_ENDIAN, ASCII, 6);

    assertThat(ExifOrientation.fromTiff(tiff, 0, tiff.length)).isEqualTo(1);
  }

  @Test
  void anOrientationWithCountZeroIsIgnored() {
    byte[] tiff = tiffWithOrientation(ByteOrder.LITTLE_ENDIAN, SHORT, 6);
    ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN).putInt(8 + 2 + 2 * 12 + 4, 0);

    assertThat(ExifOrientation.fromTiff(tiff, 0, tiff.length)).isEqualTo(1);
  }

  @Test
  void noOrientationTagMeansNormal() {
    byte[] tiff = tiffWithOrientation(ByteOrder.BIG_ENDIAN, SHORT, 6);
    ByteBuffer.wrap(tiff).putShort(8 + 2 + 2 * 12, (short) 0x0113); // retag the entry

    assertThat(ExifOrientation.fromTiff(tiff, 0, tiff.length)).isEqualTo(1);
  }

  @Test
  void badByteOrderMarkOrMagicMeansNormal() {
    byte[] mixed = tiffWithOrientation(ByteOrder.LITTLE_ENDIAN, SHORT, 6);
    mixed[1] = 'M';
    byte[] magic = tiffWithOrientation(ByteOrder.LITTLE_ENDIAN, SHORT, 6);
    magic[2] = 43;

    assertThat(ExifOrientation.fromTiff(mixed, 0, mixed.length)).isEqualTo(1);
    assertThat(ExifOrientation.fromTiff(magic, 0, magic.length)).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 62, 63, 0x7FFF_FFFF, -1})
  void ifdOffsetsBeforeTheHeaderEndOrPastTheDataMeanNormal(int ifdOffset) {
    byte[] tiff = tiffWithOrientation(ByteOrder.BIG_ENDIAN, SHORT, 6);
    ByteBuffer.wrap(tiff).putInt(4, ifdOffset);

    assertThat(ExifOrientation.fromTiff(tiff, 0, tiff.length)).isEqualTo(1);
  }

  @Test
  void anEntryCountLargerThanTheDataMeansNormalWhenTheTagIsNotReached() {
    // Orientation is the third entry; cut the block inside it and claim 4 entries.
    byte[] tiff = tiffWithOrientation(ByteOrder.LITTLE_ENDIAN, SHORT, 6);
    int cut = 8 + 2 + 2 * 12 + 6;

    assertThat(ExifOrientation.fromTiff(tiff, 0, cut)).isEqualTo(1);
  }

  @Test
  void shortAndMissingDataMeansNormal() {
    byte[] tiff = tiffWithOrientation(ByteOrder.LITTLE_ENDIAN, SHORT, 6);
    for (int length = 0; length < 8 + 2 + 3 * 12; length++) {
      assertThat(ExifOrientation.fromTiff(Arrays.copyOf(tiff, length), 0, length))
          .as("first %d bytes", length)
          .isEqualTo(1);
    }
    assertThat(ExifOrientation.fromTiff(null, 0, 0)).isEqualTo(1);
  }

  @Test
  void rangesOutsideTheArrayMeanNormal() {
    byte[] tiff = tiffWithOrientation(ByteOrder.LITTLE_ENDIAN, SHORT, 6);

    assertThat(ExifOrientation.fromTiff(tiff, -1, tiff.length)).isEqualTo(1);
    assertThat(ExifOrientation.fromTiff(tiff, 1, tiff.length)).isEqualTo(1);
    assertThat(ExifOrientation.fromTiff(tiff, 0, tiff.length + 1)).isEqualTo(1);
    assertThat(ExifOrientation.fromTiff(tiff, Integer.MAX_VALUE, 8)).isEqualTo(1);
  }

  @Test
  void neverFailsOnRandomOrMutatedBlocks() {
    long seed = System.nanoTime();
    System.out.println("ExifOrientationTest seed " + seed);
    Random random = new Random(seed);
    byte[] valid = tiffWithOrientation(ByteOrder.BIG_ENDIAN, SHORT, 6);
    for (int i = 0; i < 20_000; i++) {
      byte[] data;
      if (i % 2 == 0) {
        data = new byte[random.nextInt(80)];
        random.nextBytes(data);
      } else {
        data = valid.clone();
        for (int m = random.nextInt(4); m >= 0; m--) {
          data[random.nextInt(data.length)] = (byte) random.nextInt(256);
        }
        data = Arrays.copyOf(data, random.nextInt(data.length + 1));
      }
      int orientation = ExifOrientation.fromTiff(data, 0, data.length);
      assertThat(orientation).as("seed %d, case %d", seed, i).isBetween(1, 8);
    }
  }
}
