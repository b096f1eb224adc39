package dev.visualsearch.cli;

import dev.visualsearch.VisualSearch;
import dev.visualsearch.personalize.EngagementScores;
import dev.visualsearch.personalize.EngagementWeights;
import dev.visualsearch.personalize.Interaction;
import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.OneHotEncoder;
import dev.visualsearch.personalize.TasteVector;
import dev.visualsearch.personalize.User;
import dev.visualsearch.store.AtomicFile;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code visualsearch features --index <dir> --out <dir>}: the user and image features learned
 * from the interaction store, as CSV tables for training a ranker of one's own.
 */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = {
      "Write the features the interaction store yields as CSV: users.csv (one-hot encodings of"
          + " each user's attributes and declared categories), images.csv (each image's"
          + " decayed engagement score, exposure and smoothed engagement rate now) and tastes.csv"
          + " (each user's taste vector: unit length, seen from the collection's mean)."
    })
final class FeaturesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CollectionOptions collection;

  /** Default: interactions.db in the index directory. */
  @Mixin StoreOptions storeOptions;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "The folder to write users.csv, images.csv and tastes.csv to (created if needed).")
  Path out;

  @Option(names = "--prior-impressions", defaultValue = "20", paramLabel = "M",
      description = "The smoothing of the engagement rate (default: ${DEFAULT-VALUE}).")
  double priorImpressions;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    if (!(priorImpressions > 0) || Double.isInfinite(priorImpressions)) {
      throw new IllegalArgumentException("--prior-impressions must be a number > 0: "
          + priorImpressions);
    }
    PrintWriter err = spec.commandLine().getErr();
    Files.createDirectories(out);
    try (CollectionOptions.Opened opened = collection.open(err);
        InteractionStore store = storeOptions.openOr(collection.index.resolve("interactions.db"))) {
      VisualSearch search = opened.search();
      List<String> ids = search.ids();
      List<User> users = store.users();
      OneHotEncoder encoder = OneHotEncoder.fit(users);
      write(out.resolve("users.csv"), csv -> {
        List<String> header = new ArrayList<>(List.of("user"));
        header.addAll(encoder.names());
        Csv.row(csv, header);
        for (User user : users) {
          List<String> row = new ArrayList<>(List.of(user.id()));
          for (float value : encoder.encode(user)) {
            row.add(value == 0 ? "0" : "1");
          }
          Csv.row(csv, row);
        }
      });
      EngagementScores engagement = new EngagementScores(EngagementWeights.DEFAULT);
      Set<String> active = new TreeSet<>();
      store.scanAll(interaction -> {
        engagement.observe(interaction);
        active.add(interaction.user());
      });
      Instant now = clock.instant();
      write(out.resolve("images.csv"), csv -> {
        Csv.row(csv, List.of("image", "score", "exposure", "rate"));
        for (String id : ids) {
          Csv.row(csv, List.of(id, format(engagement.score(id, now)),
              format(engagement.exposure(id, now)),
              format(engagement.rate(id, now, priorImpressions))));
        }
      });
      int tastes = writeTastes(search, store, active, now);
      err.println("features: " + users.size() + " users x " + encoder.dimension()
          + " one-hot columns, " + ids.size() + " images (" + engagement.size()
          + " with interactions), " + tastes + " taste vectors from " + store + " written to "
          + out);
      err.flush();
    }
    return 0;
  }

  /**
   * tastes.csv: each user's taste vector as the live search computes it (latest 500 weighted
   * interactions, centred on the collection's mean); users without one are left out.
   */
  private int writeTastes(VisualSearch search, InteractionStore store, Set<String> users,
      Instant now) throws IOException {
    EngagementWeights weights = EngagementWeights.DEFAULT;
    float[] centre = TasteVector.collectionMean(search);
    int[] written = {0};
    write(out.resolve("tastes.csv"), csv -> {
      List<String> header = new ArrayList<>(List.of("user"));
      for (int i = 0; i < search.embedder().dimension(); i++) {
        header.add("t" + i);
      }
      Csv.row(csv, header);
      for (String user : users) {
        List<Interaction> history = store.forUser(user, 500, weights.weightedTypes());
        TasteVector.of(history, search::vector, weights, now, centre).ifPresent(taste -> {
          List<String> row = new ArrayList<>(List.of(user));
          for (float value : taste.direction()) {
            row.add(format(value));
          }
          Csv.row(csv, row);
          written[0]++;
        });
      }
    });
    return written[0];
  }

  private static String format(double value) {
    return String.format(java.util.Locale.ROOT, "%.6g", value);
  }

  private interface Rows {
    void write(PrintWriter csv) throws IOException;
  }

  /** Writes a table atomically: a half-written file never takes the name. */
  private static void write(Path file, Rows rows) throws IOException {
    AtomicFile.write(file, stream -> {
      // Not closed: AtomicFile owns the stream.
      PrintWriter csv = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
      rows.write(csv);
      csv.flush();
    });
  }
}
