package dev.visualsearch.cli;

import dev.visualsearch.VisualSearch;
import dev.visualsearch.eval.harness.LabelsProtocol;
import dev.visualsearch.personalize.AppendResult;
import dev.visualsearch.personalize.Interaction;
import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.LoggedSearch;
import dev.visualsearch.personalize.RawInteraction;
import dev.visualsearch.personalize.RerankWeights;
import dev.visualsearch.personalize.TasteVector;
import dev.visualsearch.personalize.User;
import dev.visualsearch.personalize.replay.ReplayEvaluation;
import dev.visualsearch.personalize.replay.ReplayEvaluation.Ranker;
import dev.visualsearch.personalize.replay.ReplayResult;
import dev.visualsearch.personalize.replay.SimulatedLog;
import dev.visualsearch.personalize.replay.UserSimulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code visualsearch replay --index <dir> --labels <csv>}: simulated users, and whether
 * re-ranking puts what they engage with higher than the visual ranking.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a log of searches and interactions and compare the visual ranking with re-ranked"
          + " ones by MRR, nDCG and recall of the images the users then engaged with (held-out"
          + " searches only; earlier ones only teach).",
      "With --labels: simulate users with category preferences over the labelled collection"
          + " (seeded: the same options give the same numbers); with --interactions as well, the"
          + " simulated users, searches and events are written to that store and read back from"
          + " it. Without --labels: replay the log in the store --interactions names (for"
          + " example what serve recorded), holding out the searches from --held-out-from on."
    })
final class ReplayCommand implements Callable<Integer> {

  private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");

  @Spec CommandSpec spec;

  @Mixin CollectionOptions collection;

  @Option(names = "--labels", paramLabel = "CSV",
      description = "Simulate users over the images these path,category rows label (paths"
          + " relative to the CSV's folder), e.g. ../shared/data/tuxpaint/labels.csv.")
  Path labels;

  @Option(names = "--held-out-from", paramLabel = "INSTANT",
      description = "Without --labels: evaluate the searches from this time on, e.g."
          + " 2026-06-01T00:00:00Z.")
  Instant heldOutFrom;

  @Option(names = "--users", defaultValue = "200", paramLabel = "N",
      description = "Simulated users (default: ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--sessions", defaultValue = "12", paramLabel = "N",
      description = "Searches per user, one a day (default: ${DEFAULT-VALUE}).")
  int sessions;

  @Option(names = "--held-out-days", defaultValue = "4", paramLabel = "N",
      description = "The last N days are evaluated; earlier ones only teach (default:"
          + " ${DEFAULT-VALUE}).")
  int heldOutDays;

  @Option(names = "--seed", defaultValue = "20261128", paramLabel = "SEED",
      description = "The simulation's seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--rerank", defaultValue = "default", paramLabel = "WEIGHTS",
      description = "The re-ranking to compare with the visual one: default, or"
          + " taste=W,engagement=W (default: ${DEFAULT-VALUE}).")
  String rerank;

  /**
   * With --labels: where the simulated log is written and read back from (a new SQLite file or an
   * empty PostgreSQL database). Without: the store whose log is replayed.
   */
  @Mixin StoreOptions store;

