package dev.visualsearch.organize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KMeansTest {

  /** {@code clusters} tight Gaussian blobs of {@code perCluster} points around far-apart centres. */
  private static float[][] blobs(long seed, int clusters, int perCluster, int dimension, int[] truth) {
    System.out.println("blobs seed=" + seed);
    Random random = new Random(seed);
    float[][] centres = new float[clusters][dimension];
    for (float[] centre : centres) {
      for (int d = 0; d < dimension; d++) {
        centre[d] = (float) (random.nextGaussian() * 10);
      }
    }
    float[][] points = new float[clusters * perCluster][];
    for (int i = 0; i < points.length; i++) {
      // Interleave the clusters so that input order says nothing about membership.
      int c = i % clusters;
      truth[i] = c;
      points[i] = new float[dimension];
      for (int d = 0; d < dimension; d++) {
        points[i][d] = centres[c][d] + (float) (random.nextGaussian() * 0.3);
      }
    }
    return points;
  }

  @Test
  void recoversWellSeparatedClusters() {
    int[] truth = new int[8 * 60];
    float[][] points = blobs(7, 8, 60, 16, truth);
    Clustering clustering = KMeans.builder(8).seed(1).build().fit(points);
    assertThat(clustering.size()).isEqualTo(8);
    assertThat(purity(clustering, truth, 8)).isEqualTo(1.0);
    for (int c = 0; c < clustering.size(); c++) {
      assertThat(clustering.members(c)).hasSize(60);
    }
  }

  @Test
  void miniBatchRecoversThemToo() {
    int[] truth = new int[6 * 2000];
    float[][] points = blobs(11, 6, 2000, 8, truth);
    Clustering clustering =
        KMeans.builder(6).seed(3).miniBatchSize(256).maxIterations(100).build().fit(points);
    assertThat(clustering.size()).isEqualTo(6);
    assertThat(purity(clustering, truth, 6)).isGreaterThan(0.99);
  }

  @Test
  void theSameSeedGivesTheSameClusteringWhateverTheThreads() {
    int[] truth = new int[5 * 700];
    float[][] points = blobs(5, 5, 700, 12, truth);
    // Overlapping clusters (k above the truth), so that the result depends on every detail.
    Clustering one = KMeans.builder(9).seed(99).threads(1).build().fit(points);
    Clustering four = KMeans.builder(9).seed(99).threads(4).build().fit(points);
    assertThat(four.assignments()).isEqualTo(one.assignments());
    assertThat(four.inertia()).isEqualTo(one.inertia());
    Clustering otherSeed = KMeans.builder(9).seed(100).threads(1).build().fit(points);
    assertThat(otherSeed.size()).isEqualTo(9);
  }

  @Test
  void moreIterationsNeverLoosenTheClusters() {
    int[] truth = new int[4 * 300];
    float[][] points = blobs(21, 4, 300, 6, truth);
    double afterOne = KMeans.builder(7).seed(5).maxIterations(1).build().fit(points).inertia();
    double converged = KMeans.builder(7).seed(5).build().fit(points).inertia();
    assertThat(converged).isLessThanOrEqualTo(afterOne);
  }

  @Test
  void fewerDistinctVectorsThanKGiveFewerClusters() {
    float[][] points = {{1, 0}, {1, 0}, {0, 1}, {0, 1}, {0, 1}};
    Clustering clustering = KMeans.builder(4).build().fit(points);
    assertThat(clustering.size()).isEqualTo(2);
    assertThat(clustering.members(0)).containsExactly(2, 3, 4);
    assertThat(clustering.members(1)).containsExactly(0, 1);
    assertThat(clustering.inertia()).isZero();
  }

  @Test
  void oneClusterIsTheMeanAndItsRepresentativeTheNearestMember() {
    float[][] points = {{0, 0}, {4, 0}, {0, 4}, {1, 1}};
    Clustering clustering = KMeans.builder(1).build().fit(points);
    assertThat(clustering.centroid(0)).containsExactly(1.25f, 1.25f);
    assertThat(clustering.representative(0)).isEqualTo(3);
    assertThat(clustering.clusterOf(2)).isZero();
  }

  @Test
  void clustersAreNumberedFromTheLargest() {
    int[] truth = new int[3 * 10];
    float[][] small = blobs(3, 3, 10, 4, truth);
    float[][] points = new float[small.length + 20][];
    System.arraycopy(small, 0, points, 0, small.length);
    for (int i = 0; i < 20; i++) {
      points[small.length + i] = small[0].clone(); // cluster of point 0 gets 20 more members
    }
    Clustering clustering = KMeans.builder(3).build().fit(points);
    assertThat(clustering.members(0)).contains(0).hasSize(30);
    assertThat(clustering.members(1).length).isGreaterThanOrEqualTo(clustering.members(2).length);
  }

  @Test
  void invalidInputIsRefusedWithTheValue() {
    assertThatThrownBy(() -> KMeans.builder(0)).hasMessage("k must be at least 1: 0");
    assertThatThrownBy(() -> KMeans.builder(2).miniBatchSize(-1))
        .hasMessage("mini-batch size must not be negative: -1");
    assertThatThrownBy(() -> KMeans.builder(2).threads(0)).hasMessage("threads must be at least 1: 0");
    assertThatThrownBy(() -> KMeans.builder(2).tolerance(Double.NaN))
        .hasMessageContaining("NaN");
    KMeans kMeans = KMeans.builder(2).build();
    assertThatThrownBy(() -> kMeans.fit(new float[0][])).hasMessage("there are no vectors to cluster");
    assertThatThrownBy(() -> kMeans.fit(new float[][] {{1, 2}, {1}}))
        .hasMessage("vector 1 has 1 components, vector 0 has 2");
    assertThatThrownBy(() -> kMeans.fit(new float[][] {{1, Float.NaN}}))
        .hasMessage("vector 0 holds NaN at 1");
  }

  /** The fraction of points whose cluster's majority truth label is their own. */
  private static double purity(Clustering clustering, int[] truth, int labels) {
    int agreeing = 0;
    Set<Integer> majorities = new HashSet<>();
    for (int c = 0; c < clustering.size(); c++) {
      int[] counts = new int[labels];
      for (int member : clustering.members(c)) {
        counts[truth[member]]++;
      }
      int best = 0;
      for (int l = 1; l < labels; l++) {
        best = counts[l] > counts[best] ? l : best;
      }
      majorities.add(best);
      agreeing += counts[best];
    }
    return (double) agreeing / truth.length;
  }
}
