package dev.visualsearch.cli;

import dev.visualsearch.VisualSearch;
import dev.visualsearch.eval.harness.LabelsProtocol;
import dev.visualsearch.personalize.AppendResult;
import dev.visualsearch.personalize.Interaction;
import dev.visualsearch.personalize.InteractionStore;
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
      "Simulate users with category preferences over a labelled collection, log their searches"
          + " and interactions, replay the log and compare the visual ranking with re-ranked ones"
          + " by MRR, nDCG and recall of the images the users then engaged with (held-out days"
          + " only). Seeded: the same options give the same numbers.",
      "With --interactions the simulated users and events are written to that store and the"
          + " replay reads them back from it (the searches themselves come from the simulation:"
          + " the store keeps interactions, not searches)."
    })
final class ReplayCommand implements Callable<Integer> {

  private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");

  @Spec CommandSpec spec;

  @Mixin CollectionOptions collection;

  @Option(names = "--labels", required = true, paramLabel = "CSV",
      description = "path,category rows naming the collection's images (paths relative to the"
          + " CSV's folder), e.g. ../shared/data/tuxpaint/labels.csv.")
  Path labels;

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

  @Option(names = "--interactions", paramLabel = "FILE|JDBC-URL",
      description = "Write the simulated users and events to this store (a new SQLite file or"
          + " an empty PostgreSQL database) and replay them from it.")
  String interactions;

  @Option(names = "--interactions-user", paramLabel = "USER",
      description = "The PostgreSQL user (password from VISUALSEARCH_DB_PASSWORD).")
  String interactionsUser;

  @Override
  public Integer call() throws Exception {
    if (heldOutDays < 1 || heldOutDays >= sessions) {
      throw new IllegalArgumentException("--held-out-days must be from 1 to --sessions - 1 ("
          + (sessions - 1) + "): " + heldOutDays);
    }
    RerankWeights weights = RerankOption.parse(rerank);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (CollectionOptions.Opened opened = collection.open(err)) {
      VisualSearch search = opened.search();
      Map<String, String> categories = CollectionLabels.read(labels, search, collection.index, err);
      SimulatedLog log = new UserSimulator(categories, (id, n) -> search.similar(id, n).ids())
          .run(new UserSimulator.Settings(users, sessions, 20, seed, START));
      List<Interaction> events = log.interactions();
      List<User> simulatedUsers = log.users();
      if (interactions != null) {
        try (InteractionStore store = StoreTargets.open(interactions, interactionsUser)) {
          write(log, store);
          events = new ArrayList<>();
          store.scanAll(events::add);
          simulatedUsers = store.users();
          err.println("replay: wrote " + events.size() + " interactions and "
              + simulatedUsers.size() + " users to " + store + " and read them back");
        }
      }
      ReplayEvaluation evaluation =
          ReplayEvaluation.builder((id, n) -> search.similar(id, n).hits(), search::vector)
              .heldOutFrom(START.plus(Duration.ofDays(sessions - heldOutDays)))
              .users(simulatedUsers, categories)
              .centre(TasteVector.collectionMean(search))
              .build();
      List<Ranker> rankers = List.of(
          new Ranker("visual", RerankWeights.VISUAL_ONLY),
          new Ranker("re-ranked (" + rerank + ")", weights),
          new Ranker("taste only", weights.withEngagement(0)),
          new Ranker("engagement only", weights.withTaste(0)));
      ReplayResult result = evaluation.evaluate(log.queries(), events, rankers);
      out.println(users + " users x " + sessions + " searches, seed " + seed + ": "
          + events.size() + " interactions; days " + (sessions - heldOutDays + 1) + "-"
          + sessions + " held out");
      out.print(result.table());
      out.flush();
    }
    return 0;
  }

  /** Writes the simulated users and events to {@code store}, which must hold no events yet. */
  private void write(SimulatedLog log, InteractionStore store) throws java.io.IOException {
    if (store.size() > 0) {
      throw new IllegalArgumentException("--interactions " + interactions + " already holds "
          + store.size() + " interactions; the replay wants an empty store");
    }
    for (User user : log.users()) {
      store.putUser(user);
    }
    List<RawInteraction> batch = new ArrayList<>();
    for (Interaction interaction : log.interactions()) {
      batch.add(RawInteraction.of(interaction));
      if (batch.size() == 5000) {
        append(store, batch);
      }
    }
    append(store, batch);
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
