package dev.visualsearch.image;

import static dev.visualsearch.image.ImageDecoderFormatsTest.formats;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ImageDecoderConcurrencyTest {

  @Test
  void oneDecoderServesManyThreadsWithIdenticalResults() throws Exception {
    ImageDecoder decoder = ImageDecoder.defaults();
    String[] names = {"baseline.jpg", "exif-orientation-6.jpg", "rgba.png", "gray.png",
        "image.gif", "lossy.webp", "cmyk.jpg", "bad-truncated.jpg"};
    List<byte[]> expected = new ArrayList<>();
    for (String name : names) {
      expected.add(decodeOrMessage(decoder, name));
    }

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (String name : names) {
          results.add(pool.submit(() -> decodeOrMessage(decoder, name)));
        }
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).as(names[i % names.length])
            .isEqualTo(expected.get(i % names.length));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The decoded bytes, or the failure message for a bad file, so both can be compared. */
  private static byte[] decodeOrMessage(ImageDecoder decoder, String name) throws IOException {
    try {
      return RgbConversion.bgrBytes(decoder.decode(formats(name)));
    } catch (ImageDecodeException e) {
      return e.getMessage().getBytes(StandardCharsets.UTF_8);
    }
  }
}
