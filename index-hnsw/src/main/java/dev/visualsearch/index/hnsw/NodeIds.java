package dev.visualsearch.index.hnsw;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The caller's ids of the nodes: {@code idOf[node]}, and the map back from id to node. A node whose
 * id is {@code null} is <em>deleted</em> — a tombstone that searches walk through but never return,
 * until {@link GraphCompaction} removes it.
 *
 * <p>Node numbers follow insertion order (a replaced id gets a new, higher node), which makes the
 * node number the tie-breaking order of equal scores.
 *
 * <p>Not thread-safe: the index guards it with its lock.
 */
final class NodeIds {

  private String[] idOf;
  private final Map<String, Integer> nodeOf;
  private int size;
  private int deleted;

  NodeIds(int capacity) {
    idOf = new String[Math.max(capacity, 1)];
    nodeOf = new HashMap<>(Math.max(16, (int) (capacity / 0.75f) + 1));
  }

  /** Nodes, deleted ones included. */
  int size() {
    return size;
  }

  /** Nodes that are not deleted: the number of items in the index. */
  int live() {
    return size - deleted;
  }

  int deleted() {
    return deleted;
  }

  /** The id of each node ({@code null} when deleted); valid until the next write. */
  String[] array() {
    return idOf;
  }

  /** The id of {@code node}, or {@code null} if it is deleted. */
  String idOf(int node) {
    return idOf[node];
  }

  /** The node holding {@code id}, or -1. */
  int nodeOf(String id) {
    Integer node = nodeOf.get(id);
    return node == null ? -1 : node;
  }

  /**
   * Registers the next node under {@code id}, or as deleted when {@code id} is null (a reader
   * restoring a tombstone); the id must not be held by a live node.
   */
  void append(String id) {
    if (size == idOf.length) {
      idOf = Arrays.copyOf(idOf, size + (size >> 1) + 16);
    }
    idOf[size] = id;
    if (id == null) {
      deleted++;
    } else {
      nodeOf.put(id, size);
    }
    size++;
  }

  /** Deletes the node holding {@code id} and returns it, or returns -1 if none does. */
  int delete(String id) {
    Integer node = nodeOf.remove(id);
    if (node == null) {
      return -1;
    }
    idOf[node] = null;
    deleted++;
    return node;
  }

  /**
   * Collects the live nodes in ascending order into {@code kept} and their new numbers into {@code
   * newNumber} ({@code -1} for deleted nodes); returns how many there are.
   */
  int liveNodes(int[] kept, int[] newNumber) {
    int count = 0;
    for (int node = 0; node < size; node++) {
      if (idOf[node] != null) {
        newNumber[node] = count;
        kept[count++] = node;
      } else {
        newNumber[node] = -1;
      }
    }
    return count;
  }

  /** Keeps the nodes {@code kept[0..count)}, renumbered to their positions in {@code kept}. */
  void retain(int[] kept, int count) {
    for (int i = 0; i < count; i++) {
      String id = idOf[kept[i]];
      idOf[i] = id;
      nodeOf.put(id, i);
    }
    Arrays.fill(idOf, count, size, null);
    size = count;
    deleted = 0;
  }

  /**
   * An estimate of the heap bytes of the ids: the map entry, the boxed node and the array slot
   * per id, plus the strings' characters (Latin-1 ones take one byte).
   */
  long bytes() {
    long bytes = 16 + 4L * idOf.length + 16 + 4L * (nodeOf.size() * 4 / 3 + 1);
    for (int node = 0; node < size; node++) {
      String id = idOf[node];
      if (id != null) {
        // HashMap.Node 32, Integer 16, String 24 + byte[] header 16 + characters.
        bytes += 32 + 16 + 24 + 16 + id.length();
      }
    }
    return bytes;
  }
}
