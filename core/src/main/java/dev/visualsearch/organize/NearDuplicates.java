package dev.visualsearch.organize;

import dev.visualsearch.CatalogEntry;
import dev.visualsearch.Hit;
import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import dev.visualsearch.SourceFile;
import dev.visualsearch.VectorIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Finds groups of copies in a collection without ever comparing every pair: byte-identical files
 * are grouped by their SHA-256 first; then each remaining image asks the index for its nearest
 * neighbours, widening the search only while every neighbour found is a copy, and pairs at or
 * above the threshold are joined with union–find. Memory is linear in the number of items; time
 * is one index search per distinct file (fast with an approximate index).
 *
 * <p>Stateless and thread-safe.
 */
public final class NearDuplicates {

  private NearDuplicates() {}

  /**
   * Groups the copies among {@code entries} (items without a vector in {@code index} are left
   * out), largest group first.
   *
   * @param entries the catalogue entries to consider
   * @param index the index holding their vectors
   * @return groups of two or more items
   */
  public static List<DuplicateGroup> find(
      List<CatalogEntry> entries, VectorIndex index, DuplicateOptions options) {
    Objects.requireNonNull(options, "options");
    List<CatalogEntry> items = new ArrayList<>();
    for (CatalogEntry entry : entries) {
      if (index.contains(entry.id())) {
        items.add(entry);
      }
    }
    items.sort(Comparator.comparing(CatalogEntry::id));
    Map<String, Integer> ordinal = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      ordinal.put(items.get(i).id(), i);
    }
    Links links = new Links(items.size());
    List<Integer> searchers = joinIdenticalFiles(items, links);
    searchNeighbours(items, ordinal, searchers, index, options, links);
    return groups(items, links, options);
  }

  /**
   * Joins items with the same file content; returns one item per content (and every item without
   * file facts), the ones that need to search.
   */
  private static List<Integer> joinIdenticalFiles(List<CatalogEntry> items, Links links) {
    Map<String, Integer> firstWithHash = new HashMap<>();
    List<Integer> searchers = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String sha256 = items.get(i).sourceFile().map(SourceFile::sha256).orElse(null);
      Integer first = sha256 == null ? null : firstWithHash.putIfAbsent(sha256, i);
      if (first == null) {
        searchers.add(i);
      } else {
        links.join(first, i, 1.0);
      }
    }
    return searchers;
  }

  private static void searchNeighbours(
      List<CatalogEntry> items,
      Map<String, Integer> ordinal,
      List<Integer> searchers,
      VectorIndex index,
      DuplicateOptions options,
      Links links) {
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), runnable -> {
      Thread thread = new Thread(runnable, "visualsearch-dedup");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> tasks = new ArrayList<>();
      int chunk = 256;
      for (int from = 0; from < searchers.size(); from += chunk) {
        List<Integer> part = searchers.subList(from, Math.min(from + chunk, searchers.size()));
        tasks.add(pool.submit(() -> {
          for (int i : part) {
            linkCopiesOf(i, items, ordinal, index, options, links);
          }
        }));
      }
      for (Future<?> task : tasks) {
        task.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking for duplicates", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("looking for duplicates failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Searches around item {@code i}, widening while every neighbour is a copy. */
  private static void linkCopiesOf(
      int i,
      List<CatalogEntry> items,
      Map<String, Integer> ordinal,
      VectorIndex index,
      DuplicateOptions options,
      Links links) {
    String id = items.get(i).id();
    float[] vector = index.vector(id).orElse(null);
    if (vector == null) {
      return; // removed meanwhile
    }
    int k = options.neighbours();
    while (true) {
      SearchResult result = index.search(vector, k + 1, other -> !other.equals(id));
      boolean allCopies = !result.isEmpty();
      for (Hit hit : result.hits()) {
        double cosine = cosine(index, vector, hit);
        Integer other = ordinal.get(hit.id());
        if (cosine >= options.copyCosine()) {
          if (other != null) {
            links.join(i, other, cosine);
          }
        } else {
          allCopies = false;
        }
      }
      if (!allCopies || result.size() < k + 1 || k + 1 >= index.size()) {
        return;
      }
      k = 2 * k + 1;
    }
  }

  /** The cosine of a hit: its score for cosine indexes, computed from the vectors otherwise. */
  private static double cosine(VectorIndex index, float[] vector, Hit hit) {
    if (index.metric() == Metric.COSINE) {
      return hit.score();
    }
    float[] other = index.vector(hit.id()).orElse(null);
    if (other == null) {
      return -1;
    }
    double dot = 0;
    double aa = 0;
    double bb = 0;
    for (int d = 0; d < vector.length; d++) {
      dot += (double) vector[d] * other[d];
      aa += (double) vector[d] * vector[d];
      bb += (double) other[d] * other[d];
    }
    return aa == 0 || bb == 0 ? 0 : dot / Math.sqrt(aa * bb);
  }

  private static List<DuplicateGroup> groups(
      List<CatalogEntry> items, Links links, DuplicateOptions options) {
    Map<Integer, List<Integer>> byRoot = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      if (links.sets.sizeOf(i) > 1) {
        byRoot.computeIfAbsent(links.sets.find(i), r -> new ArrayList<>()).add(i);
      }
    }
    List<DuplicateGroup> groups = new ArrayList<>();
    for (Map.Entry<Integer, List<Integer>> group : byRoot.entrySet()) {
      List<CatalogEntry> members = new ArrayList<>();
      group.getValue().forEach(i -> members.add(items.get(i)));
      CatalogEntry keep = members.stream().min(options.keep()).orElseThrow();
      List<String> ids = new ArrayList<>();
      ids.add(keep.id());
      members.stream().map(CatalogEntry::id).filter(id -> !id.equals(keep.id())).sorted()
          .forEach(ids::add);
      String sha = members.get(0).sourceFile().map(SourceFile::sha256).orElse(null);
      boolean exact = sha != null && members.stream()
          .allMatch(m -> m.sourceFile().map(SourceFile::sha256).filter(sha::equals).isPresent());
      groups.add(new DuplicateGroup(keep.id(), ids, exact, links.lowest(group.getKey())));
    }
    groups.sort(Comparator.comparingInt(DuplicateGroup::size).reversed()
        .thenComparing(DuplicateGroup::keep));
    return groups;
  }

  /** Union–find plus the weakest link of each set; thread-safe by a lock. */
  private static final class Links {
    final DisjointSets sets;
    final double[] lowest;

    Links(int n) {
      sets = new DisjointSets(n);
      lowest = new double[n];
      Arrays.fill(lowest, 1.0);
    }

    synchronized void join(int a, int b, double cosine) {
      int ra = sets.find(a);
      int rb = sets.find(b);
      if (ra != rb) {
        double weakest = Math.min(Math.min(lowest[ra], lowest[rb]), cosine);
        sets.union(a, b);
        lowest[sets.find(a)] = weakest;
      }
    }

    synchronized double lowest(int root) {
      return lowest[sets.find(root)];
    }
  }
}
