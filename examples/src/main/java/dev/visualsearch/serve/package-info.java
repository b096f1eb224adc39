/**
 * A web page and JSON API over a collection: {@link dev.visualsearch.serve.SearchServer} on the
 * JDK's HTTP server, recording what users do with the results in an interaction store and
 * re-ranking searches for known users (module {@code personalize}). {@link
 * dev.visualsearch.serve.JsonLinesImport} moves the JSON-lines log of earlier versions into the
 * store. Everything else in the package is internal.
 */
package dev.visualsearch.serve;
