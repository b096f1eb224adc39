package dev.visualsearch.benchmarks.hnsw;

import dev.visualsearch.Metric;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.SearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * JVector 3.0.6: a {@link GraphIndexBuilder} (its single-layer Vamana-style graph) over on-heap
 * vectors, searched by a {@link GraphSearcher} with exact scores and a beam ({@code rerankK}) of
 * {@code ef}. Degree 32 — JVector's M is the one layer's degree, so 32 matches the 32 links the
 * HNSW libraries allow on their layer 0 — beam width 100, and the neighbour overflow and alpha of
 * JVector's own examples (1.2, 1.2). Its build runs in a {@link ForkJoinPool} of the given
 * number of threads.
 */
final class JVectorAnn implements AnnIndex {

  static final int DEGREE = 32;
  static final int BEAM_WIDTH = 100;
  static final float NEIGHBOR_OVERFLOW = 1.2f;
  static final float ALPHA = 1.2f;

  private static final VectorTypeSupport TYPES =
      VectorizationProvider.getInstance().getVectorTypeSupport();

  private final VectorSimilarityFunction similarity;
  private final ListRandomAccessVectorValues values;
  private final OnHeapGraphIndex graph;
  private final GraphSearcher searcher;
  private final long vectorBytes;

  JVectorAnn(BenchDataset data, int threads) {
    similarity =
        data.metric() == Metric.L2
            ? VectorSimilarityFunction.EUCLIDEAN
            : VectorSimilarityFunction.DOT_PRODUCT;
    List<VectorFloat<?>> list = new ArrayList<>(data.vectors().length);
    for (float[] vector : data.vectors()) {
      list.add(TYPES.createFloatVector(vector));
    }
    values = new ListRandomAccessVectorValues(list, data.dimension());
    // A wrapper object and the float[] it holds, per vector.
    vectorBytes = (long) list.size() * (16 + 16 + 4L * data.dimension());
    BuildScoreProvider scores = BuildScoreProvider.randomAccessScoreProvider(values, similarity);
    ForkJoinPool pool = new ForkJoinPool(threads);
    try (GraphIndexBuilder builder =
        new GraphIndexBuilder(
            scores, data.dimension(), DEGREE, BEAM_WIDTH, NEIGHBOR_OVERFLOW, ALPHA, pool, pool)) {
      graph = builder.build(values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      pool.shutdownNow();
    }
    searcher = new GraphSearcher(graph);
  }

  @Override
  public Object search(float[] query, int ef) {
    SearchScoreProvider provider =
        SearchScoreProvider.exact(TYPES.createFloatVector(query), similarity, values);
    return searcher.search(provider, BenchDataset.K, ef, 0f, 0f, Bits.ALL);
  }

  @Override
  public int[] topK(float[] query, int ef) {
    SearchResult result = (SearchResult) search(query, ef);
    SearchResult.NodeScore[] nodes = result.getNodes();
    int[] items = new int[Math.min(BenchDataset.K, nodes.length)];
    for (int i = 0; i < items.length; i++) {
      items[i] = nodes[i].node;
    }
    return items;
  }

  @Override
  public long vectorBytes() {
    return vectorBytes;
  }

  @Override
  public long graphBytes() {
    return graph.ramBytesUsed();
  }

  @Override
  public String kernel() {
    return VectorizationProvider.getInstance().getClass().getSimpleName();
  }

  @Override
  public String settings() {
    return "degree=" + DEGREE + ", beamWidth=" + BEAM_WIDTH + ", overflow=" + NEIGHBOR_OVERFLOW
        + ", alpha=" + ALPHA;
  }
}
