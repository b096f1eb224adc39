package dev.visualsearch.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Layers follow the HNSW distribution and depend only on the seed and the insertion number. */
class LevelGeneratorTest {

  @Test
  void eachLayerHoldsAboutOneNodeInMOfTheLayerBelow() {
    int m = 16;
    LevelGenerator levels = new LevelGenerator(99, m);
    int draws = 1_000_000;
    int[] atLeast = new int[5];
    for (int i = 0; i < draws; i++) {
      int level = levels.level(i);
      for (int l = 0; l < atLeast.length && l <= level; l++) {
        atLeast[l]++;
      }
    }
    assertThat(atLeast[0]).isEqualTo(draws);
    for (int l = 1; l < 4; l++) {
      double expected = draws * Math.pow(1.0 / m, l);
      assertThat((double) atLeast[l]).as("nodes on layer %d or higher", l)
          .isCloseTo(expected, within(4 * Math.sqrt(expected) + 1));
    }
  }

  @Test
  void aDrawDependsOnlyOnTheSeedAndTheInsertionNumber() {
    LevelGenerator a = new LevelGenerator(5, 8);
    LevelGenerator b = new LevelGenerator(5, 8);
    int differences = 0;
    LevelGenerator other = new LevelGenerator(6, 8);
    for (long i = 999; i >= 0; i--) {
      assertThat(b.level(i)).isEqualTo(a.level(i));
      differences += other.level(i) != a.level(i) ? 1 : 0;
    }
    assertThat(differences).isGreaterThan(50);
  }

  @Test
  void layersStayWithinTheCap() {
    LevelGenerator levels = new LevelGenerator(0, 2);
    for (long i = 0; i < 100_000; i++) {
      assertThat(levels.level(i)).isBetween(0, LevelGenerator.MAX_LEVEL);
    }
  }
}
