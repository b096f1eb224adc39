package dev.visualsearch.index.hnsw;

import java.util.Arrays;

/**
 * Removes deleted nodes from the graph for good, so that deletes do not let recall and speed rot.
 *
 * <ol>
 *   <li><b>Repair</b>: every live node that links to a deleted one chooses its neighbours again,
 *       with the {@link NeighbourSelector diversity heuristic}, among its live neighbours and the
 *       live neighbours of its deleted ones (the two-hop repair of the FreshDiskANN and JVector
 *       deletes), on every layer. Paths that ran through a deleted node now run around it.
 *   <li><b>Entry point</b>: if it was deleted, the live node on the highest layer (the earliest
 *       added of them) takes its place.
 *   <li><b>Renumbering</b>: live nodes move down over the gaps, keeping their order, so the node
 *       number stays the insertion order and memory is given back.
 *   <li><b>Orphans</b>: a live node the repair left without neighbours (all of them and theirs
 *       deleted) is connected again, to candidates found by a scan.
 * </ol>
 *
 * <p>It costs about as much as inserting the nodes next to deletions again, and runs when deleted
 * nodes exceed a fraction of the graph, so its cost per delete is bounded. The result depends only
 * on the graph and the deletions, never on timing: it runs on one thread.
 *
 * <p>Stateless and thread-safe; the caller holds the index's write lock.
 */
final class GraphCompaction {

  private GraphCompaction() {}

  /**
   * Compacts away every deleted node of {@code ids} from {@code graph} and {@code vectors}.
   *
   * @param inserter a one-thread inserter on the same graph and vectors, for orphans
   */
  static void compact(
      HeapGraph graph,
      HeapVectors vectors,
      NodeIds ids,
      NodeInserter inserter,
      SearchScratch scratch) {
    if (ids.deleted() == 0) {
      return;
    }
    String[] idOf = ids.array();
    for (int level = 0; level <= graph.maxLevel(); level++) {
      repairLevel(graph, vectors, idOf, level, scratch);
    }
    int size = graph.size();
    int[] kept = new int[size];
    int[] newNumber = new int[size];
    int live = ids.liveNodes(kept, newNumber);
    int entry = graph.entryPoint();
    if (entry >= 0 && idOf[entry] == null) {
      entry = highestLiveNode(graph, kept, live);
    }
    int entryLevel = entry < 0 ? -1 : graph.level(entry);
    graph.retain(kept, live, newNumber);
    vectors.retain(kept, live);
    ids.retain(kept, live);
    if (entry < 0) {
      graph.clearEntry();
      return;
    }
    graph.setEntry(newNumber[entry], entryLevel);
    reinsertOrphans(graph, vectors, inserter, scratch);
  }

  private static void repairLevel(
      HeapGraph graph, HeapVectors vectors, String[] idOf, int level, SearchScratch scratch) {
    int max = graph.maxConnections(level);
    int[] neighbours = new int[max];
    int[] secondHop = new int[max];
    long[] candidates = new long[max + max * max];
    long[] selected = new long[max + 1];
    int[] chosen = new int[max];
    VisitedSet seen = scratch.visited;
    for (int node = 0; node < graph.size(); node++) {
      if (idOf[node] == null || graph.level(node) < level) {
        continue;
      }
      int count = graph.neighbours(node, level, neighbours);
      if (!linksToDeleted(neighbours, count, idOf)) {
        continue;
      }
      seen.reset(graph.size());
      seen.visit(node);
      int found = 0;
      for (int i = 0; i < count; i++) {
        int neighbour = neighbours[i];
        if (idOf[neighbour] != null) {
          if (seen.visit(neighbour)) {
            candidates[found++] = key(vectors, node, neighbour);
          }
          continue;
        }
        int hops = graph.neighbours(neighbour, level, secondHop);
        for (int j = 0; j < hops; j++) {
          int candidate = secondHop[j];
          if (idOf[candidate] != null && seen.visit(candidate)) {
            candidates[found++] = key(vectors, node, candidate);
          }
        }
      }
      Arrays.sort(candidates, 0, found);
      reverse(candidates, found);
      int kept = NeighbourSelector.select(candidates, found, max, node, vectors, selected);
      for (int i = 0; i < kept; i++) {
        chosen[i] = ScoredNode.node(selected[i]);
      }
      graph.setNeighbours(node, level, chosen, kept);
    }
  }

  private static boolean linksToDeleted(int[] neighbours, int count, String[] idOf) {
    for (int i = 0; i < count; i++) {
      if (idOf[neighbours[i]] == null) {
        return true;
      }
    }
    return false;
  }

  private static long key(HeapVectors vectors, int node, int candidate) {
    return ScoredNode.encode(vectors.scoreBetween(node, candidate), candidate);
  }

  private static void reverse(long[] keys, int count) {
    for (int i = 0, j = count - 1; i < j; i++, j--) {
      long swap = keys[i];
      keys[i] = keys[j];
      keys[j] = swap;
    }
  }

  /** The live node on the highest layer, the earliest of them; -1 if no node is live. */
  private static int highestLiveNode(HeapGraph graph, int[] liveNodes, int live) {
    int best = -1;
    int bestLevel = -1;
    for (int i = 0; i < live; i++) {
      int level = graph.level(liveNodes[i]);
      if (level > bestLevel) {
        best = liveNodes[i];
        bestLevel = level;
      }
    }
    return best;
  }

  /**
   * Connects again every node (renumbered) that has no neighbour on layer 0 although others exist.
   * Such a node cannot be reached from the graph, nor reach it, so its candidates come from a scan
   * of all nodes rather than a search; orphans are rare, and the scan works even for an orphaned
   * entry point.
   */
  private static void reinsertOrphans(
      HeapGraph graph, HeapVectors vectors, NodeInserter inserter, SearchScratch scratch) {
    int nodes = graph.size();
    if (nodes < 2) {
      return;
    }
    LongHeap best = new LongHeap(inserter.efConstruction());
    for (int node = 0; node < nodes; node++) {
      if (graph.count(node, 0) > 0) {
        continue;
      }
      for (int level = 0; level <= graph.level(node); level++) {
        best.clear();
        for (int other = 0; other < nodes; other++) {
          if (other != node && graph.level(other) >= level) {
            best.offer(key(vectors, node, other), inserter.efConstruction());
          }
        }
        long[] candidates = new long[best.size()];
        int count = best.drainDescending(candidates);
        inserter.linkLevel(node, level, candidates, count, scratch);
      }
    }
  }
}
