/**
 * Answer quality: the ranking metrics of {@link dev.visualsearch.RankingMetrics} with {@code
 * trec_eval}'s definitions, TREC qrels and run files, and an evaluation harness. Not yet
 * implemented.
 */
package dev.visualsearch.eval;
