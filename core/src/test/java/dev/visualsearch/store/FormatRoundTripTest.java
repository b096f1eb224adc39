package dev.visualsearch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatRoundTripTest {

  @TempDir Path dir;

  @Test
  void valuesComeBackAsWritten() throws IOException {
    long seed = System.nanoTime();
    System.out.println("seed=" + seed);
    Random random = new Random(seed);
    // More floats than one buffer holds, at an odd offset, so buffer boundaries fall mid-value.
    float[] floats = new float[40_003];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = (float) random.nextGaussian();
    }
    Path file = dir.resolve("values.bin");
    AtomicFile.write(
        file,
        out -> {
          FormatOutput output = new FormatOutput(out);
          output.writeHeader("Test", 3);
          output.writeByte(0xAB);
          output.writeInt(-7);
          output.writeLong(Long.MIN_VALUE + 1);
          output.writeFloat(Float.MIN_VALUE);
          output.writeString("grüße, 世界");
          output.writeFloats(floats, 1, floats.length - 1);
          output.writeString("");
          output.writeFooter();
        });

    try (FormatInput input = FormatInput.open(file, "Test", 1, 3)) {
      assertThat(input.version()).isEqualTo(3);
      assertThat(input.readByte()).isEqualTo(0xAB);
      assertThat(input.readInt()).isEqualTo(-7);
      assertThat(input.readLong()).isEqualTo(Long.MIN_VALUE + 1);
      assertThat(input.readFloat()).isEqualTo(Float.MIN_VALUE);
      assertThat(input.readString(100)).isEqualTo("grüße, 世界");
      float[] read = new float[floats.length];
      input.readFloats(read, 1, floats.length - 1);
      assertThat(java.util.Arrays.copyOfRange(read, 1, read.length))
          .containsExactly(java.util.Arrays.copyOfRange(floats, 1, floats.length));
      assertThat(input.readString(0)).isEmpty();
      input.finish();
    }
  }

  /** A reader can note where a section starts and skip it, within the buffer and beyond it. */
  @Test
  void positionAndSkipFollowTheFileOffsets() throws IOException {
    Path file = dir.resolve("sections.bin");
    long[] positions = new long[3];
    AtomicFile.write(
        file,
        out -> {
          FormatOutput output = new FormatOutput(out);
          output.writeHeader("Test", 1);
          positions[0] = output.position();
          output.writeInt(11);
          output.writeBytes(new byte[10], 0, 10); // skipped within the buffer
          positions[1] = output.position();
          output.writeInt(22);
          output.writeBytes(new byte[200_000], 0, 200_000); // skipped past the buffer
          positions[2] = output.position();
          output.writeInt(33);
          output.writeFooter();
        });

    try (FormatInput input = FormatInput.open(file, "Test", 1, 1)) {
      assertThat(input.position()).isEqualTo(positions[0]);
      assertThat(input.readInt()).isEqualTo(11);
      input.skip(10);
      assertThat(input.position()).isEqualTo(positions[1]);
      assertThat(input.readInt()).isEqualTo(22);
      input.skip(200_000);
      assertThat(input.position()).isEqualTo(positions[2]);
      assertThat(input.readInt()).isEqualTo(33);
      assertThatThrownBy(() -> input.skip(1))
          .isInstanceOf(CorruptFileException.class)
          .hasMessageContaining("needs 1 bytes");
      assertThatThrownBy(() -> input.skip(-1)).isInstanceOf(IllegalArgumentException.class);
      input.finish();
    }
  }

  @Test
  void everyFlippedByteIsDetected() throws IOException {
    Path file = writeSmallFile("Test", 1);
    byte[] original = Files.readAllBytes(file);
    for (int position = 0; position < original.length; position++) {
      byte[] damaged = original.clone();
      damaged[position] ^= 0x10;
      Files.write(file, damaged);
      int at = position;
      assertThatThrownBy(() -> FormatInput.open(file, "Test", 1, 1).close())
          .as("flipped byte %d of %d", at, original.length)
          .isInstanceOf(CorruptFileException.class)
          .hasMessageContaining(file.toString());
    }
  }

  @Test
  void truncatedFileIsCorrupt() throws IOException {
    Path file = writeSmallFile("Test", 1);
    byte[] bytes = Files.readAllBytes(file);
    for (int length : new int[] {0, 3, 20, bytes.length - 1}) {
      Files.write(file, java.util.Arrays.copyOf(bytes, length));
      assertThatThrownBy(() -> FormatInput.open(file, "Test", 1, 1).close())
          .as("truncated to %d bytes", length)
          .isInstanceOf(CorruptFileException.class);
    }
  }

  @Test
  void versionsOutsideTheRangeAreTooOldOrTooNew() throws IOException {
    Path file = writeSmallFile("Test", 5);
    assertThatThrownBy(() -> FormatInput.open(file, "Test", 6, 9))
        .isInstanceOf(FormatTooOldException.class)
        .hasMessageContaining("version 5")
        .hasMessageContaining("(6)");
    assertThatThrownBy(() -> FormatInput.open(file, "Test", 1, 4))
        .isInstanceOf(FormatTooNewException.class)
        .hasMessageContaining("version 5")
        .hasMessageContaining("(4)");
  }

  @Test
  void anotherCodecIsRefusedByName() throws IOException {
    Path file = writeSmallFile("Catalog", 1);
    assertThatThrownBy(() -> FormatInput.open(file, "FlatIndex", 1, 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("'Catalog'")
        .hasMessageContaining("'FlatIndex'");
  }

  @Test
  void readingPastTheDataIsCorruptionNotFooterGarbage() throws IOException {
    Path file = writeSmallFile("Test", 1);
    try (FormatInput input = FormatInput.open(file, "Test", 1, 1)) {
      input.readInt();
      assertThatThrownBy(input::readLong).isInstanceOf(CorruptFileException.class);
    }
  }

  @Test
  void unreadDataIsReportedByFinish() throws IOException {
    Path file = writeSmallFile("Test", 1);
    try (FormatInput input = FormatInput.open(file, "Test", 1, 1)) {
      assertThatThrownBy(input::finish)
          .isInstanceOf(CorruptFileException.class)
          .hasMessageContaining("4 unread bytes");
    }
  }

  @Test
  void countsOutOfRangeAreCorrupt() throws IOException {
    Path file = writeSmallFile("Test", 1);
    try (FormatInput input = FormatInput.open(file, "Test", 1, 1)) {
      assertThatThrownBy(() -> input.readCount("vector count", 10))
          .isInstanceOf(CorruptFileException.class)
          .hasMessageContaining("vector count 42 is outside [0, 10]");
    }
  }

  @Test
  void aForeignFileIsNotAVisualsearchFile() throws IOException {
    Path file = dir.resolve("foreign.bin");
    Files.write(file, "this is a plain text file, not an index".getBytes());
    assertThatThrownBy(() -> FormatInput.open(file, "Test", 1, 1))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("not a visualsearch file");
  }

  private Path writeSmallFile(String codec, int version) throws IOException {
    Path file = dir.resolve("small.bin");
    AtomicFile.write(
        file,
        out -> {
          FormatOutput output = new FormatOutput(out);
          output.writeHeader(codec, version);
          output.writeInt(42);
          output.writeFooter();
        });
    return file;
  }
}
