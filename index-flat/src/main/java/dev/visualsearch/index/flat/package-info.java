/**
 * Exact (brute-force) vector search: {@link dev.visualsearch.index.flat.FlatIndex} scores the
 * query against every stored vector, so its answers are the true top-k and serve as the oracle
 * that approximate indexes are measured against.
 */
package dev.visualsearch.index.flat;
