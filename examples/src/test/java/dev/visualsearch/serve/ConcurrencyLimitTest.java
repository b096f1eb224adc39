package dev.visualsearch.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.personalize.store.SqliteInteractionStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * With a limit of one request at a time, a request in progress (an upload whose body is still
 * coming) makes the next one a 503 JSON; the health check still answers, and once the upload
 * ends the server answers again.
 */
class ConcurrencyLimitTest {

  @Test
  void requestsBeyondTheLimitGet503UntilTheBusyOneEnds() throws Exception {
    Path logFile = Files.createTempFile("interactions", ".db");
    try (SqliteInteractionStore log = SqliteInteractionStore.open(logFile);
        SearchServer server = TestCollection.server(log).maxConcurrentRequests(1)
            .queueTimeout(java.time.Duration.ofMillis(200)).start()) {
      Api api = new Api(server.uri());
      String similar = "/api/similar/" + Exchanges.encodePathSegment("pairs/box.png") + "?k=3";
      assertThat(api.get(similar).status()).isEqualTo(200);

      Api.Answer busy;
      try (Socket slowUpload = new Socket("127.0.0.1", server.port())) {
        OutputStream out = slowUpload.getOutputStream();
        out.write(("POST /api/search HTTP/1.1\r\nHost: localhost\r\nContent-Type:"
            + " multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        // The upload's handler takes the one permit as soon as its thread picks it up.
        long deadline = System.nanoTime() + 10_000_000_000L;
        do {
          busy = api.get(similar);
        } while (busy.status() != 503 && System.nanoTime() < deadline);
        Api.assertError(busy, 503, "the server is busy", "1 requests are being answered",
            "within 200 ms");
        assertThat(api.get("/api/health").status()).isEqualTo(200);
      }
      // The upload's connection closed mid-body: its handler fails, frees the permit.
      long deadline = System.nanoTime() + 10_000_000_000L;
      Api.Answer after;
      do {
        after = api.get(similar);
      } while (after.status() != 200 && System.nanoTime() < deadline);
      assertThat(after.status()).as(after.toString()).isEqualTo(200);
    } finally {
      Files.deleteIfExists(logFile);
    }
  }
}
