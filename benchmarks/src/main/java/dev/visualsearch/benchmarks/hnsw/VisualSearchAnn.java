package dev.visualsearch.benchmarks.hnsw;

import dev.visualsearch.SearchResult;
import dev.visualsearch.index.hnsw.HnswIndex;
import dev.visualsearch.vector.VectorKernels;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This project's {@link HnswIndex}: M 16 (32 links on layer 0), efConstruction 100, as Lucene's
 * defaults. Items are added in one {@link HnswIndex#addAll} under ids "0", "1", ...; the measured
 * search returns the public {@link SearchResult} (ids and scores), the whole cost a user pays.
 */
final class VisualSearchAnn implements AnnIndex {

  static final int M = 16;
  static final int EF_CONSTRUCTION = 100;

  private final HnswIndex index;

  VisualSearchAnn(BenchDataset data, int threads) {
    index =
        HnswIndex.builder(data.dimension(), data.metric())
            .m(M)
            .efConstruction(EF_CONSTRUCTION)
            .buildThreads(threads)
            .build();
    Map<String, float[]> items = new LinkedHashMap<>();
    for (int i = 0; i < data.vectors().length; i++) {
      items.put(Integer.toString(i), data.vectors()[i]);
    }
    index.addAll(items);
  }

  @Override
  public Object search(float[] query, int ef) {
    return index.search(query, BenchDataset.K, null, ef);
  }

  @Override
  public int[] topK(float[] query, int ef) {
    SearchResult result = index.search(query, BenchDataset.K, null, ef);
    int[] items = new int[result.size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = Integer.parseInt(result.get(i).id());
    }
    return items;
  }

  @Override
  public long vectorBytes() {
    return index.vectorBytes();
  }

  @Override
  public long graphBytes() {
    return index.graphBytes();
  }

  @Override
  public String kernel() {
    return VectorKernels.implementationName() + " (VectorKernels)";
  }

  @Override
  public String settings() {
    return "M=" + M + " (32 on layer 0), efC=" + EF_CONSTRUCTION;
  }
}
