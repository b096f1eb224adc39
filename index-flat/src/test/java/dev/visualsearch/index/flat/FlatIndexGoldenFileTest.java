package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.Metric;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens {@code flat-index-v1.bin}, written by format version 1 (see {@link GoldenFileGenerator}),
 * and checks every item: whatever the format becomes, files saved by version 1 must keep opening
 * with the same content.
 */
class FlatIndexGoldenFileTest {

  @TempDir Path dir;

  @Test
  void version1FileOpensWithItsExactContent() throws Exception {
    FlatIndex index = FlatIndex.open(golden());

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

  /**
   * While version 1 is the version written, saving its content reproduces the file byte for
   * byte. When a new version is introduced this test changes; the one above must not.
   */
  @Test
  void savingTheGoldenContentReproducesTheFile() throws Exception {
    Path resaved = dir.resolve("resaved");
    FlatIndex.open(golden()).save(resaved);
    Path regenerated = dir.resolve("regenerated");
    GoldenFileGenerator.version1Index().save(regenerated);

    assertThat(Files.readAllBytes(resaved)).isEqualTo(Files.readAllBytes(golden()));
    assertThat(Files.readAllBytes(regenerated)).isEqualTo(Files.readAllBytes(golden()));
  }

  private static Path golden() throws IOException, URISyntaxException {
    var resource = FlatIndexGoldenFileTest.class.getResource("flat-index-v1.bin");
    if (resource == null) {
      throw new IOException("golden file flat-index-v1.bin is missing from the test resources");
    }
    return Path.of(resource.toURI());
  }
}
