package dev.visualsearch.personalize;

import dev.visualsearch.VisualSearch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A user's taste as a direction in the embedding space: the mean of the embeddings of the images
 * the user engaged with, each weighted by its interaction's weight and age ({@link
 * EngagementWeights}), taken relative to a centre (the collection's mean embedding) and scaled to
 * unit length. {@link #similarity} is then the cosine between the taste and an image, both seen
 * from the centre: without centring, every pair of embeddings of a network's last layer has a
 * high cosine (they share a large common part) and tastes are hard to tell apart.
 *
 * <p>A user who has engaged with nothing yet may still have a taste from the categories they
 * declared: the mean of those categories' images ({@link #ofImages}).
 *
 * <p>Immutable and thread-safe.
 */
public final class TasteVector {

  private final float[] direction;
  private final float[] centre;

  private TasteVector(float[] direction, float[] centre) {
    this.direction = direction;
    this.centre = centre;
  }

  /**
   * The taste learned from {@code history}, or empty when no interaction in it carries weight or
   * names an image with a vector (a new user). Interactions after {@code asOf} are ignored.
   *
   * @param vectors the embedding of an image id; empty for an image that is not indexed (removed
   *     since), which is then ignored
   * @param centre the point tastes are seen from, usually the collection's mean embedding ({@link
   *     #mean}); null for the origin
   */
  public static Optional<TasteVector> of(List<Interaction> history,
      Function<String, Optional<float[]>> vectors, EngagementWeights weights, Instant asOf,
      float[] centre) {
    double[] sum = null;
    double total = 0;
    for (Interaction interaction : history) {
      if (interaction.timestamp().isAfter(asOf)) {
        continue; // not yet happened at asOf
      }
      double weight = weights.weight(interaction) * weights.decay(interaction.timestamp(), asOf);
      if (weight <= 0) {
        continue;
      }
      Optional<float[]> vector = vectors.apply(interaction.image());
      if (vector.isEmpty()) {
        continue;
      }
      sum = add(sum, vector.get(), weight);
      total += weight;
    }
    return direction(sum, total, centre);
  }

  /**
   * The mean of the embeddings of {@code images} (for example every image of the categories a new
   * user declared) seen from {@code centre}, or empty when none has a vector.
   */
  public static Optional<TasteVector> ofImages(Collection<String> images,
      Function<String, Optional<float[]>> vectors, float[] centre) {
    double[] sum = null;
    double total = 0;
    for (String image : images) {
      Optional<float[]> vector = vectors.apply(image);
      if (vector.isPresent()) {
        sum = add(sum, vector.get(), 1);
        total++;
      }
    }
    return direction(sum, total, centre);
  }

  /**
   * The taste of a user: learned from {@code history} ({@link #of}), or, when that is empty (a new
   * user), the mean of {@code declaredImages}, the images of the categories the user declared
   * ({@link #ofImages}); empty when both are.
   */
  public static Optional<TasteVector> learnedOrDeclared(List<Interaction> history,
      Collection<String> declaredImages, Function<String, Optional<float[]>> vectors,
      EngagementWeights weights, Instant asOf, float[] centre) {
    Optional<TasteVector> learned = of(history, vectors, weights, asOf, centre);
    return learned.isPresent() || declaredImages.isEmpty()
        ? learned : ofImages(declaredImages, vectors, centre);
  }

  /**
   * The mean of {@code vectors}: the centre to see tastes from.
   *
   * @throws IllegalArgumentException if there are none or their lengths differ
   */
  public static float[] mean(Collection<float[]> vectors) {
    double[] sum = null;
    for (float[] vector : vectors) {
      sum = add(sum, vector, 1);
    }
    if (sum == null) {
      throw new IllegalArgumentException("the mean of no vectors");
    }
    float[] mean = new float[sum.length];
    for (int i = 0; i < sum.length; i++) {
      mean[i] = (float) (sum[i] / vectors.size());
    }
    return mean;
  }

  /**
   * The mean embedding of the items of {@code search}, the centre tastes are seen from; null for
   * an empty collection.
   */
  public static float[] collectionMean(VisualSearch search) {
    List<float[]> vectors = new ArrayList<>();
    for (String id : search.ids()) {
      search.vector(id).ifPresent(vectors::add);
    }
    return vectors.isEmpty() ? null : mean(vectors);
  }

  /**
   * The cosine between this taste and {@code vector}, both seen from the centre; 0 for a vector
   * at the centre.
   *
   * @throws IllegalArgumentException if the vector's length is not the taste's
   */
  public double similarity(float[] vector) {
    if (vector.length != direction.length) {
      throw new IllegalArgumentException("taste vector has " + direction.length
          + " dimensions, the image's vector " + vector.length);
    }
    double dot = 0;
    double norm = 0;
    for (int i = 0; i < vector.length; i++) {
      double v = (double) vector[i] - centre[i];
      dot += direction[i] * v;
      norm += v * v;
    }
    return norm == 0 ? 0 : dot / Math.sqrt(norm);
  }

  /** The unit direction of the taste, seen from the centre (a copy). */
  public float[] direction() {
    return direction.clone();
  }

  private static double[] add(double[] sum, float[] vector, double weight) {
    if (sum == null) {
      sum = new double[vector.length];
    } else if (sum.length != vector.length) {
      throw new IllegalArgumentException("vectors of " + sum.length + " and " + vector.length
          + " dimensions cannot be averaged");
    }
    for (int i = 0; i < vector.length; i++) {
      sum[i] += weight * vector[i];
    }
    return sum;
  }

  private static Optional<TasteVector> direction(double[] sum, double total, float[] centre) {
    if (sum == null || total <= 0) {
      return Optional.empty();
    }
    float[] origin = centre == null ? new float[sum.length] : centre;
    if (origin.length != sum.length) {
      throw new IllegalArgumentException("centre has " + origin.length
          + " dimensions, the image vectors " + sum.length);
    }
    double[] relative = new double[sum.length];
    double norm = 0;
    for (int i = 0; i < sum.length; i++) {
      relative[i] = sum[i] / total - origin[i];
      norm += relative[i] * relative[i];
    }
    if (norm == 0) {
      return Optional.empty();
    }
    double scale = 1 / Math.sqrt(norm);
    float[] direction = new float[sum.length];
    for (int i = 0; i < sum.length; i++) {
      direction[i] = (float) (relative[i] * scale);
    }
    return Optional.of(new TasteVector(direction, origin.clone()));
  }
}
