/**
 * Approximate nearest-neighbour search on a hierarchical navigable small-world (HNSW) graph, for
 * collections beyond a few hundred thousand images. Not yet implemented: the module exists so that
 * the build, the dependency graph and the benchmarks have their final shape.
 */
package dev.visualsearch.index.hnsw;
