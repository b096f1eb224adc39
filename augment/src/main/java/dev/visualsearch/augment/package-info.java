/**
 * Seeded image augmentation and ground truth made from augmented copies.
 *
 * <ul>
 *   <li>{@link dev.visualsearch.augment.ImageOps} creates the ops: the reference notebook's set
 *       (horizontal flip, rotation, Gaussian blur, additive Gaussian noise, brightness multiply)
 *       plus random-resized and fixed crops, resizing, JPEG re-encoding, colour jitter and
 *       grayscale;
 *   <li>{@link dev.visualsearch.augment.Augmentation} chains them with per-op probabilities;
 *       {@link dev.visualsearch.augment.Augmentation#notebook()} is the notebook's pipeline;
 *   <li>{@link dev.visualsearch.augment.AugmentedCopies} writes augmented copies of a set of
 *       images and says which copy belongs to which original (the evaluation's protocol 1).
 * </ul>
 *
 * <p>Two promises hold throughout: inputs are never modified, and the same image with the same
 * seed gives the same pixels (all randomness comes from the generator passed in, seeded by the
 * caller; nothing reads {@code Math.random} or {@code ThreadLocalRandom}).
 */
package dev.visualsearch.augment;
