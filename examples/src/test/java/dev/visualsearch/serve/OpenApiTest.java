package dev.visualsearch.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visualsearch.personalize.store.SqliteInteractionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The OpenAPI description and the server's routes name the same endpoints, no more, no less. */
class OpenApiTest {

  private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");

  @Test
  void everyRouteIsDescribedAndEveryDescribedOperationIsARoute() throws IOException {
    Path logFile = Files.createTempFile("interactions", ".db");
    try (SqliteInteractionStore log = SqliteInteractionStore.open(logFile);
        SearchServer server = TestCollection.server(log).start()) {
      Api.Answer served = new Api(server.uri()).get("/api/openapi.json");
      assertThat(served.status()).isEqualTo(200);
      JsonNode spec = served.json();
      assertThat(spec.path("openapi").asText()).startsWith("3.");

      List<String> described = new ArrayList<>();
      spec.path("paths").fields().forEachRemaining(path -> {
        for (String method : METHODS) {
          if (path.getValue().has(method)) {
            described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
          }
        }
      });
      assertThat(server.routes()).hasSize(15);
      assertThat(described).containsExactlyInAnyOrderElementsOf(server.routes());
      // The served copy is the resource file, parsed the same.
      assertThat(spec).isEqualTo(new ObjectMapper().readTree(StaticFiles.read("openapi.json")));
    } finally {
      Files.deleteIfExists(logFile);
    }
  }
}
