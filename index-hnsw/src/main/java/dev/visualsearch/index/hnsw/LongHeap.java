package dev.visualsearch.index.hnsw;

import java.util.Arrays;

/**
 * A binary min-heap of {@code long}s that grows as needed: the primitive priority queue behind
 * the candidate and result queues of a graph search, holding {@link ScoredNode} keys.
 *
 * <p>A max-heap is this heap of complemented keys ({@code ~key} reverses the order of longs).
 *
 * <p>Not thread-safe: one per search.
 */
final class LongHeap {

  private long[] heap;
  private int size;

  LongHeap(int initialCapacity) {
    heap = new long[Math.max(initialCapacity, 8)];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    size = 0;
  }

  /** The smallest value; the heap must not be empty. */
  long peek() {
    return heap[0];
  }

  void push(long value) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size + (size >> 1) + 1);
    }
    int index = size++;
    // Sift up: move parents down until the value's place is found.
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      long above = heap[parent];
      if (above <= value) {
        break;
      }
      heap[index] = above;
      index = parent;
    }
    heap[index] = value;
  }

  /**
   * Keeps the {@code capacity} largest values offered: pushes {@code value} while there is room,
   * afterwards replaces the smallest value if {@code value} is larger.
   *
   * @return whether the value was kept
   */
  boolean offer(long value, int capacity) {
    if (size < capacity) {
      push(value);
      return true;
    }
    if (value <= heap[0]) {
      return false;
    }
    heap[0] = value;
    siftDown(0);
    return true;
  }

  /** Removes and returns the smallest value; the heap must not be empty. */
  long pop() {
    long top = heap[0];
    size--;
    if (size > 0) {
      heap[0] = heap[size];
      siftDown(0);
    }
    return top;
  }

  /**
   * Empties the heap into {@code out} from the largest value to the smallest and returns how many
   * there were; {@code out} must hold at least {@link #size()} values.
   */
  int drainDescending(long[] out) {
    int count = size;
    for (int i = count - 1; i >= 0; i--) {
      out[i] = pop();
    }
    return count;
  }

  private void siftDown(int index) {
    long value = heap[index];
    int half = size >>> 1;
    while (index < half) {
      int child = 2 * index + 1;
      long smallest = heap[child];
      int right = child + 1;
      if (right < size && heap[right] < smallest) {
        child = right;
        smallest = heap[right];
      }
      if (value <= smallest) {
        break;
      }
      heap[index] = smallest;
      index = child;
    }
    heap[index] = value;
  }
}
