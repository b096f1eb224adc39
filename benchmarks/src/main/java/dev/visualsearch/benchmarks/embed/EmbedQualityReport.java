package dev.visualsearch.benchmarks.embed;

import dev.visualsearch.embed.onnx.KnownModel;
import dev.visualsearch.embed.onnx.ModelCache;
import dev.visualsearch.embed.onnx.OnnxImageEmbedder;
import dev.visualsearch.embed.onnx.PcaWhitening;
import dev.visualsearch.embed.onnx.ScaledImageDecoder;
import dev.visualsearch.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures what the embedder's quality options do to retrieval on the project's data, for both
 * MobileNetV2 files: category retrieval on tuxpaint ({@code labels.csv}, 376 images, each image a
 * query against the other 375; mean average precision over the queries whose category has
 * another image) and same-object retrieval on {@code pairs/} (22 photos in 11 pairs, each a query
 * against the other 21, mean reciprocal rank of the partner; and again with the 17 {@code
 * photos/} added as distractors).
 *
 * <p>Options: flip averaging, multi-scale views, both; PCA-whitening learned from the tuxpaint
 * vectors themselves (the "learn from the collection" use) at several output dimensions, applied
 * to both sets; reduced-scale JPEG decoding.
 *
 * <p>The metric code here is a stop-gap (the project's {@code eval} module will replace it); it
 * follows trec_eval's definitions: AP = mean over relevant items of the precision at their rank.
 *
 * <pre>
 * java -cp benchmarks/target/visualsearch-benchmarks.jar \
 *     dev.visualsearch.benchmarks.embed.EmbedQualityReport [zoo|st ...]
 * </pre>
 */
public final class EmbedQualityReport {

  private EmbedQualityReport() {}

  /** Runs the report for the models named (default: both). */
  public static void main(String[] args) throws Exception {
    List<String> models = args.length == 0 ? List.of("zoo", "st") : List.of(args);
    Path data = BenchmarkImages.shared().resolve("data");
    Labelled tux = tuxpaint(data);
    Labelled pairs = pairs(data, false);
    Labelled pairsWithDistractors = pairs(data, true);
    System.out.println("# retrieval quality: tuxpaint " + tux.files.size() + " images, pairs "
        + pairs.files.size() + " (+" + (pairsWithDistractors.files.size() - pairs.files.size())
        + " distractors); " + ScaledImageDecoder.turboJpegStatus());
    System.out.println("model  option                        tux mAP (change vs baseline ± 2 SE,"
        + " paired over queries)   pairs MRR  pairs+distr MRR");
    for (String model : models) {
      baselineAp = null;
      Map<String, OnnxImageEmbedder.Builder> variants = new LinkedHashMap<>();
      variants.put("baseline", builder(model));
      variants.put("flip", builder(model).flipAveraging(true));
      variants.put("multi-scale", builder(model).multiScale(true));
      variants.put("flip+multi-scale", builder(model).flipAveraging(true).multiScale(true));
      for (Map.Entry<String, OnnxImageEmbedder.Builder> variant : variants.entrySet()) {
        try (OnnxImageEmbedder embedder = variant.getValue().build()) {
          List<float[]> t = embed(embedder, tux.files, false);
          List<float[]> p = embed(embedder, pairsWithDistractors.files, false);
          print(model, variant.getKey(), t, tux, p, pairs, pairsWithDistractors);
          if (variant.getKey().equals("baseline")) {
            for (int d : new int[] {32, 64, 128, 256}) {
              PcaWhitening whitening = PcaWhitening.learn(t, d, embedder.fingerprint());
              print(model, "pca-whiten d=" + d + " (tuxpaint)", apply(whitening, t), tux,
                  apply(whitening, p), pairs, pairsWithDistractors);
            }
            List<float[]> tr = embed(embedder, tux.files, true);
            List<float[]> pr = embed(embedder, pairsWithDistractors.files, true);
            print(model, "reduced JPEG decoding", tr, tux, pr, pairs, pairsWithDistractors);
            largeCopies(model, embedder, data);
          }
        }
      }
    }
  }

  /** Per-query average precision of the current model's baseline, for paired differences. */
  private static double[] baselineAp;

  private static void print(String model, String option, List<float[]> tuxVectors, Labelled tux,
      List<float[]> pairVectors, Labelled pairs, Labelled withDistractors) {
    double[] ap = averagePrecisions(tuxVectors, tux.labels);
    double map = mean(ap);
    String change = "";
    if (baselineAp == null) {
      baselineAp = ap;
    } else {
      double[] diff = new double[ap.length];
      for (int i = 0; i < ap.length; i++) {
        diff[i] = ap[i] - baselineAp[i];
      }
      double m = mean(diff);
      double var = 0;
      int n = 0;
      for (double d : diff) {
        if (!Double.isNaN(d)) {
          var += (d - m) * (d - m);
          n++;
        }
      }
      double se = Math.sqrt(var / (n - 1) / n);
      change = String.format(Locale.ROOT, "%+.4f ± %.4f", m, 2 * se);
    }
    double mrr = meanReciprocalRank(pairVectors.subList(0, pairs.files.size()), pairs.labels);
    double mrrDistractors = meanReciprocalRank(pairVectors, withDistractors.labels);
    System.out.printf(Locale.ROOT, "%-6s %-28s  %7.4f %-20s  %9.4f  %15.4f%n", model, option, map,
        change, mrr, mrrDistractors);
  }

  private static double mean(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return sum / n;
  }

  /**
   * The 12-megapixel enlargements of 8 photos (the benchmarks' {@code large} set) as queries
   * against the 17 originals in {@code photos/}: the rank of each one's original and its cosine,
   * decoded in full and at a reduced JPEG scale.
   */
  private static void largeCopies(String model, OnnxImageEmbedder embedder, Path data)
      throws IOException {
    List<Path> originals;
    try (var photos = Files.list(data.resolve("photos"))) {
      originals = photos.sorted().toList();
    }
    List<float[]> index = embed(embedder, originals, false);
    for (boolean reduced : new boolean[] {false, true}) {
      List<Path> queries = BenchmarkImages.files(BenchmarkImages.Set.large);
      List<float[]> vectors = embed(embedder, queries, reduced);
      double reciprocal = 0;
      double cosine = 0;
      for (int q = 0; q < queries.size(); q++) {
        String source = queries.get(q).getFileName().toString().substring("large-".length());
        int original = -1;
        for (int i = 0; i < originals.size(); i++) {
          if (originals.get(i).getFileName().toString().equals(source)) {
            original = i;
          }
        }
        float[] query = vectors.get(q);
        double target = dot(query, index.get(original));
        int rank = 1;
        for (float[] other : index) {
          rank += dot(query, other) > target ? 1 : 0;
        }
        reciprocal += 1.0 / rank;
        cosine += target;
      }
      System.out.printf(Locale.ROOT,
          "%-6s 12-MP copies -> originals, %-8s decoding: MRR %.4f, mean cosine %.4f%n", model,
          reduced ? "reduced" : "full", reciprocal / queries.size(), cosine / queries.size());
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  private static OnnxImageEmbedder.Builder builder(String model) throws IOException {
    ModelCache cache = ModelCache.builder()
        .offlineDirectory(BenchmarkImages.shared().resolve("models")).build();
    KnownModel known = BenchmarkSetup.model(model);
    return known.embedderBuilder(cache.fetch(known));
  }

  private static List<float[]> embed(OnnxImageEmbedder embedder, List<Path> files,
      boolean reduced) throws IOException {
    ScaledImageDecoder decoder = reduced
        ? ScaledImageDecoder.create(ImageDecoder.defaults())
        : ScaledImageDecoder.withoutTurboJpeg(ImageDecoder.defaults());
    int shortSide = reduced ? embedder.preprocessing().minimumShortSide() : 0;
    List<float[]> vectors = new ArrayList<>();
    List<BufferedImage> batch = new ArrayList<>();
    for (Path file : files) {
      batch.add(decoder.decode(file, shortSide));
      if (batch.size() == 16) {
        vectors.addAll(embedder.embedAll(batch));
        batch.clear();
      }
    }
    vectors.addAll(embedder.embedAll(batch));
    return vectors;
  }

  private static List<float[]> apply(PcaWhitening whitening, List<float[]> vectors) {
    List<float[]> out = new ArrayList<>();
    for (float[] v : vectors) {
      out.add(whitening.apply(v));
    }
    return out;
  }

  /** Files with a label each; an empty label marks a distractor, never relevant. */
  private record Labelled(List<Path> files, List<String> labels) {}

  /** tuxpaint/labels.csv: "path,category" rows, CRLF; folder names in paths end in a CR. */
  private static Labelled tuxpaint(Path data) throws IOException {
    Path root = data.resolve("tuxpaint");
    String csv = Files.readString(root.resolve("labels.csv"), StandardCharsets.UTF_8);
    List<Path> files = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (String line : csv.split("\n")) {
      // Only the line's own CR ends it; the CR inside the path belongs to the folder name.
      String row = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (row.isEmpty() || row.equals("path,category")) {
        continue;
      }
      int comma = row.lastIndexOf(',');
      Path file = root.resolve(row.substring(0, comma));
      if (!Files.isRegularFile(file)) {
        throw new IOException("labels.csv names a missing file: " + file);
      }
      files.add(file);
      labels.add(row.substring(comma + 1));
    }
    return new Labelled(files, labels);
  }

  private static Labelled pairs(Path data, boolean distractors) throws IOException {
    List<Path> files = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<String> lines = Files.readAllLines(data.resolve("pairs/groups.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.strip().split(",");
      files.add(data.resolve("pairs").resolve(fields[1]));
      labels.add(fields[0]);
    }
    if (distractors) {
      try (var photos = Files.list(data.resolve("photos"))) {
        for (Path photo : photos.sorted().toList()) {
          files.add(photo);
          labels.add("");
        }
      }
    }
    return new Labelled(files, labels);
  }

  /** Average precision per query; NaN for a query whose label no other item has. */
  static double[] averagePrecisions(List<float[]> vectors, List<String> labels) {
    double[] ap = new double[vectors.size()];
    for (int q = 0; q < vectors.size(); q++) {
      List<Integer> ranking = rank(vectors, q);
      int relevant = 0;
      double precisionSum = 0;
      for (int r = 0; r < ranking.size(); r++) {
        if (labels.get(ranking.get(r)).equals(labels.get(q))) {
          relevant++;
          precisionSum += (double) relevant / (r + 1);
        }
      }
      ap[q] = relevant > 0 ? precisionSum / relevant : Double.NaN;
    }
    return ap;
  }

  /** Mean over labelled queries of 1 / the rank of the first other item with their label. */
  static double meanReciprocalRank(List<float[]> vectors, List<String> labels) {
    double sum = 0;
    int queries = 0;
    for (int q = 0; q < vectors.size(); q++) {
      if (labels.get(q).isEmpty()) {
        continue;
      }
      List<Integer> ranking = rank(vectors, q);
      for (int r = 0; r < ranking.size(); r++) {
        if (labels.get(ranking.get(r)).equals(labels.get(q))) {
          sum += 1.0 / (r + 1);
          break;
        }
      }
      queries++;
    }
    return sum / queries;
  }

  /** The other items by descending dot product (cosine for unit vectors), ties by index. */
  private static List<Integer> rank(List<float[]> vectors, int q) {
    float[] query = vectors.get(q);
    double[] scores = new double[vectors.size()];
    List<Integer> ranking = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      float[] v = vectors.get(i);
      double s = 0;
      for (int k = 0; k < v.length; k++) {
        s += query[k] * v[k];
      }
      scores[i] = s;
      if (i != q) {
        ranking.add(i);
      }
    }
    ranking.sort((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a])
        : Integer.compare(a, b));
    return ranking;
  }
}
