package dev.visualsearch.index.cassandra;

import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.visualsearch.Hit;
import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * One search of a {@link CassandraIndex}: asks Cassandra for nearest neighbours, rescores them
 * exactly with the index's {@link Metric}, and, with a filter, asks again for more until {@code k}
 * accepted hits are found (see {@link CassandraIndex} for the limits), scanning the table as a
 * last resort.
 *
 * <p>Not thread-safe: one search, one thread.
 */
final class Searcher {

  private final CassandraIndex index;
  private final float[] query;
  private final int k;
  private final Predicate<String> filter;

  Searcher(CassandraIndex index, float[] query, int k, Predicate<String> filter) {
    this.index = index;
    this.query = query;
    this.k = k;
    this.filter = filter;
  }

  SearchResult run() {
    if (filter == null) {
      return top(ann(k).hits, k);
    }
    int limit = Math.min(Math.max(4 * k, 40), CassandraIndex.MAX_ANN_LIMIT);
    while (true) {
      Batch batch = ann(limit);
      if (batch.accepted >= k || batch.rows < limit) {
        return top(batch.hits, k);
      }
      if (limit >= CassandraIndex.MAX_ANN_LIMIT) {
        return scan();
      }
      limit = Math.min(limit * 4, CassandraIndex.MAX_ANN_LIMIT);
    }
  }

  private static final class Batch {
    final List<Hit> hits = new ArrayList<>();
    int rows;
    int accepted;
  }

  private Batch ann(int limit) {
    Batch batch = new Batch();
    ResultSet result = index.nearest(query, limit);
    for (Row row : result) {
      batch.rows++;
      String id = row.getString(0);
      if (filter == null || filter.test(id)) {
        batch.accepted++;
        batch.hits.add(new Hit(id, score(row)));
      }
    }
    return batch;
  }

  /** Exact top k of every accepted row of the table. */
  private SearchResult scan() {
    PriorityQueue<Hit> best = new PriorityQueue<>(Comparator.comparingDouble(Hit::score));
    for (Row row : index.all()) {
      String id = row.getString(0);
      if (filter.test(id)) {
        best.add(new Hit(id, score(row)));
        if (best.size() > k) {
          best.poll();
        }
      }
    }
    return top(new ArrayList<>(best), k);
  }

  private float score(Row row) {
    return index.metric().score(query, row.get(1, index.vectorCodec()));
  }

  private static SearchResult top(List<Hit> hits, int k) {
    // Stable: equal scores keep the order Cassandra returned them in.
    hits.sort(Comparator.comparingDouble(Hit::score).reversed());
    return new SearchResult(hits.size() > k ? hits.subList(0, k) : hits);
  }
}
