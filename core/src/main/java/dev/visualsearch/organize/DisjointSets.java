package dev.visualsearch.organize;

/**
 * Union–find over {@code 0 … n−1} with union by size and path halving: near-constant time per
 * operation, two ints per element.
 *
 * <p>Not thread-safe.
 */
final class DisjointSets {

  private final int[] parent;
  private final int[] size;

  DisjointSets(int n) {
    parent = new int[n];
    size = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      size[i] = 1;
    }
  }

  int find(int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  /** Joins the sets of {@code a} and {@code b}; returns whether they were apart. */
  boolean union(int a, int b) {
    int ra = find(a);
    int rb = find(b);
    if (ra == rb) {
      return false;
    }
    if (size[ra] < size[rb]) {
      int swap = ra;
      ra = rb;
      rb = swap;
    }
    parent[rb] = ra;
    size[ra] += size[rb];
    return true;
  }

  int sizeOf(int x) {
    return size[find(x)];
  }
}
