package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.Metric;
import dev.visualsearch.index.flat.FlatIndex;
import dev.visualsearch.store.CorruptFileException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Save and open, onto the heap and mapped: the opened index is the saved one link for link
 * (same answers, same file when saved again), takes incremental adds and removes, and damaged
 * files are refused.
 */
class HnswPersistenceTest {

  private static final int N = 3_000;
  private static final int QUERIES = 50;

  @TempDir Path dir;

  private static HnswIndex open(Path file, boolean mapped) throws IOException {
    return mapped ? HnswIndex.openMapped(file) : HnswIndex.open(file);
  }

  @ParameterizedTest(name = "mapped={0}")
  @ValueSource(booleans = {false, true})
  void openedIndexAnswersExactlyAsTheSavedOne(boolean mapped) throws IOException {
    SplittableRandom random = TestVectors.seeded("round trip", 5L);
    float[][] vectors = TestVectors.clustered(random, N + QUERIES);
    HnswIndex saved = HnswIndex.builder(64, Metric.COSINE).efSearch(40).seed(3).buildThreads(2).build();
    Recall.fill(saved, Arrays.copyOf(vectors, N));
    for (int i = 0; i < N; i += 7) {
      saved.remove("v" + i); // tombstones below the compaction share travel with the file
    }
    Path file = dir.resolve("index.hnsw");
    saved.save(file);

    try (HnswIndex opened = open(file, mapped)) {
      assertThat(opened.size()).isEqualTo(saved.size());
      assertThat(opened.nodesForTesting()).isEqualTo(saved.nodesForTesting());
      assertThat(opened.efSearch()).isEqualTo(40);
      assertThat(opened.seed()).isEqualTo(3);
      assertThat(opened.contains("v7")).isFalse();
      assertThat(opened.vector("v8")).get().isEqualTo(saved.vector("v8").orElseThrow());
      for (int q = N; q < N + QUERIES; q++) {
        assertThat(opened.search(vectors[q], 10, null, 30))
            .isEqualTo(saved.search(vectors[q], 10, null, 30));
        assertThat(opened.search(vectors[q], 5, id -> id.endsWith("3")))
            .isEqualTo(saved.search(vectors[q], 5, id -> id.endsWith("3")));
      }
      Path again = dir.resolve("again.hnsw");
      opened.save(again);
      assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    }
  }

  @ParameterizedTest(name = "mapped={0}")
  @ValueSource(booleans = {false, true})
  void openedIndexTakesIncrementalAddsAndRemoves(boolean mapped) throws IOException {
    SplittableRandom random = TestVectors.seeded("incremental", 6L);
    float[][] vectors = TestVectors.clustered(random, 2 * N + QUERIES);
    HnswIndex first = HnswIndex.builder(64, Metric.L2).buildThreads(2).build();
    FlatIndex exact = Recall.fill(first, Arrays.copyOf(vectors, N));
    Path file = dir.resolve("index.hnsw");
    first.save(file);

    try (HnswIndex opened = open(file, mapped)) {
      Map<String, float[]> more = new LinkedHashMap<>();
      for (int i = N; i < 2 * N; i++) {
        more.put("v" + i, vectors[i]);
        exact.add("v" + i, vectors[i]);
      }
      opened.addAll(more);
      opened.add("single", vectors[0]);
      exact.add("single", vectors[0]);
      for (int i = 0; i < N; i += 2) {
        opened.remove("v" + i);
        exact.remove("v" + i);
      }
      double recall =
          Recall.at(opened, exact, Arrays.copyOfRange(vectors, 2 * N, 2 * N + QUERIES), 10, 64, null);

      System.out.printf("mapped=%s: after adds and removes recall@10 %.4f%n", mapped, recall);
      assertThat(opened.size()).isEqualTo(exact.size());
      assertThat(recall).isGreaterThanOrEqualTo(0.95);
      // The original file is untouched by the writes.
      assertThat(HnswIndex.open(file).size()).isEqualTo(N);
    }
  }

