package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.Metric;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Opens the golden files {@code flat-index-v1.bin} and {@code flat-index-v2.bin}, each written by
 * its format version (see {@link GoldenFileGenerator}), into the heap and memory-mapped, and
 * checks every item: whatever the format becomes, saved files must keep opening with the same
 * content.
 */
class FlatIndexGoldenFileTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "version {0}")
  @ValueSource(ints = {1, 2})
  void goldenFileOpensWithItsExactContent(int version) throws Exception {
    try (FlatIndex heap = FlatIndex.open(golden(version));
        FlatIndex mapped = FlatIndex.openMapped(golden(version))) {
      for (FlatIndex index : new FlatIndex[] {heap, mapped}) {
        assertThat(index.dimension()).isEqualTo(3);
        assertThat(index.metric()).isEqualTo(Metric.COSINE);
        assertThat(index.size()).isEqualTo(5);
        assertThat(index.contains("removed.jpg")).isFalse();
        assertThat(index.vector("dog.jpg").orElseThrow()).containsExactly(0, 0, 1);
        assertThat(index.vector("twin-a.jpg").orElseThrow()).containsExactly(0, -1, 0);
        assertThat(index.vector("twin-b.jpg").orElseThrow()).containsExactly(0, -1, 0);
        assertThat(index.vector("cat.jpg").orElseThrow()).containsExactly(1, 0, 0);
        assertThat(index.vector("ünïcode/路径.jpg").orElseThrow()).containsExactly(0, 0, -1);
        // Every other item scores 0 for this query, so the ranking shows the stored order.
        assertThat(index.search(new float[] {0, -1, 0}, 10).ids())
            .containsExactly("twin-a.jpg", "twin-b.jpg", "dog.jpg", "cat.jpg", "ünïcode/路径.jpg");
      }
    }
  }

  @Test
  void versionTwoKeepsTheEncodingAndRescoreFactor() throws Exception {
    FlatIndex version1 = FlatIndex.open(golden(1));
    FlatIndex version2 = FlatIndex.open(golden(2));

    assertThat(version1.encoding()).isEqualTo(VectorEncoding.FLOAT32);
    assertThat(version1.rescoreFactor()).isEqualTo(FlatIndexBuilder.DEFAULT_RESCORE_FACTOR);
    assertThat(version2.encoding()).isEqualTo(VectorEncoding.FLOAT16);
    assertThat(version2.rescoreFactor()).isEqualTo(3);
  }

  @Test
  void theVectorsOfVersionTwoStartAtAnAlignedOffset() throws Exception {
    byte[] bytes = Files.readAllBytes(golden(2));
    // The vectors are the 5 × 3 floats before the 16-byte footer; the oldest live item comes
    // first: dog.jpg, (0, 0, 1).
    int vectorsAt = bytes.length - 16 - 5 * 3 * Float.BYTES;
    FloatBuffer firstRow =
        ByteBuffer.wrap(bytes, vectorsAt, 3 * Float.BYTES)
            .slice()
            .order(ByteOrder.LITTLE_ENDIAN)
            .asFloatBuffer();

    assertThat(vectorsAt % FlatIndexFormat.ALIGNMENT).isZero();
    assertThat(new float[] {firstRow.get(0), firstRow.get(1), firstRow.get(2)})
        .containsExactly(0, 0, 1);
  }

  /**
   * While version 2 is the version written, saving either golden file's content reproduces the
   * version 2 file byte for byte (a version 1 file is upgraded on saving). When a new version is
   * introduced this test changes; the ones above must not.
   */
  @Test
  void savingTheGoldenContentReproducesTheVersion2File() throws Exception {
    Path resaved = dir.resolve("resaved");
    FlatIndex.open(golden(2)).save(resaved);
    Path resavedMapped = dir.resolve("resaved-mapped");
    try (FlatIndex mapped = FlatIndex.openMapped(golden(2))) {
      mapped.save(resavedMapped);
    }
    Path regenerated = dir.resolve("regenerated");
    GoldenFileGenerator.version2Index().save(regenerated);

    byte[] expected = Files.readAllBytes(golden(2));
    assertThat(Files.readAllBytes(resaved)).isEqualTo(expected);
    assertThat(Files.readAllBytes(resavedMapped)).isEqualTo(expected);
    assertThat(Files.readAllBytes(regenerated)).isEqualTo(expected);
  }

  @Test
  void aVersion1FileIsUpgradedOnSaving() throws Exception {
    Path upgraded = dir.resolve("upgraded");
    FlatIndex.open(golden(1)).save(upgraded);

    FlatIndex reopened = FlatIndex.open(upgraded);
    assertThat(reopened.encoding()).isEqualTo(VectorEncoding.FLOAT32);
    assertThat(reopened.search(new float[] {0, -1, 0}, 10).ids())
        .containsExactly("twin-a.jpg", "twin-b.jpg", "dog.jpg", "cat.jpg", "ünïcode/路径.jpg");
  }

  private static Path golden(int version) throws IOException, URISyntaxException {
    String name = "flat-index-v" + version + ".bin";
    var resource = FlatIndexGoldenFileTest.class.getResource(name);
    if (resource == null) {
      throw new IOException("golden file " + name + " is missing from the test resources");
    }
    return Path.of(resource.toURI());
  }
}
