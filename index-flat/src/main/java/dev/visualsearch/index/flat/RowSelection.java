package dev.visualsearch.index.flat;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The rows a search scores, handed out in increasing row order a batch at a time, so the scan can
 * score runs of consecutive rows with the bulk kernels and filter before it computes anything.
 *
 * <p>Not thread-safe: one per search, used under the index's read lock.
 */
abstract class RowSelection {

  /**
   * Fills {@code rows} with the next selected rows, in increasing order, and returns how many; 0
   * once every selected row was handed out.
   */
  abstract int next(int[] rows);

  /** Every live row whose id {@code filter} accepts ({@code null} accepts all). */
  static RowSelection live(VectorStore store, Predicate<String> filter) {
    return new Live(store, filter);
  }

  /**
   * The rows of the ids in {@code allowed} that the store holds; ids it does not hold are
   * ignored, and so are repeats.
   *
   * @throws NullPointerException if {@code allowed} or an id in it is null
   */
  static RowSelection allowed(VectorStore store, Collection<String> allowed) {
    int[] rows = new int[allowed.size()];
    int count = 0;
    for (String id : allowed) {
      int row = store.rowOf(Objects.requireNonNull(id, "allowed id"));
      if (row >= 0) {
        rows[count++] = row;
      }
    }
    Arrays.sort(rows, 0, count);
    int distinct = 0;
    for (int i = 0; i < count; i++) {
      if (distinct == 0 || rows[distinct - 1] != rows[i]) {
        rows[distinct++] = rows[i];
      }
    }
    return new Listed(Arrays.copyOf(rows, distinct));
  }

  /** How many rows at most this selection hands out; sizes the heaps. */
  abstract int maxRows();

  private static final class Live extends RowSelection {
    private final VectorStore store;
    private final Predicate<String> filter;
    private final int end;
    private int cursor;

    Live(VectorStore store, Predicate<String> filter) {
      this.store = store;
      this.filter = filter;
      this.end = store.rows();
    }

    @Override
    int next(int[] rows) {
      int count = 0;
      while (cursor < end && count < rows.length) {
        String id = store.idAt(cursor);
        // Tombstones are skipped before the filter sees them; the filter runs before scoring.
        if (id != null && (filter == null || filter.test(id))) {
          rows[count++] = cursor;
        }
        cursor++;
      }
      return count;
    }

    @Override
    int maxRows() {
      return store.size();
    }
  }

  private static final class Listed extends RowSelection {
    private final int[] selected;
    private int cursor;

    Listed(int[] selected) {
      this.selected = selected;
    }

    @Override
    int next(int[] rows) {
      int count = Math.min(rows.length, selected.length - cursor);
      System.arraycopy(selected, cursor, rows, 0, count);
      cursor += count;
      return count;
    }

    @Override
    int maxRows() {
      return selected.length;
    }
  }
}
