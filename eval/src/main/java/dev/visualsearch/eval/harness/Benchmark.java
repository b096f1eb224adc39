package dev.visualsearch.eval.harness;

import dev.visualsearch.eval.Qrels;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one evaluation measures: a collection of images to index, query images, and which items
 * are relevant to which query. Made by a protocol ({@link AugmentedCopiesProtocol}, {@link
 * LabelsProtocol}, {@link GroupsProtocol}, {@link QrelsProtocol}) or by hand. Immutable and
 * thread-safe.
 *
 * @param name a short name, used in reports and file names
 * @param description how it was made, for the report
 * @param items the collection
 * @param queries the queries
 * @param qrels the judgements: query id → relevant item ids
 * @param notes what a reader of the results should know (images left out and why)
 */
public record Benchmark(
    String name, String description, List<Item> items, List<Query> queries, Qrels qrels, List<String> notes) {

  /**
   * One image of the collection. Immutable and thread-safe.
   *
   * @param id its id in the collection and in the qrels
   * @param file the image file
   */
  public record Item(String id, Path file) {
    /** @throws NullPointerException if an argument is null */
    public Item {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * One query. Immutable and thread-safe.
   *
   * @param id its id in the qrels
   * @param file the query image
   * @param excluded collection ids that must not be returned for it (the query itself, when it is
   *     also an item: "every image queries the rest")
   */
  public record Query(String id, Path file, Set<String> excluded) {
    /** @throws NullPointerException if an argument is null */
    public Query {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(file, "file");
      excluded = Set.copyOf(excluded);
    }
  }

  /**
   * @throws IllegalArgumentException if the name is blank or holds characters other than letters,
   *     digits, '-', '_' and '.', two items or two queries share an id, or a judged id is not an
   *     item
   */
  public Benchmark {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("a benchmark name is letters, digits, '.', '-' and '_': '" + name + "'");
    }
    Objects.requireNonNull(description, "description");
    items = List.copyOf(items);
    queries = List.copyOf(queries);
    Objects.requireNonNull(qrels, "qrels");
    notes = List.copyOf(notes);
    Set<String> itemIds = new HashSet<>();
    for (Item item : items) {
      if (!itemIds.add(item.id())) {
        throw new IllegalArgumentException("benchmark " + name + " has two items with id '" + item.id() + "'");
      }
    }
    Set<String> queryIds = new HashSet<>();
    for (Query query : queries) {
      if (!queryIds.add(query.id())) {
        throw new IllegalArgumentException("benchmark " + name + " has two queries with id '" + query.id() + "'");
      }
    }
    for (String query : qrels.queryIds()) {
      for (String id : qrels.judgements(query).keySet()) {
        if (!itemIds.contains(id)) {
          throw new IllegalArgumentException(
              "benchmark " + name + ": query '" + query + "' judges '" + id + "', which is not an item");
        }
      }
    }
  }

  /** The number of queries that have at least one relevant item. */
  public int judgedQueries() {
    return (int) queries.stream().filter(q -> qrels.relevantCount(q.id()) > 0).count();
  }
}
