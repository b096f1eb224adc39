package dev.visualsearch.benchmarks.hnsw;

import dev.visualsearch.Metric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Lucene 9.12's HNSW used directly, without an index around it: {@link HnswGraphBuilder} (or, with
 * several threads, {@link HnswConcurrentMergeBuilder}) over on-heap {@code float[]}s, searched by
 * {@link HnswGraphSearcher} with a {@link TopKnnCollector} of size {@code ef} — how Lucene's kNN
 * query widens its beam. M 16 (Lucene allows 2·M = 32 links on layer 0), beam width 100, its
 * defaults. Unit vectors use {@code DOT_PRODUCT}, Lucene's cosine for normalised vectors.
 */
final class LuceneAnn implements AnnIndex {

  static final int M = 16;
  static final int BEAM_WIDTH = 100;

  private final VectorSimilarityFunction similarity;
  private final RandomAccessVectorValues.Floats values;
  private final FlatVectorsScorer scorer = FlatVectorScorerUtil.getLucene99FlatVectorsScorer();
  private final OnHeapHnswGraph graph;
  private final long vectorBytes;

  LuceneAnn(BenchDataset data, int threads) {
    similarity =
        data.metric() == Metric.L2
            ? VectorSimilarityFunction.EUCLIDEAN
            : VectorSimilarityFunction.DOT_PRODUCT;
    List<float[]> list = Arrays.asList(data.vectors());
    values = RandomAccessVectorValues.fromFloats(list, data.dimension());
    vectorBytes = (long) list.size() * (16 + 4L * data.dimension());
    try {
      RandomVectorScorerSupplier supplier = scorer.getRandomVectorScorerSupplier(similarity, values);
      HnswGraphBuilder builder =
          HnswGraphBuilder.create(supplier, M, BEAM_WIDTH, HnswGraphBuilder.randSeed, list.size());
      if (threads == 1) {
        graph = builder.build(list.size());
      } else {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
          graph =
              new HnswConcurrentMergeBuilder(
                      new TaskExecutor(pool), threads, supplier, M, BEAM_WIDTH, builder.getGraph(), null)
                  .build(list.size());
        } finally {
          pool.shutdownNow();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Object search(float[] query, int ef) {
    try {
      TopKnnCollector collector = new TopKnnCollector(ef, Integer.MAX_VALUE);
      HnswGraphSearcher.search(scorer.getRandomVectorScorer(similarity, values, query), collector, graph, null);
      return collector.topDocs();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public int[] topK(float[] query, int ef) {
    TopDocs docs = (TopDocs) search(query, ef);
    int[] items = new int[Math.min(BenchDataset.K, docs.scoreDocs.length)];
    for (int i = 0; i < items.length; i++) {
      items[i] = docs.scoreDocs[i].doc;
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

  /** The class of Lucene's vector arithmetic: {@code Panama...} or {@code Default...}. */
  @Override
  public String kernel() {
    try {
      Field impl = VectorUtil.class.getDeclaredField("IMPL");
      impl.setAccessible(true);
      return impl.get(null).getClass().getSimpleName();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "unknown VectorUtil (" + e.getClass().getSimpleName() + ")";
    }
  }

  @Override
  public String settings() {
    return "M=" + M + " (32 on layer 0), beamWidth=" + BEAM_WIDTH;
  }
}
