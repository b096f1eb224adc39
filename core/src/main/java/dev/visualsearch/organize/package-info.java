/**
 * Organising a collection: k-means clustering of the embeddings (k-means++ seeding, full or
 * mini-batch Lloyd iterations), with a representative image per cluster.
 */
package dev.visualsearch.organize;
