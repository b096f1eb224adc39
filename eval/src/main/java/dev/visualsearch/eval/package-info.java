/**
 * Answer quality: the ranking metrics of {@link dev.visualsearch.RankingMetrics} with {@code
 * trec_eval}'s definitions ({@link dev.visualsearch.eval.TrecMetrics}), measures and their means
 * over queries ({@link dev.visualsearch.eval.Measure}, {@link dev.visualsearch.eval.Evaluation}),
 * judgements and runs ({@link dev.visualsearch.eval.Qrels}, {@link dev.visualsearch.eval.Run}) and
 * their TREC files ({@link dev.visualsearch.eval.TrecQrels}, {@link dev.visualsearch.eval.TrecRun}),
 * so that every number can be checked with {@code trec_eval}.
 *
 * <p>The evaluation harness, its protocols and configurations are in {@link
 * dev.visualsearch.eval.harness}; the Markdown, JSON, HTML and TREC reports in {@link
 * dev.visualsearch.eval.report}.
 */
package dev.visualsearch.eval;
