/**
 * The evaluation harness: a {@link dev.visualsearch.eval.harness.Benchmark} (collection, queries,
 * judgements) made by a protocol, and named {@link dev.visualsearch.eval.harness.Configuration}s
 * (embedder choice × index choice) run on it by the {@link dev.visualsearch.eval.harness.Harness}.
 *
 * <p>Protocols: {@link dev.visualsearch.eval.harness.AugmentedCopiesProtocol} (1, the reference
 * notebook's: augmented copies of test images hidden in a collection), {@link
 * dev.visualsearch.eval.harness.LabelsProtocol} (2, labelled categories), {@link
 * dev.visualsearch.eval.harness.GroupsProtocol} (3, groups of photos of the same object) and
 * {@link dev.visualsearch.eval.harness.QrelsProtocol} (given TREC qrels).
 */
package dev.visualsearch.eval.harness;
