/**
 * A web page and JSON API over a collection: {@link dev.visualsearch.serve.SearchServer} on the
 * JDK's HTTP server, and the {@link dev.visualsearch.serve.InteractionLog} that records what
 * users do with the results (a JSON-lines file, {@link
 * dev.visualsearch.serve.JsonLinesInteractionLog}, until an interaction store replaces it).
 * Everything else in the package is internal.
 */
package dev.visualsearch.serve;
