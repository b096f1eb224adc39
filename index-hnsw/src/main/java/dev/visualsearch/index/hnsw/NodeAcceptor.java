package dev.visualsearch.index.hnsw;

/**
 * Which nodes a search may return: live ones, and of those the ones whose id the caller's filter
 * accepts. Rejected nodes are still walked through; they only stay out of the results. A search
 * that accepts every node passes {@code null} instead, which keeps the hot loop free of a call.
 */
@FunctionalInterface
interface NodeAcceptor {
  boolean accept(int node);
}
