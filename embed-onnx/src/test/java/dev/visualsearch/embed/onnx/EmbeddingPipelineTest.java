package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.image.ImageDecodeException;
import dev.visualsearch.image.ImageDecoder;
import dev.visualsearch.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Threads, batches and overlapping change nothing but speed: the pipeline's vectors are those of
 * decoding and embedding each file alone, in the files' order, and bad files are reported
 * without stopping the others.
 */
class EmbeddingPipelineTest {

  // int8 kernels may round differently for other batch shapes; cosine stays essentially 1.
  private static final float TOLERANCE = 2e-3f;

  private static final List<Path> FILES = new ArrayList<>();
  private static final List<Integer> BAD = new ArrayList<>();
  private static OnnxImageEmbedder zoo;
  private static List<float[]> sequential;

  @BeforeAll
  static void embedEachFileAlone() throws Exception {
    for (String name : List.of("photos/orange.jpg", "formats/bad-truncated.jpg",
        "photos/baboon.jpg", "photos/chelsea.png", "formats/large-4000px.jpg",
        "formats/bad-text-named.jpg", "photos/squirrel_cls.jpg", "formats/gray.png",
        "pairs/box.png", "photos/rocket.jpg", "formats/exif-orientation-6.jpg",
        "pairs/aero1.jpg", "formats/cmyk.jpg")) {
      if (name.contains("bad-")) {
        BAD.add(FILES.size());
      }
      FILES.add(SharedData.data(name));
    }
    zoo = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).batchSize(4).build();
    sequential = new ArrayList<>();
    for (int i = 0; i < FILES.size(); i++) {
      sequential.add(
          BAD.contains(i) ? null : zoo.embed(ImageDecoder.defaults().decode(FILES.get(i))));
    }
  }

  @AfterAll
  static void close() {
    zoo.close();
  }

  @ParameterizedTest(name = "{0} decode threads, {1} inference threads")
  @CsvSource({"1, 1", "4, 1", "2, 2", "4, 4"})
  void givesTheSequentialVectorsInOrderAndReportsBadFiles(int decode, int inference)
      throws Exception {
    EmbeddingPipeline pipeline = EmbeddingPipeline.builder(zoo)
        .decodeThreads(decode).inferenceThreads(inference).reducedDecoding(false).build();
    List<EmbeddingPipeline.Result> results = pipeline.embedFiles(FILES);

    assertThat(results).hasSize(FILES.size());
    for (int i = 0; i < FILES.size(); i++) {
      EmbeddingPipeline.Result result = results.get(i);
      assertThat(result.file()).isEqualTo(FILES.get(i));
      if (BAD.contains(i)) {
        assertThat(result.ok()).as(FILES.get(i).toString()).isFalse();
        assertThat(result.error()).isInstanceOf(ImageDecodeException.class)
            .hasMessageContaining(FILES.get(i).toString());
      } else {
        assertThat(result.error()).as(FILES.get(i).toString()).isNull();
        assertThat(result.vector()).as(FILES.get(i).toString())
            .containsExactly(sequential.get(i), org.assertj.core.data.Offset.offset(TOLERANCE));
      }
    }
  }

  @Test
  void aPipelineUsedAgainGivesTheSameVectorsFromItsReusedBatches() throws Exception {
    EmbeddingPipeline pipeline = EmbeddingPipeline.builder(zoo)
        .decodeThreads(2).inferenceThreads(2).reducedDecoding(false).build();
    pipeline.embedFiles(FILES);
    // Fewer files, in another order: the batches left by the first call hold other images.
    List<Integer> order = new ArrayList<>();
    for (int i = FILES.size() - 1; i >= 0; i -= 2) {
      order.add(i);
    }
    List<Path> files = new ArrayList<>();
    for (int i : order) {
      files.add(FILES.get(i));
    }
    List<EmbeddingPipeline.Result> results = pipeline.embedFiles(files);
    for (int k = 0; k < order.size(); k++) {
      int i = order.get(k);
      if (BAD.contains(i)) {
        assertThat(results.get(k).ok()).as(FILES.get(i).toString()).isFalse();
      } else {
        assertThat(results.get(k).vector()).as(FILES.get(i).toString())
            .containsExactly(sequential.get(i), org.assertj.core.data.Offset.offset(TOLERANCE));
      }
    }
  }

  @Test
  void reducedDecodingGivesTheVectorsOfTheReducedImages() throws Exception {
    ScaledImageDecoder decoder = ScaledImageDecoder.create(ImageDecoder.defaults());
    List<EmbeddingPipeline.Result> results =
        EmbeddingPipeline.builder(zoo).decoder(decoder).build().embedFiles(FILES);
    int shortSide = zoo.preprocessing().minimumShortSide();
    for (int i = 0; i < FILES.size(); i++) {
      if (!BAD.contains(i)) {
        float[] expected = zoo.embed(decoder.decode(FILES.get(i), shortSide));
        assertThat(results.get(i).vector()).as(FILES.get(i).toString())
            .containsExactly(expected, org.assertj.core.data.Offset.offset(TOLERANCE));
      }
    }
  }

  @Test
  void aFailingListenerStopsTheRunAndItsExceptionIsThrown() {
    AtomicInteger calls = new AtomicInteger();
    EmbeddingPipeline pipeline = EmbeddingPipeline.builder(zoo).decodeThreads(2).build();
    assertThatThrownBy(() -> pipeline.embedFiles(FILES, new EmbeddingPipeline.Listener() {
      @Override
      public void embedded(int index, Path file, float[] vector) {
        calls.incrementAndGet();
        throw new IllegalStateException("listener broke at " + index);
      }

      @Override
      public void failed(int index, Path file, Exception error) {}
    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("listener broke");
    assertThat(calls.get()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aClosedEmbedderIsAnError() throws Exception {
    OnnxImageEmbedder closed = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).build();
    closed.close();
    assertThatThrownBy(() -> EmbeddingPipeline.builder(closed).build().embedFiles(FILES))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void noFilesNoResults() throws Exception {
    assertThat(EmbeddingPipeline.builder(zoo).build().embedFiles(List.of())).isEmpty();
  }

  @Test
  void builderRejectsBadThreadCounts() {
    assertThatThrownBy(() -> EmbeddingPipeline.builder(zoo).decodeThreads(0))
        .hasMessageContaining("decode threads must be at least 1: 0");
    assertThatThrownBy(() -> EmbeddingPipeline.builder(zoo).inferenceThreads(-2))
        .hasMessageContaining("inference threads must be at least 1: -2");
  }
}
