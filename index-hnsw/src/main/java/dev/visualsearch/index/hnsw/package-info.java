/**
 * Approximate nearest-neighbour search on a hierarchical navigable small-world (HNSW) graph, for
 * collections beyond a few hundred thousand images: {@link dev.visualsearch.index.hnsw.HnswIndex},
 * configured by {@link dev.visualsearch.index.hnsw.HnswIndexBuilder}. Everything else in the
 * package is its machinery:
 *
 * <ul>
 *   <li>storage: {@code HeapVectors} / {@code MappedVectors}, {@code HeapGraph} / {@code
 *       MappedGraph} (flat {@code int} records), {@code NodeIds} (ids and tombstones);
 *   <li>building: {@code LevelGenerator}, {@code NodeInserter}, {@code NeighbourSelector}, {@code
 *       ParallelInsertion} with {@code NodeLocks}, {@code GraphConnectivity}, {@code
 *       GraphCompaction} (delete repair);
 *   <li>searching: {@code LayerSearch}, {@code GraphSearch} (planning, filters, exact fallback),
 *       {@code ExactScan}, with {@code ScoredNode} keys in {@code LongHeap}s and a reusable {@code
 *       SearchScratch};
 *   <li>persistence: {@code HnswFormat} (the file layout, field by field), {@code
 *       HnswFormatReader}, {@code MappedFile}.
 * </ul>
 *
 * <p>Distances come from {@link dev.visualsearch.vector.VectorKernels}, so the index uses the SIMD
 * kernels wherever they are enabled.
 */
package dev.visualsearch.index.hnsw;
