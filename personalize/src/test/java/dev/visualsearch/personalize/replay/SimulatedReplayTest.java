package dev.visualsearch.personalize.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.VisualSearch;
import dev.visualsearch.personalize.RerankWeights;
import dev.visualsearch.personalize.TasteVector;
import dev.visualsearch.personalize.TuxpaintCollection;
import dev.visualsearch.personalize.replay.ReplayEvaluation.Ranker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Re-ranking on simulated users of the real tuxpaint collection (real embeddings): the log of 200
 * users × 12 searches is replayed; searches of the last 4 of the 12 days are held out. The default
 * weights were chosen on seeds 1 and 2; the seeds here were not used to choose them.
 */
class SimulatedReplayTest {

  private static final List<Long> SEEDS = List.of(20261128L, 3L, 4L);
  private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");

  private static final List<Ranker> RANKERS = List.of(
      new Ranker("visual", RerankWeights.VISUAL_ONLY),
      new Ranker("default", RerankWeights.DEFAULT),
      new Ranker("taste only", RerankWeights.DEFAULT.withEngagement(0)),
      new Ranker("engagement only", RerankWeights.DEFAULT.withTaste(0)),
      new Ranker("zero weights", new RerankWeights(0, 0, 20, 100)));

  private static ReplayResult replay(long seed) {
    VisualSearch search = TuxpaintCollection.search();
    Map<String, String> categories = TuxpaintCollection.categories();
    SimulatedLog log = new UserSimulator(categories, (image, n) -> search.similar(image, n).ids())
        .run(new UserSimulator.Settings(200, 12, 20, seed, START));
    ReplayEvaluation evaluation = ReplayEvaluation.builder(
            (image, n) -> search.similar(image, n).hits(), search::vector)
        .heldOutFrom(START.plus(Duration.ofDays(8)))
        .users(log.users(), categories)
        .centre(TasteVector.collectionMean(search))
        .build();
    ReplayResult result = evaluation.evaluate(log.queries(), log.interactions(), RANKERS);
    System.out.println("seed " + seed + ": " + log.queries().size() + " searches, "
        + log.interactions().size() + " interactions simulated");
    System.out.print(result.table());
    return result;
  }

  @Test
  void reRankingRaisesNdcgOfEngagedImagesOverVisualRankingOnEverySeed() {
    double ndcgGain = 0;
    double mrrGain = 0;
    for (long seed : SEEDS) {
      ReplayResult result = replay(seed);
      ReplayResult.Scores visual = result.scores().get("visual");
      ReplayResult.Scores personalised = result.scores().get("default");
      assertThat(result.queries()).as("seed %d", seed).isGreaterThan(300);
      assertThat(personalised.ndcg()).as("seed %d", seed).isGreaterThan(visual.ndcg());
      assertThat(personalised.wins()).as("seed %d", seed).isGreaterThan(personalised.losses());
      assertThat(result.scores().get("zero weights")).as("seed %d", seed)
          .isEqualTo(new ReplayResult.Scores(visual.mrr(), visual.ndcg(), visual.recall(), 0, 0));
      ndcgGain += (personalised.ndcg() - visual.ndcg()) / SEEDS.size();
      mrrGain += (personalised.mrr() - visual.mrr()) / SEEDS.size();
    }
    System.out.printf("mean over %d seeds: nDCG@10 %+.4f, MRR@10 %+.4f%n", SEEDS.size(), ndcgGain,
        mrrGain);
    assertThat(ndcgGain).isGreaterThan(0.01);
    assertThat(mrrGain).isPositive();
  }
}
