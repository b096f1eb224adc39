package dev.visualsearch.eval.harness;

import dev.visualsearch.SearchResult;
import dev.visualsearch.VisualSearch;
import dev.visualsearch.eval.Evaluation;
import dev.visualsearch.eval.Measure;
import dev.visualsearch.eval.Qrels;
import dev.visualsearch.eval.Run;
import dev.visualsearch.eval.TrecRun;
import dev.visualsearch.image.ImageDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs configurations on benchmarks: embeds every image (once per embedder, shared between
 * benchmarks and indexes), builds each configuration's index through {@link VisualSearch}, searches
 * every query for its top {@code depth} results (leaving out the query's excluded ids), and scores
 * the answers.
 *
 * <pre>{@code
 * EvaluationReport report = Harness.builder()
 *     .configuration(new Configuration(zoo, IndexChoice.exact("flat", FlatIndex.factory(), Metric.COSINE)))
 *     .configuration(new Configuration(st, IndexChoice.exact("flat", FlatIndex.factory(), Metric.COSINE)))
 *     .build()
 *     .run(List.of(new LabelsProtocol(Path.of("tuxpaint/labels.csv")).build("labels")));
 * }</pre>
 *
 * <p>Images that cannot be decoded or embedded are left out of the collection, the queries and the
 * judgements, and listed in each result: a bad file is a fact about the data, not a failure of the
 * system being measured. Search latency is measured per query on one thread, index only, after
 * an untimed warm-up pass over the first 50 queries. Hits of exactly equal score (identical
 * images) are put in {@code trec_eval}'s order ({@link TrecRun#inTrecEvalOrder}): the index's
 * tie-break is as arbitrary as any, and this one lets {@code trec_eval} reproduce every number
 * from the files the reports write.
 *
 * <p>A harness is immutable and thread-safe, but runs one evaluation at a time per call; the
 * embedders it opens are closed when {@link #run} returns.
 */
public final class Harness {

  private static final int WARM_UP_QUERIES = 50;

  private final List<Configuration> configurations;
  private final List<Measure> measures;
  private final int depth;
  private final int overlapK;
  private final int threads;
  private final int batchSize;
  private final ImageDecoder decoder;
  private final Consumer<String> log;

  private Harness(Builder builder) {
    this.configurations = List.copyOf(builder.configurations);
    this.measures = builder.measures;
    this.depth = builder.depth;
    this.overlapK = builder.overlapK;
    this.threads = builder.threads;
    this.batchSize = builder.batchSize;
    this.decoder = builder.decoder;
    this.log = builder.log;
  }

  /** Starts configuring a harness. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Evaluates every configuration on every benchmark.
   *
   * @throws IllegalArgumentException if two benchmarks share a name
   * @throws IOException if an embedder cannot be opened or an image file cannot be read
   */
  public EvaluationReport run(List<Benchmark> benchmarks) throws IOException {
    Set<String> names = new HashSet<>();
    for (Benchmark benchmark : benchmarks) {
      if (!names.add(benchmark.name())) {
        throw new IllegalArgumentException("two benchmarks are called " + benchmark.name());
      }
    }
    Map<String, EmbeddingCache> caches = new LinkedHashMap<>();
    List<ConfigurationResult> results = new ArrayList<>();
    try {
      for (Benchmark benchmark : benchmarks) {
        results.addAll(run(benchmark, caches));
      }
    } finally {
      caches.values().forEach(EmbeddingCache::close);
    }
    return new EvaluationReport(benchmarks, measures, depth, overlapK, results);
  }

  private List<ConfigurationResult> run(Benchmark benchmark, Map<String, EmbeddingCache> caches) throws IOException {
    Map<Configuration, ConfigurationResult> done = new HashMap<>();
    Map<String, List<Configuration>> byEmbedder = new LinkedHashMap<>();
    for (Configuration configuration : configurations) {
      byEmbedder.computeIfAbsent(configuration.embedder().name(), n -> new ArrayList<>()).add(configuration);
    }
    for (List<Configuration> sameEmbedder : byEmbedder.values()) {
      EmbedderChoice choice = sameEmbedder.get(0).embedder();
      EmbeddingCache cache =
          caches.computeIfAbsent(choice.name(), n -> new EmbeddingCache(choice, decoder, threads, batchSize));
      List<Path> files = new ArrayList<>();
      benchmark.items().forEach(item -> files.add(item.file()));
      benchmark.queries().forEach(query -> files.add(query.file()));
      log.accept(benchmark.name() + ": embedding " + files.size() + " images with " + choice.name());
      long start = System.nanoTime();
      int embedded = cache.embed(files);
      double embedSeconds = (System.nanoTime() - start) / 1e9;
      Readable readable = Readable.of(benchmark, cache);

      // Exact indexes first: approximate ones are compared with their answers.
      List<Configuration> ordered = new ArrayList<>(sameEmbedder);
      ordered.sort((a, b) -> Boolean.compare(b.index().exact(), a.index().exact()));
      Run exactRun = null;
      for (Configuration configuration : ordered) {
        log.accept(benchmark.name() + ": searching with " + configuration.name());
        Searched searched = search(configuration, cache, readable);
        OptionalDouble overlap = OptionalDouble.empty();
        if (configuration.index().exact() && exactRun == null) {
          exactRun = searched.run;
        } else if (!configuration.index().exact() && exactRun != null) {
          overlap = OptionalDouble.of(overlap(searched.run, exactRun));
        }
        Evaluation evaluation = Evaluation.of(searched.run, readable.qrels, measures);
        Timings timings = new Timings(embedded, embedSeconds, searched.indexSeconds, searched.latencies);
        done.put(configuration, new ConfigurationResult(
            benchmark.name(), configuration, evaluation, searched.run, timings, overlap, readable.unreadable));
        embedded = 0; // the embedding is charged to the first configuration of the embedder
        embedSeconds = 0;
      }
    }
    List<ConfigurationResult> inOrder = new ArrayList<>();
    configurations.forEach(c -> inOrder.add(done.get(c)));
    return inOrder;
  }

  private record Searched(Run run, double indexSeconds, Latencies latencies) {}

  private Searched search(Configuration configuration, EmbeddingCache cache, Readable readable) throws IOException {
    IndexChoice index = configuration.index();
    try (VisualSearch search =
        VisualSearch.builder().embedder(cache.embedder()).index(index.factory()).metric(index.metric()).build()) {
      long start = System.nanoTime();
      for (Benchmark.Item item : readable.items) {
        search.add(item.id(), cache.vector(item.file()).orElseThrow(), Map.of());
      }
      double indexSeconds = (System.nanoTime() - start) / 1e9;
      // Untimed warm-up, so that the percentiles measure the search and not the JIT compiler.
      for (int q = 0; q < Math.min(WARM_UP_QUERIES, readable.queries.size()); q++) {
        search.search(cache.vector(readable.queries.get(q).file()).orElseThrow(), depth, null);
      }
      Run.Builder run = Run.builder();
      long[] nanos = new long[readable.queries.size()];
      for (int q = 0; q < nanos.length; q++) {
        Benchmark.Query query = readable.queries.get(q);
        float[] vector = cache.vector(query.file()).orElseThrow();
        Set<String> excluded = query.excluded();
        long t0 = System.nanoTime();
        SearchResult result = search.search(vector, depth, excluded.isEmpty() ? null : id -> !excluded.contains(id));
        nanos[q] = System.nanoTime() - t0;
        // Exact ties (identical images) in trec_eval's order, so trec_eval reproduces the table.
        run.add(query.id(), TrecRun.inTrecEvalOrder(result.hits()));
      }
      return new Searched(run.build(), indexSeconds, Latencies.ofNanos(nanos));
    }
  }

  /** Mean over queries of |top-k ∩ exact top-k| / |exact top-k|; queries with no exact answer skipped. */
  private double overlap(Run run, Run exact) {
    double sum = 0;
    int counted = 0;
    for (String query : exact.queryIds()) {
      List<String> truth = exact.ranking(query);
      truth = truth.subList(0, Math.min(overlapK, truth.size()));
      if (truth.isEmpty()) {
        continue;
      }
      List<String> found = run.ranking(query);
      Set<String> top = new HashSet<>(found.subList(0, Math.min(overlapK, found.size())));
      sum += truth.stream().filter(top::contains).count() / (double) truth.size();
      counted++;
    }
    return counted == 0 ? Double.NaN : sum / counted;
  }

  /** The part of a benchmark whose images one embedder could read, and the judgements among them. */
  private record Readable(List<Benchmark.Item> items, List<Benchmark.Query> queries, Qrels qrels, List<String> unreadable) {

    static Readable of(Benchmark benchmark, EmbeddingCache cache) {
      List<String> unreadable = new ArrayList<>();
      Set<String> itemIds = new HashSet<>();
      List<Benchmark.Item> items = new ArrayList<>();
      for (Benchmark.Item item : benchmark.items()) {
        if (cache.vector(item.file()).isPresent()) {
          items.add(item);
          itemIds.add(item.id());
        } else {
          unreadable.add(describeFailure(item.file(), cache));
        }
      }
      List<Benchmark.Query> queries = new ArrayList<>();
      Qrels.Builder qrels = Qrels.builder();
      for (Benchmark.Query query : benchmark.queries()) {
        if (cache.vector(query.file()).isEmpty()) {
          String line = describeFailure(query.file(), cache);
          if (!unreadable.contains(line)) {
            unreadable.add(line);
          }
          continue;
        }
        queries.add(query);
        qrels.query(query.id());
        benchmark.qrels().judgements(query.id()).forEach((id, grade) -> {
          if (itemIds.contains(id)) {
            qrels.add(query.id(), id, grade);
          }
        });
      }
      return new Readable(items, queries, qrels.build(), unreadable);
    }

    /** The failure of a file, naming it (the decoder's messages already do). */
    private static String describeFailure(Path file, EmbeddingCache cache) {
      String reason = cache.failure(file).orElse("not embedded");
      return reason.contains(file.toString()) ? reason : file + ": " + reason;
    }
  }

  /**
   * Configures a {@link Harness}. Each setter validates at once; setting a value twice is an error.
   * Not thread-safe.
   */
  public static final class Builder {

    private final List<Configuration> configurations = new ArrayList<>();
    private List<Measure> measures;
    private int depth = 100;
    private boolean depthSet;
    private int overlapK = 10;
    private boolean overlapKSet;
    private int threads = Runtime.getRuntime().availableProcessors();
    private boolean threadsSet;
    private int batchSize = 8;
    private ImageDecoder decoder = ImageDecoder.defaults();
    private Consumer<String> log = line -> {};

    private Builder() {}

    /**
     * Adds a configuration to evaluate. At least one is required.
     *
     * @throws IllegalArgumentException if a configuration of the same name was added, or two
     *     embedder choices of the same name differ
     */
    public Builder configuration(Configuration configuration) {
      Objects.requireNonNull(configuration, "configuration");
      for (Configuration earlier : configurations) {
        if (earlier.name().equals(configuration.name())) {
          throw new IllegalArgumentException("configuration " + configuration.name() + " was already added");
        }
        if (earlier.embedder().name().equals(configuration.embedder().name())
            && !earlier.embedder().equals(configuration.embedder())) {
          throw new IllegalArgumentException(
              "two different embedder choices are called " + configuration.embedder().name());
        }
      }
      configurations.add(configuration);
      return this;
    }

    /**
     * The measures to compute. If unset, MRR, mAP, nDCG@10, R@1, R@5, R@10, HR@1, HR@5, HR@10,
     * P@5 and P@10.
     *
     * @throws IllegalArgumentException if the list is empty
     */
    public Builder measures(List<Measure> measures) {
      Objects.requireNonNull(measures, "measures");
      if (measures.isEmpty()) {
        throw new IllegalArgumentException("at least one measure is needed");
      }
      if (this.measures != null) {
        throw new IllegalStateException("measures were already set to " + this.measures);
      }
      this.measures = List.copyOf(measures);
      return this;
    }

    /**
     * How many results each query retrieves; average precision and reciprocal rank are computed
     * over them. If unset, 100.
     *
     * @throws IllegalArgumentException if {@code depth < 1}
     */
    public Builder depth(int depth) {
      if (depth < 1) {
        throw new IllegalArgumentException("depth must be at least 1: " + depth);
      }
      if (depthSet) {
        throw new IllegalStateException("depth was already set to " + this.depth);
      }
      this.depth = depth;
      depthSet = true;
      return this;
    }

    /**
     * The cut-off at which approximate indexes are compared with the exact one. If unset, 10.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public Builder overlapK(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("overlap cut-off must be at least 1: " + k);
      }
      if (overlapKSet) {
        throw new IllegalStateException("overlap cut-off was already set to " + overlapK);
      }
      this.overlapK = k;
      overlapKSet = true;
      return this;
    }

    /**
     * Worker threads that decode and embed. If unset, the number of available processors.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + threads);
      }
      if (threadsSet) {
        throw new IllegalStateException("threads was already set to " + this.threads);
      }
      this.threads = threads;
      threadsSet = true;
      return this;
    }

    /** The image decoder. If unset, {@link ImageDecoder#defaults()}. */
    public Builder decoder(ImageDecoder decoder) {
      this.decoder = Objects.requireNonNull(decoder, "decoder");
      return this;
    }

    /** Receives one line per step, for progress output. If unset, nothing is logged. */
    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * The configured harness.
     *
     * @throws IllegalStateException if no configuration was added
     */
    public Harness build() {
      if (configurations.isEmpty()) {
        throw new IllegalStateException("no configuration to evaluate: call configuration(...)");
      }
      if (measures == null) {
        measures = List.of(
            Measure.mrr(), Measure.map(), Measure.ndcg(10),
            Measure.recall(1), Measure.recall(5), Measure.recall(10),
            Measure.hitRate(1), Measure.hitRate(5), Measure.hitRate(10),
            Measure.precision(5), Measure.precision(10));
      }
      return new Harness(this);
    }
  }
}
