package dev.visualsearch.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.Metric;
import dev.visualsearch.store.CorruptFileException;
import dev.visualsearch.store.FormatTooNewException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** save then open gives the same index; damaged and foreign files are refused with a reason. */
class FlatIndexPersistenceTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Metric.class)
  void savedIndexAnswersExactlyAsTheOriginal(Metric metric) throws IOException {
    Random random = TestVectors.seeded("round trip " + metric, 11L + metric.ordinal());
    int dimension = 24;
    FlatIndex index = FlatIndex.create(dimension, metric);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      index.add("item-" + i, TestVectors.gaussian(random, dimension));
      ids.add("item-" + i);
    }
    for (int i = 0; i < 500; i += 7) {
      index.remove("item-" + i); // leaves tombstones: the file must not
      ids.remove("item-" + i);
    }
    index.add("item-1", TestVectors.gaussian(random, dimension)); // replaced: moves to the end
    index.add("ünïcode/路径 1.jpg", TestVectors.gaussian(random, dimension));
    index.add("", TestVectors.gaussian(random, dimension));
    Path file = dir.resolve("index.vsx");

    index.save(file);
    FlatIndex opened = FlatIndex.open(file);

    assertThat(opened.dimension()).isEqualTo(dimension);
    assertThat(opened.metric()).isEqualTo(metric);
    assertThat(opened.size()).isEqualTo(index.size());
    assertThat(opened.rowsForTesting()).as("no tombstones in a saved index").isEqualTo(opened.size());
    for (String id : ids) {
      assertThat(opened.vector(id).orElseThrow()).containsExactly(index.vector(id).orElseThrow());
    }
    for (int q = 0; q < 50; q++) {
      float[] query = TestVectors.gaussian(random, dimension);
      assertThat(opened.search(query, 10).hits()).isEqualTo(index.search(query, 10).hits());
      assertThat(opened.search(query, 1000).hits()).isEqualTo(index.search(query, 1000).hits());
    }
    // Insertion order, the tie-breaker, survives: equal vectors keep their order.
    float[] same = {3, 1, 2};
    FlatIndex ties = FlatIndex.create(3, metric);
    for (String id : List.of("z", "y", "x")) {
      ties.add(id, same);
    }
    ties.save(dir.resolve("ties"));
    assertThat(FlatIndex.open(dir.resolve("ties")).search(same, 3).ids())
        .containsExactly("z", "y", "x");
  }

  @Test
  void emptyIndexRoundTrips() throws IOException {
    FlatIndex.create(7, Metric.COSINE).save(dir.resolve("empty"));

    FlatIndex opened = FlatIndex.open(dir.resolve("empty"));

    assertThat(opened.size()).isZero();
    assertThat(opened.dimension()).isEqualTo(7);
    assertThat(opened.metric()).isEqualTo(Metric.COSINE);
  }

  @Test
  void savingOverAnExistingFileReplacesIt() throws IOException {
    Path file = dir.resolve("index");
    FlatIndex first = FlatIndex.create(2, Metric.L2);
    first.add("old", new float[] {1, 1});
    first.save(file);
    FlatIndex second = FlatIndex.create(3, Metric.INNER_PRODUCT);
    second.add("new", new float[] {1, 2, 3});

    second.save(file);
    FlatIndex opened = FlatIndex.open(file);

    assertThat(opened.dimension()).isEqualTo(3);
    assertThat(opened.contains("new")).isTrue();
    assertThat(opened.contains("old")).isFalse();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no temporary files left").containsExactly(file);
    }
  }

  @Test
  void everySingleFlippedByteIsDetected() throws IOException {
    FlatIndex index = FlatIndex.create(2, Metric.COSINE);
    index.add("a", new float[] {1, 0});
    index.add("bb", new float[] {0, 1});
    Path file = dir.resolve("small");
    index.save(file);
    byte[] bytes = Files.readAllBytes(file);

    for (int position = 0; position < bytes.length; position++) {
      Path damaged = flipped(bytes, position);
      int at = position;
      assertThatThrownBy(() -> FlatIndex.open(damaged))
          .as("byte %d of %d flipped", at, bytes.length)
          .isInstanceOf(CorruptFileException.class)
          .hasMessageContaining(damaged.toString());
    }
  }

  @Test
  void flippedBytesInALargeFileAreDetected() throws IOException {
    Random random = TestVectors.seeded("large flip", 5L);
    FlatIndex index = FlatIndex.create(64, Metric.L2);
    for (int i = 0; i < 1000; i++) {
      index.add("item-" + i, TestVectors.gaussian(random, 64));
    }
    Path file = dir.resolve("large");
    index.save(file);
    byte[] bytes = Files.readAllBytes(file);
    int[] positions = {0, 3, 4, 8, 17, 21, 30, bytes.length / 2, bytes.length - 17,
        bytes.length - 12, bytes.length - 9, bytes.length - 1, random.nextInt(bytes.length)};

    for (int position : positions) {
      assertThatThrownBy(() -> FlatIndex.open(flipped(bytes, position)))
          .as("byte %d of %d flipped", position, bytes.length)
          .isInstanceOf(CorruptFileException.class);
    }
  }

  @Test
  void truncatedFileIsCorrupt() throws IOException {
    FlatIndex index = FlatIndex.create(4, Metric.L2);
    index.add("a", new float[] {1, 2, 3, 4});
    Path file = dir.resolve("index");
    index.save(file);
    byte[] bytes = Files.readAllBytes(file);

    for (int length : new int[] {0, 1, 10, bytes.length / 2, bytes.length - 8, bytes.length - 1}) {
      Path truncated = Files.write(dir.resolve("truncated-" + length), slice(bytes, length));
      assertThatThrownBy(() -> FlatIndex.open(truncated))
          .as("truncated to %d of %d bytes", length, bytes.length)
          .isInstanceOf(CorruptFileException.class);
    }
  }

  @Test
  void newerFormatVersionIsTooNew() throws IOException {
    Path file =
        RawFiles.write(dir.resolve("v3"), "FlatIndex", 3,
            RawFiles.flatBody(1, "L2", new String[] {"a"}, new float[] {1}));

    assertThatThrownBy(() -> FlatIndex.open(file))
        .isInstanceOf(FormatTooNewException.class)
        .hasMessageContaining("version 3")
        .hasMessageContaining("(2)");
    assertThatThrownBy(() -> FlatIndex.openMapped(file))
        .isInstanceOf(FormatTooNewException.class);
  }

  @Test
  void fileOfAnotherCodecNamesBothCodecs() throws IOException {
    Path file = RawFiles.write(dir.resolve("hnsw"), "HnswIndex", 1, out -> out.writeInt(42));

    assertThatThrownBy(() -> FlatIndex.open(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("'HnswIndex'")
        .hasMessageContaining("'FlatIndex'");
  }

  @Test
  void missingFileIsNoSuchFile() {
    assertThatThrownBy(() -> FlatIndex.open(dir.resolve("missing")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void plainTextFileIsCorrupt() throws IOException {
    Path file = Files.writeString(dir.resolve("text"), "just some text that is long enough");

    assertThatThrownBy(() -> FlatIndex.open(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("not a visualsearch file");
  }

  private Path flipped(byte[] bytes, int position) throws IOException {
    byte[] copy = bytes.clone();
    copy[position] ^= (byte) 0xFF;
    return Files.write(dir.resolve("flipped-" + position), copy);
  }

  private static byte[] slice(byte[] bytes, int length) {
    byte[] copy = new byte[length];
    System.arraycopy(bytes, 0, copy, 0, length);
    return copy;
  }
}
