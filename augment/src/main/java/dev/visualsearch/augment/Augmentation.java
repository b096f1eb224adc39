package dev.visualsearch.augment;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A sequence of {@link ImageOp}s, each applied with its own probability: a seeded augmentation
 * pipeline.
 *
 * <pre>{@code
 * Augmentation augmentation = Augmentation.builder()
 *     .then(ImageOps.flipHorizontal(), 0.5)
 *     .then(ImageOps.rotate(-20, 20))
 *     .build();
 * BufferedImage copy = augmentation.apply(image, 42L);   // the same pixels for seed 42, always
 * }</pre>
 *
 * <p>For each step in order one number is drawn from the generator; the step runs when it is
 * below the step's probability (a step of probability 1 always runs, of 0 never), and then draws
 * what its op needs from the same generator. The input image is never modified, and the result is
 * always a new image, even when no step ran.
 *
 * <p>Immutable and thread-safe; a generator passed to {@link #apply(BufferedImage,
 * RandomGenerator)} belongs to the calling thread.
 */
public final class Augmentation {

  /**
   * One step: an op and the probability that it runs. Immutable and thread-safe.
   *
   * @param op the op
   * @param probability in [0, 1]
   */
  public record Step(ImageOp op, double probability) {
    /** @throws IllegalArgumentException if the probability is not in [0, 1] */
    public Step {
      Objects.requireNonNull(op, "op");
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException("probability of " + op.describe() + " must be in [0, 1]: " + probability);
      }
    }
  }

  private final List<Step> steps;

  private Augmentation(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  /** Starts an empty pipeline. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The reference notebook's augmentation (imgaug): horizontal flip with probability 0.5, rotation
   * in [−20°, 20°), Gaussian blur with σ in [0.5, 2), additive Gaussian noise with a scale in [5,
   * 25) levels, brightness multiplied by [0.8, 1.2).
   */
  public static Augmentation notebook() {
    return builder()
        .then(ImageOps.flipHorizontal(), 0.5)
        .then(ImageOps.rotate(-20, 20))
        .then(ImageOps.gaussianBlur(0.5, 2))
        .then(ImageOps.gaussianNoise(5, 25))
        .then(ImageOps.multiply(0.8, 1.2))
        .build();
  }

  /** The steps, in order. */
  public List<Step> steps() {
    return steps;
  }

  /** The augmented copy of {@code image} for {@code seed}: {@code apply(image, new SplittableRandom(seed))}. */
  public BufferedImage apply(BufferedImage image, long seed) {
    return apply(image, new SplittableRandom(seed));
  }

  /**
   * The augmented copy of {@code image}, drawing from {@code random}.
   *
   * @throws NullPointerException if an argument is null
   */
  public BufferedImage apply(BufferedImage image, RandomGenerator random) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(random, "random");
    BufferedImage current = null;
    for (Step step : steps) {
      if (random.nextDouble() < step.probability()) {
        current = step.op().apply(current == null ? image : current, random);
      }
    }
    return current == null ? Pixels.copy(image) : current;
  }

  /** The steps as text, e.g. {@code flip-horizontal p=0.5 → rotate(-20.0..20.0 deg, fill=#000000)}. */
  public String describe() {
    if (steps.isEmpty()) {
      return "identity";
    }
    List<String> parts = new ArrayList<>();
    for (Step step : steps) {
      parts.add(step.op().describe()
          + (step.probability() < 1 ? String.format(Locale.ROOT, " p=%s", step.probability()) : ""));
    }
    return String.join(" -> ", parts);
  }

  @Override
  public String toString() {
    return "Augmentation[" + describe() + "]";
  }

  /** Builds an {@link Augmentation}. Not thread-safe. */
  public static final class Builder {

    private final List<Step> steps = new ArrayList<>();

    private Builder() {}

    /** Appends {@code op}, always applied. */
    public Builder then(ImageOp op) {
      return then(op, 1);
    }

    /**
     * Appends {@code op}, applied with {@code probability}.
     *
     * @throws IllegalArgumentException if the probability is not in [0, 1]
     */
    public Builder then(ImageOp op, double probability) {
      steps.add(new Step(op, probability));
      return this;
    }

    /** The pipeline of the steps appended so far. */
    public Augmentation build() {
      return new Augmentation(steps);
    }
  }
}
