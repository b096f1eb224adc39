/**
 * Learning from what users do: interactions and users in an {@link
 * dev.visualsearch.personalize.InteractionStore}, engagement and taste features computed from them,
 * personalised re-ranking of visual results, and the offline evaluation that replays a log to
 * measure whether re-ranking helps.
 */
package dev.visualsearch.personalize;
