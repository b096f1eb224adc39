package dev.visualsearch.serve;

import static dev.visualsearch.serve.Api.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.visualsearch.personalize.store.SqliteInteractionStore;
import dev.visualsearch.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON API on the real model and photos: searches that should work, and every kind of bad
 * input, each refused with a 4xx JSON error that names the input and the reason. After every
 * test the server must still answer its health check.
 */
class ServerApiTest {

  private static SqliteInteractionStore log;
  private static SearchServer server;
  private static Api api;

  @BeforeAll
  static void start() throws IOException {
    Path logFile = Path.of("target", "serve-test", "api-interactions.db");
    Files.createDirectories(logFile.getParent());
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(logFile.resolveSibling(logFile.getFileName() + suffix));
    }
    log = SqliteInteractionStore.open(logFile);
    server = TestCollection.server(log).start();
    api = new Api(server.uri());
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    log.close();
  }

  @AfterEach
  void serverIsStillHealthy() {
    Api.Answer health = api.get("/api/health");
    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("ok");
  }

  static Stream<List<String>> pairs() {
    return SharedData.pairGroups().values().stream();
  }

  // ------------------------------------------------------------------ what should work

  @ParameterizedTest
  @MethodSource("pairs")
  void anUploadedPhotoFindsItselfFirstAndItsPartnerInTheTopFive(List<String> pair)
      throws IOException {
    String query = pair.get(0);
    String partner = pair.get(1);
    Path file = SharedData.data(query);
    Api.Answer answer = api.upload("/api/search?k=5", "image", file.getFileName().toString(),
        "application/octet-stream", Files.readAllBytes(file));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    List<String> ids = ids(answer.json());
    assertThat(ids).hasSize(5).first().isEqualTo(query);
    assertThat(ids).as("the partner of %s", query).contains(partner);

    JsonNode first = answer.json().path("results").get(0);
    assertThat(first.path("score").floatValue()).isGreaterThan(0.99f);
    assertThat(first.path("thumbnail").asText()).isEqualTo(ItemJson.thumbnailUrl(query));
    BufferedImage original = ImageIO.read(file.toFile());
    assertThat(first.path("metadata").path("path").asText()).isEqualTo(file.toString());
    assertThat(first.path("metadata").path("width").asInt()).isEqualTo(original.getWidth());
    assertThat(first.path("metadata").path("height").asInt()).isEqualTo(original.getHeight());
    assertThat(answer.json().path("query").path("filename").asText())
        .isEqualTo(file.getFileName().toString());
  }

  @Test
  void anUploadIsDecodedByItsContentWhateverItsNameAndDeclaredType() throws IOException {
    byte[] png = Files.readAllBytes(SharedData.data("pairs/graf1.png"));
    Api.Answer answer = api.upload("/api/search?k=1", "image", "notes.txt", "text/plain", png);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(ids(answer.json())).containsExactly("pairs/graf1.png");
  }

  @Test
  void kCanBeAFormFieldToo() throws IOException {
    byte[] png = Files.readAllBytes(SharedData.data("pairs/graf1.png"));
    String boundary = "b0undary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\n2\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"g.png\""
        + "\r\n\r\n";
    byte[] bytes = concat(body.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), png,
        ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Api.Answer answer =
        api.send("POST", "/api/search", "multipart/form-data; boundary=\"" + boundary + "\"", bytes);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(ids(answer.json())).hasSize(2).first().isEqualTo("pairs/graf1.png");
  }

  @Test
  void similarLeavesOutTheItemAndItsCopiesAndFindsThePartner() {
    Api.Answer answer = api.get("/api/similar/" + enc("pairs/box.png") + "?k=5");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(ids(answer.json()))
        .hasSize(5)
        .doesNotContain("pairs/box.png", TestCollection.COPY)
        .contains("pairs/box_in_scene.png");
  }

  @Test
  void searchingByAThumbnailUrlSearchesWithTheIndexedItem() {
    String url = server.uri().resolve(ItemJson.thumbnailUrl("pairs/aero1.jpg")).toString();
    Api.Answer answer = api.get("/api/search?k=3&thumbnail=" + enc(url));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(ids(answer.json())).first().isEqualTo("pairs/aero1.jpg");
    assertThat(ids(answer.json())).contains("pairs/aero3.jpg");
  }

  @Test
  void duplicatesOfAnItemAreItsCopies() {
    Api.Answer answer = api.get("/api/duplicates/" + enc("pairs/box.png"));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    JsonNode json = answer.json();
    assertThat(json.path("exact").asBoolean()).isTrue();
    assertThat(ids(json.path("duplicates"))).containsExactly(TestCollection.COPY);
    assertThat(json.path("duplicates").get(0).path("score").floatValue()).isGreaterThan(0.999f);

    Api.Answer alone = api.get("/api/duplicates/" + enc("pairs/graf1.png"));
    assertThat(alone.status()).isEqualTo(200);
    assertThat(alone.json().path("duplicates").size()).isZero();
    assertThat(alone.json().path("keep").asText()).isEqualTo("pairs/graf1.png");
  }

  @Test
  void thumbnailsAreSmallJpegsOfTheIndexedImage() throws IOException {
    Api.Answer answer = api.get(ItemJson.thumbnailUrl("pairs/leuvenA.jpg"));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualTo("image/jpeg");
    BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(answer.body()));
    BufferedImage original = ImageIO.read(SharedData.data("pairs/leuvenA.jpg").toFile());
    assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isEqualTo(256);
    assertThat((double) thumbnail.getWidth() / thumbnail.getHeight())
        .isCloseTo((double) original.getWidth() / original.getHeight(), org.assertj.core.api.Assertions.within(0.02));
    assertThat(answer.body().length).isLessThan((int) Files.size(SharedData.data("pairs/leuvenA.jpg")));
  }

  @Test
  void infoDescribesTheCollectionAndItsModel() {
    JsonNode info = api.get("/api/info").json();
    assertThat(info.path("size").asInt()).isEqualTo(TestCollection.search().size());
    assertThat(info.path("dimension").asInt()).isEqualTo(1280);
    assertThat(info.path("indexKind").asText()).isEqualTo("flat");
    assertThat(info.path("metric").asText()).isEqualTo("cosine");
    assertThat(info.path("modelFingerprint").asText())
        .isEqualTo(TestCollection.search().embedder().fingerprint());
  }

  @Test
  void interactionsAreRecordedAndReadBackPerUser() {
    Api.Answer recorded = api.postJson("/api/interactions", """
        [{"user": "alice", "image": "pairs/box.png", "type": "click"},
         {"user": "alice", "image": "pairs/box.png", "type": "dwell", "dwellMs": 1500,
          "timestamp": "2026-01-02T03:04:05Z"},
         {"user": "bob", "image": "pairs/graf1.png", "type": "like"}]""");
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    assertThat(recorded.json().path("recorded").asInt()).isEqualTo(3);
    Api.Answer single = api.postJson("/api/interactions",
        "{\"user\": \"alice\", \"image\": \"pairs/aero1.jpg\", \"type\": \"PURCHASE\"}");
    assertThat(single.status()).as(single.toString()).isEqualTo(201);

    // Oldest first by timestamp: the dwell was sent with an earlier one.
    JsonNode alice = api.get("/api/interactions?user=alice").json().path("interactions");
    assertThat(alice).hasSize(3);
    assertThat(alice.get(0).path("dwellMs").asLong()).isEqualTo(1500);
    assertThat(alice.get(0).path("timestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(alice.get(1).path("type").asText()).isEqualTo("click");
    assertThat(alice.get(2).path("type").asText()).isEqualTo("purchase");
    assertThat(alice.get(2).path("timestamp").asText()).isNotBlank();
    JsonNode bob = api.get("/api/interactions?user=bob").json().path("interactions");
    assertThat(bob).hasSize(1);
    assertThat(bob.get(0).path("image").asText()).isEqualTo("pairs/graf1.png");
  }

  // ------------------------------------------------------------------ bad input

  @Test
  void anOversizedUploadIs413() {
    byte[] big = new byte[5 * 1024 * 1024];
    new Random(7).nextBytes(big);
    assertError(api.upload("/api/search", "image", "big.jpg", "image/jpeg", big), 413,
        "the upload is too large", "the limit is " + 4L * 1024 * 1024 + " bytes");
  }

  static Stream<Path> badFiles() throws IOException {
    try (Stream<Path> files = Files.list(SharedData.data("formats"))) {
      List<Path> bad = files.filter(f -> f.getFileName().toString().startsWith("bad-")).sorted().toList();
      assertThat(bad).hasSize(5);
      return bad.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void eachBadImageIsRefusedNamingTheUploadAndTheReason(Path file) throws IOException {
    String name = file.getFileName().toString();
    Api.Answer answer =
        api.upload("/api/search", "image", name, "image/jpeg", Files.readAllBytes(file));
    Map<String, String> reasons = Map.of(
        "bad-empty.jpg", "no bytes to decode",
        "bad-huge-dimensions.png", "more than this decoder's limit",
        "bad-random.png", "not",
        "bad-text-named.jpg", "not",
        "bad-truncated.jpg", "truncated");
    int status = name.equals("bad-huge-dimensions.png") ? 413 : 400;
    String message = assertError(answer, status, "upload '" + name + "'", reasons.get(name));
    System.out.println(name + ": " + message);
  }

  @Test
  void aPixelBombIsRefusedBeforeDecodingEvenUnderTheUploadLimit() throws IOException {
    byte[] bomb = Files.readAllBytes(SharedData.data("formats/bad-huge-dimensions.png"));
    assertThat(bomb.length).isLessThan(4 * 1024 * 1024);
    assertError(api.upload("/api/search", "image", "x.png", "image/png", bomb), 413,
        "pixels", "limit of " + SearchServer.Builder.DEFAULT_MAX_PIXELS);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/thumbs/..%2F..%2F..%2Fetc%2Fpasswd.jpg",
      "/thumbs/%2Fetc%2Fpasswd.jpg",
      "/api/similar/..%2F..%2Fetc%2Fpasswd",
      "/api/duplicates/..%2Fpairs%2Fbox.png"})
  void pathTraversalNamesNoIndexedItem(String path) {
    assertError(api.get(path), 404, "no ", "indexed item");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/thumbs/../../etc/passwd.jpg", "/thumbs/pairs/box.png.jpg",
      "/../../etc/passwd", "/index.html/../../pom.xml"})
  void pathsOutsideTheRoutesAreNotFound(String path) {
    assertError(api.get(path), 404, "no such endpoint");
  }

  @Test
  void anIndexedItemsFilePathIsNotAThumbnailId() {
    String path = SharedData.data("pairs/box.png").toString();
    assertError(api.get("/thumbs/" + enc(path) + ".jpg"), 404, "no thumbnail for '" + path + "'");
  }

  @Test
  void aThumbnailUrlThatIsNotOneOfOursIsRefused() {
    assertError(api.get("/api/search?thumbnail=" + enc("file:///etc/passwd")), 400,
        "file:///etc/passwd", "is not the URL of an indexed item's thumbnail");
    assertError(api.get("/api/search?thumbnail=" + enc("/thumbs/..%2Fsecret.jpg")), 404,
        "no indexed item with the id '../secret'");
    assertError(api.get("/api/search"), 400, "needs ?thumbnail=");
  }

  @Test
  void unknownIdsAre404NamingTheId() {
    assertError(api.get("/api/similar/" + enc("pairs/nope.png")), 404,
        "no indexed item with the id 'pairs/nope.png'");
    assertError(api.get("/api/duplicates/nope"), 404, "no indexed item with the id 'nope'");
    assertError(api.get("/thumbs/nope.jpg"), 404, "no thumbnail for 'nope'");
  }

  @Test
  void wrongMethodsAre405WithTheAllowedOnes() {
    assertError(api.send("DELETE", "/api/search", null, null), 405, "DELETE", "/api/search",
        "allowed: POST, GET");
    assertError(api.send("PUT", "/api/interactions", "application/json", "{}".getBytes()), 405,
        "PUT");
    assertError(api.send("POST", "/api/similar/" + enc("pairs/box.png"), null, null), 405, "POST");
    assertError(api.get("/api/nothing"), 404, "no such endpoint: GET /api/nothing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "101", "-3", "many"})
  void aBadKIs400(String k) {
    assertError(api.get("/api/similar/" + enc("pairs/box.png") + "?k=" + k), 400, "k must be");
  }

  @Test
  void anUploadThatIsNotAMultipartImageIs400() throws IOException {
    byte[] png = Files.readAllBytes(SharedData.data("pairs/graf1.png"));
    assertError(api.send("POST", "/api/search", "image/png", png), 400, "multipart/form-data",
        "image/png");
    assertError(api.upload("/api/search", "file", "g.png", "image/png", png), 400,
        "no field named 'image'", "file");
    assertError(api.send("POST", "/api/search", "multipart/form-data; boundary=xyz",
        "--xyz\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nabc".getBytes()), 400,
        "malformed multipart/form-data body");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{not json",
      "[1, 2]",
      "\"click\"",
      "",
      "{\"user\": \"u\", \"image\": \"pairs/box.png\"}",
      "{\"user\": \"u\", \"image\": \"pairs/box.png\", \"type\": \"stare\"}",
      "{\"user\": \"u\", \"image\": \"pairs/box.png\", \"type\": \"dwell\"}",
      "{\"user\": \"u\", \"image\": \"pairs/box.png\", \"type\": \"dwell\", \"dwellMs\": -5}",
      "{\"user\": \"u\", \"image\": \"pairs/box.png\", \"type\": \"click\", \"dwellMs\": 5}",
      "{\"user\": 7, \"image\": \"pairs/box.png\", \"type\": \"click\"}",
      "{\"user\": \"u\", \"image\": \"pairs/box.png\", \"type\": \"click\", \"timestamp\": \"yesterday\"}",
      "{\"user\": \"u\", \"image\": \"pairs/nope.png\", \"type\": \"click\"}",
      "{\"user\": \"u\", \"image\": \"pairs/box.png\", \"type\": \"click\"} trailing"})
  void aMalformedInteractionIs400AndNothingIsRecorded(String body) throws IOException {
    String message = assertError(api.postJson("/api/interactions", body), 400, "interactions: ");
    System.out.println(body + " -> " + message);
    assertThat(log.forUser("u", 10)).isEmpty();
  }

  @Test
  void aBatchKeepsItsGoodEventsAndListsTheBadOnesWithTheirReasons() throws IOException {
    Api.Answer answer = api.postJson("/api/interactions", """
        [{"user": "mixed", "image": "pairs/box.png", "type": "click", "queryId": "q-1"},
         {"user": "mixed", "image": "pairs/box.png", "type": "stare"},
         {"user": "mixed", "image": "pairs/nope.png", "type": "click"},
         {"user": "mixed", "image": "pairs/box.png", "type": "dwell", "dwellMs": -1},
         {"image": "pairs/box.png", "type": "click"},
         {"user": "mixed", "image": "pairs/graf1.png", "type": "like"},
         {"user": "mixed", "image": "pairs/box.png", "type": "click", "timestamp": "2999-01-01T00:00:00Z"}]""");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    assertThat(answer.json().path("recorded").asInt()).isEqualTo(2);
    JsonNode rejected = answer.json().path("rejected");
    assertThat(rejected).extracting(node -> node.path("index").asInt()).containsExactly(1, 2, 3, 4, 6);
    assertThat(rejected.get(0).path("reason").asText()).contains("unknown interaction type 'stare'");
    assertThat(rejected.get(1).path("reason").asText()).contains("'pairs/nope.png' is not an indexed item");
    assertThat(rejected.get(2).path("reason").asText()).contains("dwellMs must be between 0");
    assertThat(rejected.get(3).path("reason").asText()).contains("missing user");
    assertThat(rejected.get(4).path("reason").asText()).contains("is in the future");
    assertThat(log.forUser("mixed", 10)).extracting(i -> i.image() + " " + i.type().jsonName() + " " + i.queryId())
        .containsExactlyInAnyOrder("pairs/box.png click q-1", "pairs/graf1.png like null");
  }

  @Test
  void searchesForAUserAreReRankedAndExplainTheirScores() throws IOException {
    String query = "/api/similar/" + enc("pairs/box.png") + "?k=8";
    JsonNode anonymous = api.get(query).json();
    assertThat(anonymous.path("personalized").asBoolean()).isFalse();
    assertThat(anonymous.path("queryId").asText()).isNotBlank();
    JsonNode before = api.get(query + "&user=fan").json();
    assertThat(before.path("personalized").asBoolean()).isTrue();
    List<dev.visualsearch.personalize.LoggedSearch> logged = new ArrayList<>();
    log.scanSearches(java.time.Instant.MIN, java.time.Instant.MAX, logged::add);
    assertThat(logged).as("a search for a user is logged, one without is not")
        .anySatisfy(search -> {
          assertThat(search.queryId()).isEqualTo(before.path("queryId").asText());
          assertThat(search.user()).isEqualTo("fan");
          assertThat(search.image()).isEqualTo("pairs/box.png");
        })
        .noneMatch(search -> search.queryId().equals(anonymous.path("queryId").asText()));
    assertThat(before.path("queryId").asText()).isNotEqualTo(anonymous.path("queryId").asText());
    for (JsonNode hit : before.path("results")) {
      assertThat(hit.path("score").asDouble()).isCloseTo(hit.path("visual").asDouble()
          + hit.path("taste").asDouble() + hit.path("engagement").asDouble(), within(1e-6));
    }
    // Everyone buys the last result whenever it is shown: it climbs for the fan.
    List<String> ids = new ArrayList<>();
    before.path("results").forEach(hit -> ids.add(hit.path("id").asText()));
    String favourite = ids.get(ids.size() - 1);
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 20; i++) {
      for (String id : ids) {
        batch.append("{\"user\": \"shopper").append(i).append("\", \"image\": \"").append(id)
            .append("\", \"type\": \"impression\"},");
      }
      batch.append("{\"user\": \"shopper").append(i).append("\", \"image\": \"")
          .append(favourite).append("\", \"type\": \"purchase\"},");
    }
    batch.setLength(batch.length() - 1);
    Api.Answer recorded = api.postJson("/api/interactions", batch.append("]").toString());
    assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
    JsonNode after = api.getWithCookie(query, "vs_user=fan").json();
    assertThat(after.path("personalized").asBoolean()).isTrue();
    List<String> reranked = new ArrayList<>();
    after.path("results").forEach(hit -> reranked.add(hit.path("id").asText()));
    assertThat(reranked.indexOf(favourite)).isLessThan(ids.indexOf(favourite));
    assertThat(api.get(query).json().path("results").get(7).path("id").asText())
        .as("without a user the visual order stands").isEqualTo(favourite);
  }

  @Test
  void usersDeclareCategoriesAndAttributesAndReadThemBack() throws IOException {
    Api.Answer put = api.send("PUT", "/api/users/" + enc("new/comer"), "application/json", """
        {"preferredCategories": ["animals/birds", "food"],
         "attributes": {"device": "mobile", "location": "Leuven"}, "futureField": [1]}"""
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    JsonNode user = api.get("/api/users/" + enc("new/comer")).json();
    assertThat(user.path("id").asText()).isEqualTo("new/comer");
    assertThat(user.path("preferredCategories")).extracting(JsonNode::asText)
        .containsExactly("animals/birds", "food");
    assertThat(user.path("attributes").path("device").asText()).isEqualTo("mobile");
    assertThat(log.user("new/comer")).hasValueSatisfying(
        stored -> assertThat(stored.attributes()).containsEntry("location", "Leuven"));
    assertError(api.get("/api/users/nobody"), 404, "no user 'nobody'");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{not json", "[]", "{\"preferredCategories\": \"birds\"}",
      "{\"preferredCategories\": [3]}", "{\"attributes\": {\"device\": 1}}",
      "{\"attributes\": {\"device\": \"\"}}", "{} trailing"})
  void aMalformedUserIs400AndNothingIsStored(String body) throws IOException {
    assertError(api.send("PUT", "/api/users/odd", "application/json",
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 400, "user 'odd': ");
    assertThat(log.user("odd")).isEmpty();
  }

  @Test
  void readingInteractionsNeedsAUser() {
    assertError(api.get("/api/interactions"), 400, "?user=");
    assertError(api.get("/api/interactions?user=alice&limit=0"), 400, "limit must be");
  }

  @Test
  void anOversizedInteractionBodyIs413() {
    String body = "[" + "{\"user\": \"u\", \"image\": \"pairs/box.png\", \"type\": \"click\"},"
        .repeat(2000) + "]";
    assertError(api.postJson("/api/interactions", body), 413, "the interactions body is too large");
  }

  // ------------------------------------------------------------------ helpers

  static List<String> ids(JsonNode answer) {
    JsonNode results = answer.has("results") ? answer.path("results") : answer;
    List<String> ids = new ArrayList<>();
    results.forEach(result -> ids.add(result.path("id").asText()));
    return ids;
  }

  static String enc(String text) {
    return Exchanges.encodePathSegment(text);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
