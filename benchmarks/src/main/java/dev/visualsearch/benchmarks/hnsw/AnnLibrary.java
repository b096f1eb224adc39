package dev.visualsearch.benchmarks.hnsw;

import java.util.function.BiFunction;

/**
 * The libraries compared, each constructing its index over a data set with a number of build
 * threads: the JMH parameter that lets one benchmark class measure them all in the same run.
 */
public enum AnnLibrary {
  /** This project's {@code index-hnsw}. */
  VISUALSEARCH(VisualSearchAnn::new),
  /** Apache Lucene 9.12.3, {@code org.apache.lucene.util.hnsw}. */
  LUCENE(LuceneAnn::new),
  /** JVector 3.0.6. */
  JVECTOR(JVectorAnn::new);

  private final BiFunction<BenchDataset, Integer, AnnIndex> constructor;

  AnnLibrary(BiFunction<BenchDataset, Integer, AnnIndex> constructor) {
    this.constructor = constructor;
  }

  AnnIndex build(BenchDataset data, int threads) {
    return constructor.apply(data, threads);
  }
}