  /** Large files are mapped in chunks; small chunks here put chunk edges inside the test data. */
  @Test
  void aMappedIndexInManySmallChunksAnswersAsTheHeapOne() throws IOException {
    SplittableRandom random = TestVectors.seeded("chunks", 8L);
    float[][] vectors = TestVectors.clustered(random, N + QUERIES);
    HnswIndex saved = HnswIndex.builder(64, Metric.L2).m(6).buildThreads(1).build();
    Recall.fill(saved, Arrays.copyOf(vectors, N));
    Path file = dir.resolve("index.hnsw");
    saved.save(file);

    // 4 KiB chunks: 16 vectors of 64 floats, 78 layer-0 records of 13 ints, 585 upper records.
    try (HnswIndex chunked = HnswFormatReader.read(file, true, 4096)) {
      for (int q = N; q < N + QUERIES; q++) {
        assertThat(chunked.search(vectors[q], 10, null, 40))
            .isEqualTo(saved.search(vectors[q], 10, null, 40));
      }
      for (int i = 0; i < N; i += 97) {
        assertThat(chunked.vector("v" + i)).get().isEqualTo(saved.vector("v" + i).orElseThrow());
      }
    }
  }

  @Test
  void aMappedIndexCanBeSavedOverItsOwnFile() throws IOException {
    HnswIndex index = HnswIndex.builder(2, Metric.L2).buildThreads(1).build();
    index.add("a", new float[] {1, 0});
    index.add("b", new float[] {0, 1});
    Path file = dir.resolve("index.hnsw");
    index.save(file);

    try (HnswIndex mapped = HnswIndex.openMapped(file)) {
      mapped.save(file);
      assertThat(mapped.search(new float[] {1, 0}, 1).ids()).containsExactly("a");
    }
    assertThat(HnswIndex.open(file).size()).isEqualTo(2);
  }

  @Test
  void emptyIndexRoundTrips() throws IOException {
    Path file = dir.resolve("empty.hnsw");
    HnswIndex.builder(5, Metric.INNER_PRODUCT).build().save(file);

    for (boolean mapped : new boolean[] {false, true}) {
      try (HnswIndex opened = open(file, mapped)) {
        assertThat(opened.size()).isZero();
        assertThat(opened.metric()).isEqualTo(Metric.INNER_PRODUCT);
        assertThat(opened.search(new float[5], 3).isEmpty()).isTrue();
        opened.add("a", new float[] {1, 2, 3, 4, 5});
        assertThat(opened.search(new float[5], 3).ids()).containsExactly("a");
      }
    }
  }

  @Test
  void aFlippedByteIsCaughtByTheChecksum() throws IOException {
    HnswIndex index = HnswIndex.builder(4, Metric.L2).buildThreads(1).build();
    for (int i = 0; i < 50; i++) {
      index.add("x" + i, new float[] {i, 1, 2, 3});
    }
    Path file = dir.resolve("index.hnsw");
    index.save(file);
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
      raw.seek(raw.length() / 2);
      int value = raw.read();
      raw.seek(raw.length() / 2);
      raw.write(value ^ 0x10);
    }

    assertThatThrownBy(() -> HnswIndex.open(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("checksum mismatch");
    assertThatThrownBy(() -> HnswIndex.openMapped(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void aMissingFileOrAnotherKindOfFile() throws IOException {
    assertThatThrownBy(() -> HnswIndex.open(dir.resolve("none")))
        .isInstanceOf(NoSuchFileException.class);
    Path flat = dir.resolve("flat");
    FlatIndex.create(2, Metric.L2).save(flat);
    assertThatThrownBy(() -> HnswIndex.open(flat))
        .isInstanceOf(IOException.class)
        .hasMessageEndingWith("holds a 'FlatIndex' file, not a 'HnswIndex' file");
  }

  @Test
  void theFactoryCreatesAndOpens() throws IOException {
    var factory = HnswIndex.factory(b -> b.m(8).efSearch(99));
    var created = factory.create(3, Metric.COSINE);
    created.add("a", new float[] {1, 2, 3});
    Path file = dir.resolve("f.hnsw");
    created.save(file);

    assertThat(factory.name()).isEqualTo("hnsw");
    assertThat(((HnswIndex) created).m()).isEqualTo(8);
    HnswIndex opened = (HnswIndex) factory.open(file);
    assertThat(opened.efSearch()).isEqualTo(99);
    assertThat(opened.contains("a")).isTrue();
    assertThat(HnswIndex.factory().name()).isEqualTo("hnsw");
    assertThat(((HnswIndex) HnswIndex.factory().create(4, Metric.L2)).m()).isEqualTo(16);
  }
}
