package dev.visualsearch.personalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.VisualSearch;
import dev.visualsearch.personalize.Interaction.Type;
import dev.visualsearch.personalize.store.SqliteInteractionStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-ranking the real tuxpaint collection through a real SQLite store. */
class PersonalizedSearchTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static VisualSearch search;
  private static Map<String, String> categories;

  @TempDir Path dir;

  @BeforeAll
  static void collection() {
    search = TuxpaintCollection.search();
    categories = TuxpaintCollection.categories();
  }

  private static List<String> inCategory(String category) {
    return categories.entrySet().stream().filter(e -> e.getValue().equals(category))
        .map(Map.Entry::getKey).sorted().toList();
  }

  private static String firstOtherThan(String category) {
    return categories.entrySet().stream().filter(e -> !e.getValue().equals(category))
        .map(Map.Entry::getKey).sorted().findFirst().orElseThrow();
  }

  @Test
  void zeroWeightsGiveExactlyTheVisualRanking() throws IOException {
    try (InteractionStore store = SqliteInteractionStore.open(dir.resolve("i.db"))) {
      List<RawInteraction> events = new ArrayList<>();
      for (String image : search.ids().subList(0, 50)) {
        events.add(RawInteraction.of(new Interaction("ann", image, Type.PURCHASE, 0, NOW)));
      }
      store.append(events);
      PersonalizedSearch personalized = PersonalizedSearch.builder(search, store)
          .weights(new RerankWeights(0, 0, 20, 100)).clock(CLOCK).build();
      for (String id : search.ids().subList(0, 40)) {
        assertThat(personalized.similar(id, 10, "ann")).extracting(RankedHit::id)
            .containsExactlyElementsOf(search.similar(id, 10).ids());
      }
    }
  }

  @Test
  void aUserWhoLikesBirdsSeesMoreBirdsAndAStrangerDoesNot() throws IOException {
    List<String> birds = inCategory("animals/birds");
    assertThat(birds).hasSizeGreaterThan(4);
    try (InteractionStore store = SqliteInteractionStore.open(dir.resolve("i.db"))) {
      PersonalizedSearch personalized = PersonalizedSearch.builder(search, store)
          .weights(new RerankWeights(0.3, 0, 20, 100)).clock(CLOCK).build();
      List<RawInteraction> likes = new ArrayList<>();
      for (String bird : birds) {
        likes.add(RawInteraction.of(new Interaction("birder", bird, Type.LIKE, 0, NOW)));
      }
      assertThat(personalized.record(likes).allStored()).isTrue();
      int moreBirds = 0;
      int queries = 0;
      for (String query : search.ids()) {
        if (birds.contains(query) || queries >= 40) {
          continue;
        }
        queries++;
        long visualBirds = search.similar(query, 10).ids().stream().filter(birds::contains).count();
        long forBirder = personalized.similar(query, 10, "birder").stream()
            .map(RankedHit::id).filter(birds::contains).count();
        List<String> forStranger = personalized.similar(query, 10, "stranger").stream()
            .map(RankedHit::id).toList();
        assertThat(forBirder).isGreaterThanOrEqualTo(visualBirds);
        assertThat(forStranger).isEqualTo(search.similar(query, 10).ids());
        moreBirds += forBirder > visualBirds ? 1 : 0;
      }
      System.out.println(moreBirds + " of " + queries + " non-bird queries show more birds to the birder");
      assertThat(moreBirds).isGreaterThan(queries / 4);
    }
  }

  @Test
  void aNewUserWhoDeclaredACategoryStartsWithItsTaste() throws IOException {
    List<String> birds = inCategory("animals/birds");
    try (InteractionStore store = SqliteInteractionStore.open(dir.resolve("i.db"))) {
      store.putUser(new User("newcomer", Set.of("animals/birds"), Map.of(User.DEVICE, "mobile")));
      PersonalizedSearch personalized = PersonalizedSearch.builder(search, store)
          .weights(new RerankWeights(0.3, 0, 20, 100)).categories(categories).clock(CLOCK).build();
      TasteVector taste = personalized.taste("newcomer").orElseThrow();
      double birdSimilarity = birds.stream()
          .mapToDouble(id -> taste.similarity(search.vector(id).orElseThrow())).average().orElseThrow();
      String other = firstOtherThan("animals/birds");
      assertThat(birdSimilarity).isGreaterThan(taste.similarity(search.vector(other).orElseThrow()));
      assertThat(personalized.taste("nobody")).isEmpty();
    }
  }

  @Test
  void impressionsDoNotCrowdEngagementsOutOfTheTasteHistory() throws IOException {
    String liked = search.ids().get(3);
    try (InteractionStore store = SqliteInteractionStore.open(dir.resolve("i.db"))) {
      List<RawInteraction> events = new ArrayList<>();
      events.add(RawInteraction.of(new Interaction("busy", liked, Type.LIKE, 0, NOW.minusSeconds(3600))));
      for (int i = 0; i < 600; i++) {
        events.add(RawInteraction.of(new Interaction("busy", search.ids().get(i % 300), Type.IMPRESSION,
            0, NOW.minusSeconds(600 - i))));
      }
      store.append(events);
      PersonalizedSearch personalized = PersonalizedSearch.builder(search, store)
          .historyLimit(500).clock(CLOCK).build();
      TasteVector taste = personalized.taste("busy").orElseThrow();
      assertThat(taste.similarity(search.vector(liked).orElseThrow())).isGreaterThan(0.5);
    }
  }

  @Test
  void eventsFromTheFutureAreRefusedAndNotCounted() throws IOException {
    String image = search.ids().get(9);
    try (InteractionStore store = SqliteInteractionStore.open(dir.resolve("i.db"))) {
      // Stored by another tool: kept in the store, left out of the scores.
      store.append(List.of(RawInteraction.of(
          new Interaction("a", image, Type.PURCHASE, 0, NOW.plus(java.time.Duration.ofDays(365))))));
      PersonalizedSearch personalized = PersonalizedSearch.builder(search, store).clock(CLOCK).build();
      assertThat(personalized.engagement().hasInteractions(image)).isFalse();
      List<RawInteraction> batch = new ArrayList<>();
      batch.add(new RawInteraction("a", image, "click", null, NOW.plusSeconds(60), null));
      batch.add(null);
      batch.add(new RawInteraction("a", image, "click", null, NOW.plusSeconds(3600), null));
      AppendResult result = personalized.record(batch);
      assertThat(result.stored()).isEqualTo(1);
      assertThat(result.rejected()).extracting(AppendResult.Rejection::index).containsExactly(1, 2);
      assertThat(result.rejected().get(0).reason()).contains("null");
      assertThat(result.rejected().get(1).reason()).contains("is in the future");
      assertThat(personalized.engagement().score(image, NOW.plusSeconds(60))).isEqualTo(1);
      assertThat(store.size()).isEqualTo(2);
    }
  }

  @Test
  void engagementIsReadFromTheStoreAtBuildAndFollowsRecordedEvents() throws IOException {
    String image = search.ids().get(7);
    try (InteractionStore store = SqliteInteractionStore.open(dir.resolve("i.db"))) {
      store.append(List.of(RawInteraction.of(new Interaction("a", image, Type.PURCHASE, 0, NOW))));
      PersonalizedSearch personalized = PersonalizedSearch.builder(search, store).clock(CLOCK).build();
      assertThat(personalized.engagement().score(image, NOW)).isEqualTo(5);
      AppendResult result = personalized.record(List.of(
          new RawInteraction("a", image, "click", null, NOW, "q1"),
          new RawInteraction("a", image, "stare", null, NOW, "q1"),
          new RawInteraction("a", image, "like", null, NOW, "q1")));
      assertThat(result.stored()).isEqualTo(2);
      assertThat(result.rejected()).singleElement().satisfies(r -> {
        assertThat(r.index()).isEqualTo(1);
        assertThat(r.reason()).contains("stare");
      });
      assertThat(personalized.engagement().score(image, NOW)).isEqualTo(8);
      assertThat(store.size()).isEqualTo(3);
    }
  }
}
