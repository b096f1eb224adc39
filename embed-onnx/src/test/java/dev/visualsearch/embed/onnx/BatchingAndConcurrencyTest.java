package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Batches and threads change nothing but speed. */
class BatchingAndConcurrencyTest {

  // int8 kernels may round differently for other batch shapes; cosine stays essentially 1.
  private static final float TOLERANCE = 2e-3f;

  private static final String[] PHOTOS = {
    "formats/baseline.jpg", "photos/orange.jpg", "photos/baboon.jpg", "photos/squirrel_cls.jpg",
    "photos/apple.jpg", "photos/butterfly.jpg", "photos/fruits.jpg", "photos/home.jpg",
    "photos/rocket.jpg", "photos/messi5.jpg", "photos/building.jpg"
  };

  private static List<BufferedImage> images;
  private static OnnxImageEmbedder zoo;
  private static List<float[]> oneByOne;

  @BeforeAll
  static void embedEachImageAlone() throws Exception {
    images = new ArrayList<>();
    for (String photo : PHOTOS) {
      images.add(TestImages.read(photo));
    }
    zoo = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).build();
    oneByOne = new ArrayList<>();
    for (BufferedImage image : images) {
      oneByOne.add(zoo.embed(image));
    }
  }

  @AfterAll
  static void close() {
    zoo.close();
  }

  @ParameterizedTest(name = "batch size {0}")
  @ValueSource(ints = {1, 3, 8, 11})
  void embedAllInBatchesGivesTheVectorsOfEmbed(int batchSize) throws Exception {
    try (OnnxImageEmbedder batched =
        OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).batchSize(batchSize).build()) {
      assertThat(batched.batchSize()).isEqualTo(batchSize);
      List<float[]> vectors = batched.embedAll(images);
      assertThat(vectors).hasSize(images.size());
      for (int i = 0; i < images.size(); i++) {
        assertThat(vectors.get(i)).as(PHOTOS[i])
            .containsExactly(oneByOne.get(i), org.assertj.core.data.Offset.offset(TOLERANCE));
      }
    }
  }

  @Test
  void fourThreadsSharingOneEmbedderGetTheSingleThreadVectors() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<float[]>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        futures.add(pool.submit(() -> {
          // Each thread walks the images from another start, so different images overlap.
          List<float[]> vectors = new ArrayList<>(images.size());
          for (int i = 0; i < images.size(); i++) {
            vectors.add(null);
          }
          for (int n = 0; n < images.size(); n++) {
            int i = (n + offset * 3) % images.size();
            vectors.set(i, zoo.embed(images.get(i)));
          }
          return vectors;
        }));
      }
      for (Future<List<float[]>> future : futures) {
        List<float[]> vectors = future.get();
        for (int i = 0; i < images.size(); i++) {
          assertThat(vectors.get(i)).as(PHOTOS[i]).containsExactly(oneByOne.get(i));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEmptyListGivesNoVectors() {
    assertThat(zoo.embedAll(List.of())).isEmpty();
  }

  @Test
  void closingWhileOtherThreadsEmbedLetsThemFinishOrFailCleanly() throws Exception {
    OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).build();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(3);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        futures.add(pool.submit(() -> {
          started.countDown();
          int done = 0;
          try {
            for (int i = 0; i < 200; i++) {
              assertThat(embedder.embed(images.get(i % images.size()))).hasSize(1280);
              done++;
            }
          } catch (IllegalStateException e) {
            assertThat(e).hasMessageContaining("embedder is closed");
          }
          return done;
        }));
      }
      started.await();
      Thread.sleep(50);
      embedder.close(); // waits for running inferences; later calls fail with the message above
      for (Future<Integer> future : futures) {
        assertThat(future.get()).isLessThan(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void embeddingAfterCloseIsAnError() throws Exception {
    OnnxImageEmbedder embedder = OnnxImageEmbedder.builder(SharedData.mobileNetV2Zoo()).build();
    embedder.close();
    embedder.close(); // idempotent
    assertThatThrownBy(() -> embedder.embed(images.get(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void nullImagesAreRejectedWithTheirIndex() {
    List<BufferedImage> withNull = new ArrayList<>(images.subList(0, 2));
    withNull.add(null);
    assertThatThrownBy(() -> zoo.embedAll(withNull))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("index 2");
    assertThatThrownBy(() -> zoo.embed(null)).isInstanceOf(NullPointerException.class);
  }

  private static InputSpec inputOf(OnnxImageEmbedder embedder) {
    boolean uint8 = !embedder.preprocessing().encoding().isFloat();
    return new InputSpec("input", uint8 ? TensorLayout.NHWC : TensorLayout.NCHW,
        uint8 ? InputElementType.UINT8 : InputElementType.FLOAT, 224, 224, 0);
  }

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("mobilenetv2-12-int8", SharedData.mobileNetV2Zoo()),
        Arguments.of("mobilenetv2-int8-st", SharedData.mobileNetV2St()));
  }

  /** Prints the cost of embedding (preprocessing included); a guide only, nothing asserted. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void printsTheEmbeddingCostPerImage(String label, Path model) throws Exception {
    List<BufferedImage> batch = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      batch.add(images.get(i));
    }
    try (OnnxImageEmbedder embedder =
        OnnxImageEmbedder.builder(model).batchSize(8).intraOpThreads(1).build()) {
      for (int warmup = 0; warmup < 3; warmup++) {
        embedder.embedAll(batch);
      }
      int rounds = 8;
      java.lang.management.ThreadMXBean threads =
          java.lang.management.ManagementFactory.getThreadMXBean();
      long cpu = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      for (int r = 0; r < rounds; r++) {
        embedder.embedAll(batch);
      }
      double wallMs = (System.nanoTime() - wall) / 1e6 / (rounds * batch.size());
      double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / (rounds * batch.size());
      // The preprocessing share alone, on the same photos.
      InputSpec spec = inputOf(embedder);
      ImagePreprocessor preprocessor =
          new ImagePreprocessor(embedder.preprocessing(), spec.layout(), spec.elementType());
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(
          8 * preprocessor.bytesPerImage()).order(java.nio.ByteOrder.nativeOrder());
      long pre = threads.getCurrentThreadCpuTime();
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < batch.size(); i++) {
          preprocessor.write(batch.get(i), buffer, i);
        }
      }
      double preMs = (threads.getCurrentThreadCpuTime() - pre) / 1e6 / (rounds * batch.size());
      System.out.printf(
          "%s: %.2f ms/image wall, %.2f CPU-ms/image (batch 8, 1 intra-op thread), of which"
              + " preprocessing %.2f CPU-ms (photos of 0.2-0.5 MP)%n",
          label, wallMs, cpuMs, preMs);
    }
  }
}
