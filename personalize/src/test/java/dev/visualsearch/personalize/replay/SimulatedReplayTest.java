package dev.visualsearch.personalize.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.VisualSearch;
import dev.visualsearch.personalize.RerankWeights;
import dev.visualsearch.personalize.TasteVector;
import dev.visualsearch.personalize.TuxpaintCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Re-ranking on simulated users of the real tuxpaint collection (real embeddings): the log of 200
 * users × 12 searches is replayed; searches of the last 4 of the 12 days are held out. The default
 * weights were chosen on seeds 1 and 2; this seed was not used to choose them.
 */
class SimulatedReplayTest {

  private static final long SEED = Long.getLong("visualsearch.seed", 20261128L);
  private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");

  private static VisualSearch search;
  private static SimulatedLog log;
  private static ReplayEvaluation evaluation;

  @BeforeAll
  static void simulate() {
    System.out.println("seed " + SEED + " (-Dvisualsearch.seed=... to change)");
    search = TuxpaintCollection.search();
    Map<String, String> categories = TuxpaintCollection.categories();
    UserSimulator simulator = new UserSimulator(categories,
        (image, n) -> search.similar(image, n).ids());
    log = simulator.run(new UserSimulator.Settings(200, 12, 20, SEED, START));
    evaluation = ReplayEvaluation.builder((image, n) -> search.similar(image, n).hits(),
            search::vector)
        .heldOutFrom(START.plus(Duration.ofDays(8)))
        .users(log.users(), categories)
        .centre(TasteVector.mean(search.ids().stream().map(id -> search.vector(id).orElseThrow()).toList()))
        .build();
  }

  @Test
  void reRankingRaisesNdcgOfEngagedImagesOverVisualRanking() {
    Map<String, RerankWeights> rankers = new LinkedHashMap<>();
    rankers.put("visual", RerankWeights.VISUAL_ONLY);
    rankers.put("default", RerankWeights.DEFAULT);
    rankers.put("taste only", RerankWeights.DEFAULT.withEngagement(0));
    rankers.put("engagement only", RerankWeights.DEFAULT.withTaste(0));
    rankers.put("zero weights, 100 cand.", new RerankWeights(0, 0, 20, 100));
    ReplayResult result = evaluation.evaluate(log.queries(), log.interactions(), rankers);
    System.out.println(log.queries().size() + " searches, " + log.interactions().size()
        + " interactions simulated");
    System.out.print(result.table());

    ReplayResult.Scores visual = result.scores().get("visual");
    ReplayResult.Scores personalised = result.scores().get("default");
    assertThat(result.queries()).isGreaterThan(300);
    assertThat(personalised.ndcg()).isGreaterThan(visual.ndcg() + 0.01);
    assertThat(personalised.mrr()).isGreaterThan(visual.mrr());
    assertThat(personalised.wins()).isGreaterThan(personalised.losses());
    ReplayResult.Scores zero = result.scores().get("zero weights, 100 cand.");
    assertThat(zero).isEqualTo(new ReplayResult.Scores(
        visual.mrr(), visual.ndcg(), visual.recall(), 0, 0));
  }
}
