package dev.visualsearch.personalize;

/**
 * A re-ranked result with what its score is made of, so that a ranking can be explained.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the image id
 * @param score the blended score it is ranked by: {@code visual + taste + engagement}
 * @param visual the index's score for the query
 * @param taste the taste term: weight × cosine with the user's taste; 0 without a taste vector
 * @param engagement the engagement term: weight × saturated engagement score
 */
public record RankedHit(String id, double score, double visual, double taste, double engagement) {}
