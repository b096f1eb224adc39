package dev.visualsearch.testing;

import dev.visualsearch.Hit;
import dev.visualsearch.Metric;
import dev.visualsearch.SearchResult;
import dev.visualsearch.VectorIndex;
import dev.visualsearch.VectorIndexFactory;
import dev.visualsearch.store.AtomicFile;
import dev.visualsearch.store.FormatInput;
import dev.visualsearch.store.FormatOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The simplest correct {@link VectorIndex}: a synchronized insertion-ordered map scored with
 * {@link Metric#score}, a full sort per search. An oracle for tests of real indexes, and the index
 * of the facade's unit tests. {@link #failNextSave} simulates a crash during a save.
 */
public final class ReferenceIndex implements VectorIndex {

  private static final String CODEC = "ReferenceIndex";

  private final int dimension;
  private final Metric metric;
  private final Map<String, float[]> vectors = new LinkedHashMap<>();
  private volatile boolean failNextSave;

  public ReferenceIndex(int dimension, Metric metric) {
    this.dimension = dimension;
    this.metric = metric;
  }

  /** A factory named "reference". */
  public static VectorIndexFactory factory() {
    return new VectorIndexFactory() {
      @Override
      public String name() {
        return "reference";
      }

      @Override
      public VectorIndex create(int dimension, Metric metric) {
        return new ReferenceIndex(dimension, metric);
      }

      @Override
      public VectorIndex open(Path file) throws IOException {
        return ReferenceIndex.open(file);
      }
    };
  }

  /** Makes the next {@link #save} write part of the file and then fail, like a crash. */
  public void failNextSave() {
    failNextSave = true;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public Metric metric() {
    return metric;
  }

  @Override
  public synchronized int size() {
    return vectors.size();
  }

  @Override
  public synchronized void add(String id, float[] vector) {
    if (vector.length != dimension) {
      throw new IllegalArgumentException(
          "vector dimension " + vector.length + " != index dimension " + dimension);
    }
    vectors.remove(id);
    vectors.put(id, vector.clone());
  }

  @Override
  public synchronized boolean remove(String id) {
    return vectors.remove(id) != null;
  }

  @Override
  public synchronized boolean contains(String id) {
    return vectors.containsKey(id);
  }

  @Override
  public synchronized Optional<float[]> vector(String id) {
    return Optional.ofNullable(vectors.get(id)).map(float[]::clone);
  }

  @Override
  public synchronized SearchResult search(float[] query, int k, Predicate<String> filter) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1: " + k);
    }
    List<Hit> hits = new ArrayList<>();
    for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
      if (filter == null || filter.test(entry.getKey())) {
        hits.add(new Hit(entry.getKey(), metric.score(query, entry.getValue())));
      }
    }
    // A stable sort keeps insertion order among equal scores.
    hits.sort(Comparator.comparingDouble(Hit::score).reversed());
    return new SearchResult(hits.subList(0, Math.min(k, hits.size())));
  }

  @Override
  public synchronized void save(Path file) throws IOException {
    boolean fail = failNextSave;
    failNextSave = false;
    AtomicFile.write(
        file,
        out -> {
          FormatOutput output = new FormatOutput(out);
          output.writeHeader(CODEC, 1);
          output.writeInt(dimension);
          output.writeString(metric.name());
          output.writeInt(vectors.size());
          for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
            output.writeString(entry.getKey());
            output.writeFloats(entry.getValue(), 0, dimension);
            if (fail) {
              throw new IOException("simulated crash while saving " + file);
            }
          }
          output.writeFooter();
        });
  }

  static ReferenceIndex open(Path file) throws IOException {
    try (FormatInput input = FormatInput.open(file, CODEC, 1, 1)) {
      int dimension = input.readCount("dimension", 1 << 16);
      ReferenceIndex index = new ReferenceIndex(dimension, Metric.valueOf(input.readString(64)));
      int count = input.readCount("count", Integer.MAX_VALUE);
      for (int i = 0; i < count; i++) {
        String id = input.readString(1 << 16);
        float[] vector = new float[dimension];
        input.readFloats(vector, 0, dimension);
        index.vectors.put(id, vector);
      }
      input.finish();
      return index;
    }
  }
}
