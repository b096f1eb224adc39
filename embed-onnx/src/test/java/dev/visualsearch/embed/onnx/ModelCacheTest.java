package dev.visualsearch.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.visualsearch.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download path against the JDK's HTTP server serving the real files of shared/models:
 * success, a wrong checksum, server errors, truncated bodies, a stalled server, redirects, and the
 * offline model directory.
 */
class ModelCacheTest {

  private static final String ZOO_FILE = "mobilenetv2-12-int8/mobilenetv2-12-int8.onnx";
  private static final String ZOO_SHA256 =
      "83530ad811bc31d2b60a5599a21265a5057608c9b044b4ee758cc22f2309f54f";

  @TempDir Path cacheDir;

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch releaseStalled = new CountDownLatch(1);
  private byte[] modelBytes;

  @BeforeEach
  void startServer() throws IOException {
    modelBytes = Files.readAllBytes(SharedData.model(ZOO_FILE));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    // /models/<path>: the file under shared/models, with its Content-Length.
    server.createContext("/models/", exchange -> {
      requests.incrementAndGet();
      String relative = exchange.getRequestURI().getPath().substring("/models/".length());
      Path file = SharedData.root().resolve("models").resolve(relative).normalize();
      if (!file.startsWith(SharedData.root().resolve("models")) || !Files.isRegularFile(file)) {
        send(exchange, 404, new byte[0]);
      } else {
        send(exchange, 200, Files.readAllBytes(file));
      }
    });
    server.createContext("/error", exchange -> {
      requests.incrementAndGet();
      send(exchange, 500, "boom".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    });
    // Declares the full length, sends half, closes the connection.
    server.createContext("/truncated", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(200, modelBytes.length);
      OutputStream body = exchange.getResponseBody();
      body.write(modelBytes, 0, modelBytes.length / 2);
      body.flush();
      exchange.close();
    });
    // Chunked (no declared length), half the bytes: only the checksum can tell.
    server.createContext("/chunked-half", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(modelBytes, 0, modelBytes.length / 2);
      }
    });
    server.createContext("/stalled", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(200, modelBytes.length);
      OutputStream body = exchange.getResponseBody();
      body.write(modelBytes, 0, 1000);
      body.flush();
      try {
        releaseStalled.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    server.createContext("/redirect", exchange -> {
      requests.incrementAndGet();
      exchange.getResponseHeaders().add("Location", url("/models/" + ZOO_FILE).toString());
      send(exchange, 302, new byte[0]);
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    releaseStalled.countDown();
    server.stop(0);
  }

  @Test
  void downloadsVerifiesAndStoresUnderTheModelsName() throws Exception {
    KnownModel model = model(url("/models/" + ZOO_FILE), ZOO_SHA256);
    Path file = cache().fetch(model);

    assertThat(file).isEqualTo(cacheDir.resolve("test-model").resolve("test-model.onnx"));
    assertThat(Files.readAllBytes(file)).isEqualTo(modelBytes);
    assertThat(ModelCache.sha256(file)).isEqualTo(ZOO_SHA256);
    assertThat(filesUnder(cacheDir)).containsExactly(file);
    assertThat(requests).hasValue(1);

    // A second fetch finds the verified file and does not download again.
    assertThat(cache().fetch(model)).isEqualTo(file);
    assertThat(requests).hasValue(1);

    // The fetched file is usable with the model's settings.
    try (OnnxImageEmbedder embedder = model.embedderBuilder(file).build()) {
      assertThat(embedder.dimension()).isEqualTo(1280);
      assertThat(embedder.modelSha256()).isEqualTo(ZOO_SHA256);
    }
  }

  @Test
  void followsRedirects() throws Exception {
    Path file = cache().fetch(model(url("/redirect"), ZOO_SHA256));
    assertThat(Files.readAllBytes(file)).isEqualTo(modelBytes);
    assertThat(requests).hasValue(2);
  }

  @Test
  void aWrongChecksumIsAnErrorAndLeavesNothing() throws IOException {
    String wrong = "0".repeat(64);
    assertThatThrownBy(() -> cache().fetch(model(url("/models/" + ZOO_FILE), wrong)))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining(wrong)
        .hasMessageContaining(ZOO_SHA256)
        .hasMessageContaining(String.valueOf(modelBytes.length))
        .satisfies(e -> assertThat(((ChecksumMismatchException) e).actual()).isEqualTo(ZOO_SHA256));
    assertThat(filesUnder(cacheDir)).isEmpty();
  }

  @Test
  void aServerErrorIsAnErrorNamingTheStatusAndLeavesNothing() throws IOException {
    URI url = url("/error");
    assertThatThrownBy(() -> cache().fetch(model(url, ZOO_SHA256)))
        .isInstanceOf(ModelDownloadException.class)
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining(url.toString());
    assertThat(filesUnder(cacheDir)).isEmpty();
  }

  @Test
  void aMissingFileIsAnErrorNamingTheStatus() throws IOException {
    assertThatThrownBy(() -> cache().fetch(model(url("/models/no-such.onnx"), ZOO_SHA256)))
        .isInstanceOf(ModelDownloadException.class)
        .hasMessageContaining("HTTP 404");
    assertThat(filesUnder(cacheDir)).isEmpty();
  }

  @Test
  void aTruncatedBodyIsAnErrorAndLeavesNothing() throws IOException {
    assertThatThrownBy(() -> cache().fetch(model(url("/truncated"), ZOO_SHA256)))
        .isInstanceOf(ModelDownloadException.class)
        .hasMessageContaining("of " + modelBytes.length);
    assertThat(filesUnder(cacheDir)).isEmpty();
  }

  @Test
  void aTruncatedBodyWithoutDeclaredLengthFailsTheChecksum() throws IOException {
    assertThatThrownBy(() -> cache().fetch(model(url("/chunked-half"), ZOO_SHA256)))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining(modelBytes.length / 2 + " bytes");
    assertThat(filesUnder(cacheDir)).isEmpty();
  }

  @Test
  void aStalledServerRunsIntoTheReadTimeoutAndLeavesNothing() throws IOException {
    ModelCache impatient =
        ModelCache.builder().directory(cacheDir).readTimeout(Duration.ofMillis(300)).build();
    assertThatThrownBy(() -> impatient.fetch(model(url("/stalled"), ZOO_SHA256)))
        .isInstanceOf(ModelDownloadException.class)
        .hasMessageContaining("no data for 300 ms after 1000 bytes");
    assertThat(filesUnder(cacheDir)).isEmpty();
  }

  @Test
  void aDamagedCachedFileIsReplacedByAFreshDownload() throws Exception {
    Path target = cacheDir.resolve("test-model").resolve("test-model.onnx");
    Files.createDirectories(target.getParent());
    Files.write(target, new byte[] {1, 2, 3});
    Path file = cache().fetch(model(url("/models/" + ZOO_FILE), ZOO_SHA256));
    assertThat(Files.readAllBytes(file)).isEqualTo(modelBytes);
    assertThat(requests).hasValue(1);
  }

  @Test
  void theOfflineDirectoryIsUsedWithoutTheNetworkAndStillVerified() throws Exception {
    Path models = SharedData.root().resolve("models");
    ModelCache offline =
        ModelCache.builder().directory(cacheDir).offlineDirectory(models).build();
    // The registry's own entries find shared/models/<name>/<file>.
    for (String name : List.of("mobilenetv2-12-int8", "mobilenetv2-int8-st")) {
      KnownModel known = ModelRegistry.get(name);
      Path file = offline.fetch(known);
      assertThat(file).startsWith(models);
      assertThat(ModelCache.sha256(file)).isEqualTo(known.sha256());
    }
    assertThat(requests).hasValue(0);
    assertThat(filesUnder(cacheDir)).isEmpty();

    assertThatThrownBy(() -> offline.fetch(ModelRegistry.get("resnet50-v1")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("resnet50-v1")
        .hasMessageContaining("downloads are off");

    KnownModel wrongHash =
        new KnownModel("mobilenetv2-12-int8", "test", url("/x.onnx"), "mobilenetv2-12-int8.onnx",
            "1".repeat(64), Preprocessing.torchvision(), null);
    assertThatThrownBy(() -> offline.fetch(wrongHash))
        .isInstanceOf(ChecksumMismatchException.class)
        .hasMessageContaining(ZOO_SHA256);
    assertThat(requests).hasValue(0);
  }

  @Test
  void builderRejectsBadTimeouts() {
    assertThatThrownBy(() -> ModelCache.builder().readTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("read timeout");
    assertThatThrownBy(() -> ModelCache.builder().connectTimeout(Duration.ofDays(100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connect timeout");
  }

  private ModelCache cache() {
    return ModelCache.builder().directory(cacheDir).build();
  }

  private static KnownModel model(URI url, String sha256) {
    return new KnownModel("test-model", "a model served by the test", url, "test-model.onnx",
        sha256, Preprocessing.torchvision().withSize(224), null);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
