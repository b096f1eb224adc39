/**
 * The two {@link dev.visualsearch.personalize.InteractionStore} implementations: {@link
 * dev.visualsearch.personalize.store.SqliteInteractionStore}, an embedded file and the default, and
 * {@link dev.visualsearch.personalize.store.PostgresInteractionStore}, a shared server. Both hold
 * the same versioned schema and bring it up to date when they open.
 */
package dev.visualsearch.personalize.store;
