package dev.visualsearch.index.flat;

import dev.visualsearch.Hit;
import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import dev.visualsearch.vector.VectorKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores queries against the selected rows of a {@link VectorStore} and keeps the best {@code k}
 * of each, by a bounded heap per query.
 *
 * <p><b>Cache blocking.</b> The rows are walked in blocks; each block is made readable once
 * (read in place, or copied from a mapped file, or decoded) and then scored against every query
 * of the batch before the next block. A single query's scan is bound by memory bandwidth: every
 * row comes from main memory and is used once. With {@code q} queries each block is fetched from
 * memory once and used {@code q} times from the L1/L2 cache, so a batch costs far less than its
 * queries one by one. Blocks for a batch are small, a few tens of kilobytes: measured on the
 * project's machines, blocks the size of L1 beat blocks the size of L2 (128–512 KB) by 1.3–2×,
 * because the kernels, which load a vector for every one or two multiply-adds, run faster from
 * L1. A single query reuses nothing, and takes larger blocks to spread the per-block work.
 *
 * <p><b>Encoded storage.</b> With float16 or int8 the scan reads the encoded rows and keeps the
 * best {@code k × rescoreFactor} candidates per query; those are then re-scored exactly against
 * the float32 rows, so the scores returned are always float32 scores.
 *
 * <p>Stateless and thread-safe; the caller holds the index's read lock for the whole call.
 */
final class ExactScan {

  /**
   * Bytes per block for a single query. Nothing is reused from cache then, so a block only needs
   * to be large enough that the per-block work (selection, bounds checks, calls) stays negligible,
   * and small enough that a copy or decode target stays in L2. Chosen with ScanRatios (medians of
   * 5–7 JVMs: one JVM's result swings by up to 40 % from the next here, so single runs decided
   * nothing). Java 17, 100k × 512: 76 % of the one-stream bandwidth probe with the 128 KB blocks
   * and four rows a quarter block apart used before, 97 % with 256 KB and four adjacent rows,
   * 64 % with 512 KB; with 256 KB and adjacent rows, 84–90 % on Java 17 and 100–121 % (1.17–1.48×
   * the Lucene scan) on Java 25 over 100k × 512 and × 1280.
   */
  private static final int SINGLE_QUERY_BLOCK_BYTES = 256 << 10;
  /** Bytes per block for a batch: about L1, see the class comment. */
  private static final int BATCH_BLOCK_BYTES = 32 << 10;
  /** The bulk kernels score four rows per pass; fewer per block would waste it. */
  private static final int MIN_BLOCK_ROWS = 8;

  private ExactScan() {}

  /**
   * The best {@code k} selected rows for each query, best first, ties in row (= insertion) order.
   *
   * @param queries already validated and prepared (unit length for cosine)
   * @param rescoreFactor candidates per requested hit kept from an encoded scan for re-scoring
   */
  static SearchResult[] search(
      VectorStore store,
      Metric metric,
      float[][] queries,
      int k,
      int rescoreFactor,
      RowSelection selection) {
    SearchResult[] results = new SearchResult[queries.length];
    boolean encoded = store.encoding() != VectorEncoding.FLOAT32;
    long wanted = encoded ? (long) k * rescoreFactor : k;
    int capacity = (int) Math.min(wanted, selection.maxRows());
    if (capacity == 0) {
      Arrays.fill(results, SearchResult.EMPTY);
      return results;
    }
    TopKHeap[] heaps = new TopKHeap[queries.length];
    for (int q = 0; q < queries.length; q++) {
      heaps[q] = new TopKHeap(capacity);
    }
    scan(store.scanned(), store.dimension(), metric, queries, heaps, selection);
    for (int q = 0; q < queries.length; q++) {
      TopKHeap best = encoded ? rescore(store, metric, queries[q], heaps[q], k) : heaps[q];
      results[q] = toResult(store, best);
    }
    return results;
  }