  @Override
  public Integer call() throws Exception {
    if (labels == null && (!store.given() || heldOutFrom == null)) {
      throw new IllegalArgumentException("replay needs --labels (simulated users), or"
          + " --interactions and --held-out-from (the log in a store)");
    }
    if (labels != null && (heldOutDays < 1 || heldOutDays >= sessions)) {
      throw new IllegalArgumentException("--held-out-days must be from 1 to --sessions - 1 ("
          + (sessions - 1) + "): " + heldOutDays);
    }
    RerankWeights weights = RerankOption.parse(rerank);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (CollectionOptions.Opened opened = collection.open(err)) {
      VisualSearch search = opened.search();
      Map<String, String> categories = Map.of();
      Log log;
      Instant from;
      String what;
      if (labels != null) {
        categories = CollectionLabels.read(labels, search, collection.index, err);
        SimulatedLog simulated = new UserSimulator(categories, (id, n) -> search.similar(id, n).ids())
            .run(new UserSimulator.Settings(users, sessions, 20, seed, START));
        log = new Log(simulated.users(), simulated.queries(), simulated.interactions());
        if (store.given()) {
          log = throughStore(simulated, err);
        }
        from = START.plus(Duration.ofDays(sessions - heldOutDays));
        what = users + " users x " + sessions + " searches, seed " + seed + ": "
            + log.interactions().size() + " interactions; days " + (sessions - heldOutDays + 1)
            + "-" + sessions + " held out";
      } else {
        try (InteractionStore logged = store.open()) {
          log = Log.read(logged);
        }
        from = heldOutFrom;
        what = log.searches().size() + " searches and " + log.interactions().size()
            + " interactions of " + log.users().size() + " declared users from " + store
            + "; searches from " + from + " held out";
      }
      ReplayEvaluation evaluation =
          ReplayEvaluation.builder((id, n) -> search.similar(id, n).hits(), search::vector)
              .heldOutFrom(from)
              .users(log.users(), categories)
              .centre(TasteVector.collectionMean(search))
              .build();
      List<Ranker> rankers = List.of(
          new Ranker("visual", RerankWeights.VISUAL_ONLY),
          new Ranker("re-ranked (" + rerank + ")", weights),
          new Ranker("taste only", weights.withEngagement(0)),
          new Ranker("engagement only", weights.withTaste(0)));
      ReplayResult result = evaluation.evaluate(log.searches(), log.interactions(), rankers);
      out.println(what);
      out.print(result.table());
      out.flush();
    }
    return 0;
  }

  /** A log to replay. */
  private record Log(List<User> users, List<LoggedSearch> searches, List<Interaction> interactions) {

    /** Everything {@code store} holds. */
    static Log read(InteractionStore store) throws java.io.IOException {
      List<LoggedSearch> searches = new ArrayList<>();
      store.scanSearches(Instant.MIN, Instant.MAX, searches::add);
      List<Interaction> interactions = new ArrayList<>();
      store.scanAll(interactions::add);
      return new Log(store.users(), searches, interactions);
    }
  }

  /** Writes the simulated log to the store, then reads it back from there. */
  private Log throughStore(SimulatedLog simulated, PrintWriter err) throws java.io.IOException {
    try (InteractionStore opened = store.open()) {
      write(simulated, opened);
      Log log = Log.read(opened);
      err.println("replay: wrote " + log.users().size() + " users, " + log.searches().size()
          + " searches and " + log.interactions().size() + " interactions to " + opened
          + " and read them back");
      return log;
    }
  }

  /** Writes the simulated users and events to {@code store}, which must hold no events yet. */
  private void write(SimulatedLog log, InteractionStore target) throws java.io.IOException {
    if (target.size() > 0) {
      throw new IllegalArgumentException("--interactions " + store + " already holds "
          + target.size() + " interactions; the replay wants an empty store");
    }
    for (User user : log.users()) {
      target.putUser(user);
    }
    for (LoggedSearch search : log.queries()) {
      target.logSearch(search);
    }
    List<RawInteraction> batch = new ArrayList<>();
    for (Interaction interaction : log.interactions()) {
      batch.add(RawInteraction.of(interaction));
      if (batch.size() == 5000) {
        append(target, batch);
      }
    }
    append(target, batch);
  }

  private static void append(InteractionStore store, List<RawInteraction> batch)
      throws java.io.IOException {
    AppendResult result = store.append(batch);
    if (!result.allStored()) {
      throw new IllegalStateException("the store refused a simulated event: "
          + result.rejected().get(0).reason());
    }
    batch.clear();
  }
}
