/**
 * Exact (brute-force) vector search: {@link dev.visualsearch.index.flat.FlatIndex} scores the
 * query against every stored vector, so its answers are the true top-k and serve as the oracle
 * that approximate indexes are measured against.
 *
 * <p>The scan runs on {@link dev.visualsearch.vector.VectorKernels} (SIMD with {@code
 * --add-modules jdk.incubator.vector}), in cache-sized blocks so that a batch of queries ({@link
 * dev.visualsearch.index.flat.FlatIndex#searchAll}) reads the vectors once. {@link
 * dev.visualsearch.index.flat.FlatIndexBuilder} configures float16 or int8 scanning with exact
 * re-scoring; {@link dev.visualsearch.index.flat.FlatIndex#openMapped} searches a saved index
 * without reading its vectors into the heap.
 */
package dev.visualsearch.index.flat;
