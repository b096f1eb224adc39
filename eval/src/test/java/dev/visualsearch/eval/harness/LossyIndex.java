package dev.visualsearch.eval.harness;

import dev.visualsearch.Hit;
import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VectorIndex;
import dev.visualsearch.VectorIndexFactory;
import dev.visualsearch.testing.ReferenceIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** A deliberately poor "approximate" index: the exact answer without its best hit. */
final class LossyIndex implements VectorIndex {

  private final ReferenceIndex exact;

  private LossyIndex(int dimension, Metric metric) {
    exact = new ReferenceIndex(dimension, metric);
  }

  static VectorIndexFactory factory() {
    return new VectorIndexFactory() {
      @Override
      public String name() {
        return "lossy";
      }

      @Override
      public VectorIndex create(int dimension, Metric metric) {
        return new LossyIndex(dimension, metric);
      }

      @Override
      public VectorIndex open(Path file) throws IOException {
        throw new IOException("not saved");
      }
    };
  }

  @Override
  public SearchResult search(float[] query, int k, Predicate<String> filter) {
    List<Hit> hits = exact.search(query, k + 1, filter).hits();
    return new SearchResult(hits.subList(Math.min(1, hits.size()), hits.size()));
  }

  @Override public int dimension() { return exact.dimension(); }
  @Override public Metric metric() { return exact.metric(); }
  @Override public int size() { return exact.size(); }
  @Override public void add(String id, float[] vector) { exact.add(id, vector); }
  @Override public boolean remove(String id) { return exact.remove(id); }
  @Override public boolean contains(String id) { return exact.contains(id); }
  @Override public Optional<float[]> vector(String id) { return exact.vector(id); }
  @Override public void save(Path file) throws IOException { exact.save(file); }
}
