package dev.visualsearch.eval.harness;

import dev.visualsearch.augment.Augmentation;
import dev.visualsearch.augment.AugmentedCopies;
import dev.visualsearch.augment.AugmentedCopy;
import dev.visualsearch.eval.Qrels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Protocol 1, the reference notebook's: {@code queryCount} test images are drawn (seeded) from the
 * images of a folder; {@code copiesPerQuery} augmented copies of each are hidden among the other
 * images of the folder; each test image then queries the collection, and its own copies are the
 * relevant items. The originals are not in the collection.
 *
 * <p>Unlike the notebook, which counted any augmented image in the results as a hit, only the
 * query's own copies are relevant here: another test image's copy is as wrong as any other image.
 *
 * <p>Ids: the other images keep their paths relative to the folder; copies are {@code
 * "augmented/"} + the copy id of {@link AugmentedCopies}. Immutable and thread-safe.
 *
 * @param folder the images
 * @param queryCount how many test images to draw
 * @param copiesPerQuery augmented copies per test image
 * @param augmentation how copies are made
 * @param seed draws the test images and seeds the copies
 */
public record AugmentedCopiesProtocol(
    Path folder, int queryCount, int copiesPerQuery, Augmentation augmentation, long seed) {

  /** Prefix of the ids of the copies in the collection. */
  public static final String COPY_PREFIX = "augmented/";

  /** @throws IllegalArgumentException if {@code queryCount} or {@code copiesPerQuery} is below 1 */
  public AugmentedCopiesProtocol {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(augmentation, "augmentation");
    if (queryCount < 1) {
      throw new IllegalArgumentException("query count must be at least 1: " + queryCount);
    }
    if (copiesPerQuery < 1) {
      throw new IllegalArgumentException("copies per query must be at least 1: " + copiesPerQuery);
    }
  }

  /**
   * Draws the test images, writes their copies under {@code workDirectory} and returns the
   * benchmark named {@code name}.
   *
   * @throws IllegalArgumentException if the folder holds no more images than {@code queryCount}
   *     (some must stay in the collection)
   * @throws IOException if the folder cannot be listed or the copies cannot be written
   */
  public Benchmark build(String name, Path workDirectory) throws IOException {
    Map<String, Path> images = ImageFiles.list(folder);
    if (images.size() <= queryCount) {
      throw new IllegalArgumentException(
          folder + " holds " + images.size() + " images; protocol 1 needs more than the " + queryCount
              + " test images");
    }
    List<String> ids = new ArrayList<>(images.keySet());
    // java.util.Random's shuffle is specified exactly, so the draw is the same on every JDK.
    Collections.shuffle(ids, new Random(seed));
    List<String> tests = new ArrayList<>(ids.subList(0, queryCount));
    Collections.sort(tests);
    Set<String> testSet = Set.copyOf(tests);

    Map<String, Path> originals = new LinkedHashMap<>();
    tests.forEach(id -> originals.put(id, images.get(id)));
    AugmentedCopies.Result copies =
        AugmentedCopies.builder().augmentation(augmentation).copiesPerImage(copiesPerQuery).seed(seed).build()
            .write(originals, workDirectory);

    List<Benchmark.Item> items = new ArrayList<>();
    images.forEach((id, file) -> {
      if (!testSet.contains(id)) {
        items.add(new Benchmark.Item(id, file));
      }
    });
    Map<String, List<String>> relevant = new LinkedHashMap<>();
    for (AugmentedCopy copy : copies.copies()) {
      items.add(new Benchmark.Item(COPY_PREFIX + copy.id(), copy.file()));
      relevant.computeIfAbsent(copy.originalId(), id -> new ArrayList<>()).add(COPY_PREFIX + copy.id());
    }
    List<Benchmark.Query> queries = new ArrayList<>();
    for (String id : tests) {
      if (relevant.containsKey(id)) {
        queries.add(new Benchmark.Query(id, images.get(id), Set.of()));
      }
    }
    List<String> notes = new ArrayList<>();
    copies.skipped().forEach((id, reason) -> notes.add("test image " + id + " left out: " + reason));
    String description = String.format(
        "protocol 1 (augmented copies): %d test images drawn from %s with seed %d, %d cop%s each made with [%s],"
            + " hidden among the other %d images; each test image queries, its own copies are relevant",
        tests.size(), folder, seed, copiesPerQuery, copiesPerQuery == 1 ? "y" : "ies", augmentation.describe(),
        images.size() - tests.size());
    return new Benchmark(name, description, items, queries, Qrels.binary(relevant), notes);
  }
}