  private static void scan(
      RowStorage rows,
      int dimension,
      Metric metric,
      float[][] queries,
      TopKHeap[] heaps,
      RowSelection selection) {
    int blockBytes = queries.length == 1 ? SINGLE_QUERY_BLOCK_BYTES : BATCH_BLOCK_BYTES;
    int blockRows = Math.max(MIN_BLOCK_ROWS, blockBytes / (dimension * Float.BYTES));
    RowBlock block = new RowBlock(blockRows * dimension);
    int[] selected = new int[blockRows];
    float[] scores = new float[queries.length * blockRows];
    boolean l2 = metric == Metric.L2;
    int count;
    while ((count = selection.next(selected)) > 0) {
      // Score each run of consecutive rows with one bulk call.
      for (int start = 0, end; start < count; start = end) {
        end = start + 1;
        while (end < count && selected[end] == selected[end - 1] + 1) {
          end++;
        }
        int first = selected[start];
        int length = end - start;
        rows.load(first, length, block);
        if (queries.length == 1) {
          if (l2) {
            VectorKernels.squaredDistanceBulk(
                queries[0], 0, block.array, block.offset, dimension, length, scores, 0);
          } else {
            VectorKernels.dotBulk(
                queries[0], 0, block.array, block.offset, dimension, length, scores, 0);
          }
        } else if (l2) {
          VectorKernels.squaredDistanceBulkMulti(
              queries, block.array, block.offset, dimension, length, scores);
        } else {
          VectorKernels.dotBulkMulti(queries, block.array, block.offset, dimension, length, scores);
        }
        for (int q = 0; q < queries.length; q++) {
          offerAll(heaps[q], scores, q * length, length, first, l2);
        }
      }
    }
  }

  /** Offers rows {@code first + i} with scores {@code scores[from + i]}, {@code i < length}. */
  private static void offerAll(
      TopKHeap heap, float[] scores, int from, int length, int first, boolean l2) {
    for (int i = 0; i < length; i++) {
      float score = l2 ? -scores[from + i] : scores[from + i];
      if (!Float.isFinite(score)) {
        // Only huge finite values get here: their products overflowed float, and the sum became
        // ∞ or NaN (∞ − ∞) depending on the kernel's order of operations (fused or not). Such a
        // score means nothing, so it ranks last, the same under every kernel; NaN, which compares
        // false both ways, would also corrupt the heap.
        score = Float.NEGATIVE_INFINITY;
      }
      heap.offer(score, first + i);
    }
  }

  /** Re-scores the candidates in {@code candidates} against the float32 rows; keeps the best k. */
  private static TopKHeap rescore(
      VectorStore store, Metric metric, float[] query, TopKHeap candidates, int k) {
    int count = candidates.size();
    if (count == 0) {
      return candidates;
    }
    float[] approximate = new float[count];
    int[] rows = new int[count];
    candidates.drainBestFirst(approximate, rows);
    // In row order: sequential reads of a mapped file, and ties resolved as everywhere else.
    Arrays.sort(rows);
    TopKHeap best = new TopKHeap(Math.min(k, count));
    int dimension = store.dimension();
    RowStorage floats = store.floats();
    RowBlock block = new RowBlock(dimension);
    boolean l2 = metric == Metric.L2;
    float[] score = new float[1];
    for (int row : rows) {
      floats.load(row, 1, block);
      if (l2) {
        VectorKernels.squaredDistanceBulk(query, 0, block.array, block.offset, dimension, 1, score, 0);
      } else {
        VectorKernels.dotBulk(query, 0, block.array, block.offset, dimension, 1, score, 0);
      }
      offerAll(best, score, 0, 1, row, l2);
    }
    return best;
  }

  private static SearchResult toResult(VectorStore store, TopKHeap heap) {
    float[] scores = new float[heap.size()];
    int[] bestRows = new int[heap.size()];
    int count = heap.drainBestFirst(scores, bestRows);
    List<Hit> hits = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      hits.add(new Hit(store.idAt(bestRows[i]), scores[i]));
    }
    return new SearchResult(hits);
  }
}
