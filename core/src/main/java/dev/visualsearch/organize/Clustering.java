package dev.visualsearch.organize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of {@link KMeans#fit}: non-empty clusters numbered from the largest (0) to the
 * smallest (ties: the cluster whose first member comes first), each with its centroid, members
 * and a representative — the member nearest the centroid, a good thumbnail for the cluster.
 *
 * <p>Immutable and thread-safe; arrays handed out are copies.
 */
public final class Clustering {

  private final float[][] centroids;
  private final int[] assignments;
  private final int[][] members;
  private final int[] representatives;
  private final double inertia;
  private final int iterations;

  private Clustering(
      float[][] centroids,
      int[] assignments,
      int[][] members,
      int[] representatives,
      double inertia,
      int iterations) {
    this.centroids = centroids;
    this.assignments = assignments;
    this.members = members;
    this.representatives = representatives;
    this.inertia = inertia;
    this.iterations = iterations;
  }

  /** Builds the result from a final assignment, dropping empty clusters and renumbering. */
  static Clustering of(
      float[][] vectors, float[][] rawCentroids, Assignment assignment, int dimension, int iterations) {
    int raw = rawCentroids.length;
    List<List<Integer>> byCluster = new ArrayList<>();
    for (int c = 0; c < raw; c++) {
      byCluster.add(new ArrayList<>());
    }
    for (int i = 0; i < assignment.size(); i++) {
      byCluster.get(assignment.cluster(i)).add(i);
    }
    Integer[] order = new Integer[raw];
    for (int c = 0; c < raw; c++) {
      order[c] = c;
    }
    Arrays.sort(
        order,
        Comparator.<Integer>comparingInt(c -> -byCluster.get(c).size())
            .thenComparingInt(c -> byCluster.get(c).isEmpty() ? Integer.MAX_VALUE : byCluster.get(c).get(0)));
    int nonEmpty = (int) byCluster.stream().filter(m -> !m.isEmpty()).count();
    float[][] centroids = new float[nonEmpty][];
    int[][] members = new int[nonEmpty][];
    int[] representatives = new int[nonEmpty];
    int[] assignments = new int[assignment.size()];
    for (int rank = 0; rank < nonEmpty; rank++) {
      int c = order[rank];
      List<Integer> list = byCluster.get(c);
      centroids[rank] = Arrays.copyOf(rawCentroids[c], dimension);
      members[rank] = list.stream().mapToInt(Integer::intValue).toArray();
      int best = members[rank][0];
      for (int member : members[rank]) {
        assignments[member] = rank;
        if (assignment.distance(member) < assignment.distance(best)) {
          best = member;
        }
      }
      representatives[rank] = best;
    }
    return new Clustering(
        centroids, assignments, members, representatives, assignment.inertia(), iterations);
  }

  /** The number of (non-empty) clusters. */
  public int size() {
    return members.length;
  }

  /** The cluster of vector {@code index} (its position in the input). */
  public int clusterOf(int index) {
    return assignments[index];
  }

  /** The cluster of every vector, by input position. */
  public int[] assignments() {
    return assignments.clone();
  }

  /** The input positions of the members of {@code cluster}, ascending. */
  public int[] members(int cluster) {
    return members[cluster].clone();
  }

  /** The input position of the member of {@code cluster} nearest its centroid. */
  public int representative(int cluster) {
    return representatives[cluster];
  }

  /** The centroid of {@code cluster}. */
  public float[] centroid(int cluster) {
    return centroids[cluster].clone();
  }

  /** The sum of squared distances of all vectors to their centroids; lower is tighter. */
  public double inertia() {
    return inertia;
  }

  /** Lloyd iterations (or mini-batch steps) run. */
  public int iterations() {
    return iterations;
  }
}
