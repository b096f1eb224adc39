/**
 * Reports of an {@link dev.visualsearch.eval.harness.EvaluationReport}: a Markdown table, JSON,
 * self-contained HTML pages with thumbnails of each query and its results, and the TREC qrels and
 * run files behind the numbers ({@link dev.visualsearch.eval.report.ReportFiles} writes them all).
 */
package dev.visualsearch.eval.report;
