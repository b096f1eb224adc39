package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.store.CorruptFileException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files with a valid checksum but values a flat index never writes are refused by the reader's
 * own checks, with the value in the message.
 */
class FlatIndexFormatTest {

  private static final String[] AB = {"a", "b"};
  private static final float[] ROW_A = {1, 0};
  private static final float[] ROW_B = {0, 1};

  @TempDir Path dir;

  @Test
  void handWrittenVersion1FileOpens() throws IOException {
    FlatIndex index = FlatIndex.open(write(RawFiles.flatBody(2, "COSINE", AB, ROW_A, ROW_B)));

    assertThat(index.size()).isEqualTo(2);
    assertThat(index.vector("b").orElseThrow()).containsExactly(0, 1);
    assertThat(index.search(new float[] {1, 1}, 2).ids()).containsExactly("a", "b");
  }

  @Test
  void dimensionOutOfRange() throws IOException {
    assertCorrupt(RawFiles.flatBody(0, "L2", new String[0]), "dimension 0 is outside [1, 65536]");
    assertCorrupt(
        RawFiles.flatBody(70000, "L2", new String[0]), "dimension 70000 is outside [1, 65536]");
  }

  @Test
  void unknownMetric() throws IOException {
    assertCorrupt(RawFiles.flatBody(2, "MANHATTAN", AB, ROW_A, ROW_B), "unknown metric 'MANHATTAN'");
  }

  @Test
  void countBeyondTheRemainingBytes() throws IOException {
    RawFiles.Body body =
        out -> {
          out.writeInt(2);
          out.writeString("L2");
          out.writeInt(5); // but only one item follows
          out.writeString("a");
          out.writeFloats(ROW_A, 0, 2);
        };
    assertCorrupt(body, "item count 5 is outside [0, 1]");
  }

  @Test
  void negativeCount() throws IOException {
    RawFiles.Body body =
        out -> {
          out.writeInt(2);
          out.writeString("L2");
          out.writeInt(-1);
        };
    assertCorrupt(body, "item count -1 is outside [0, 0]");
  }

  @Test
  void idLongerThanTheFile() throws IOException {
    RawFiles.Body body =
        out -> {
          out.writeInt(1);
          out.writeString("L2");
          out.writeInt(1);
          out.writeInt(1000); // id length
          out.writeBytes(new byte[4], 0, 4);
        };
    assertCorrupt(body, "string length 1000 is outside [0, 0]");
  }

  @Test
  void duplicateIds() throws IOException {
    assertCorrupt(
        RawFiles.flatBody(2, "L2", new String[] {"a", "a"}, ROW_A, ROW_B),
        "duplicate id 'a' at item 1");
  }

  @Test
  void nonFiniteValue() throws IOException {
    assertCorrupt(
        RawFiles.flatBody(2, "L2", AB, ROW_A, new float[] {0, Float.NaN}),
        "vector of item 1 ('b') holds NaN at position 1");
  }

  @Test
  void cosineRowsMustBeUnitLength() throws IOException {
    assertCorrupt(
        RawFiles.flatBody(2, "COSINE", AB, ROW_A, new float[] {3, 4}),
        "cosine vector of item 1 ('b') has squared length 25.0, not 1");
  }

  @Test
  void bytesLeftBeforeTheFooter() throws IOException {
    RawFiles.Body valid = RawFiles.flatBody(2, "L2", AB, ROW_A, ROW_B);
    assertCorrupt(
        out -> {
          valid.writeTo(out);
          out.writeInt(0);
        },
        "4 unread bytes before the footer");
  }

  private Path write(RawFiles.Body body) throws IOException {
    return RawFiles.write(dir.resolve("raw"), "FlatIndex", 1, body);
  }

  private void assertCorrupt(RawFiles.Body body, String reason) throws IOException {
    Path file = write(body);
    assertThatThrownBy(() -> FlatIndex.open(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessage(file + " is corrupt: " + reason);
  }
}
