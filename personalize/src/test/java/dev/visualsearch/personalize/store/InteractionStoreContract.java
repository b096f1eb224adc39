package dev.visualsearch.personalize.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visualsearch.personalize.AppendResult;
import dev.visualsearch.personalize.Interaction;
import dev.visualsearch.personalize.InteractionStore;
import dev.visualsearch.personalize.LoggedSearch;
import dev.visualsearch.personalize.RawInteraction;
import dev.visualsearch.personalize.User;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link InteractionStore} must do, run against a real SQLite file and a real
 * PostgreSQL server by the subclasses. Each test gets a store location of its own.
 */
abstract class InteractionStoreContract {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path temp;

  /** Opens the store at this test's location (the same location each time). */
  abstract InteractionStore open() throws IOException;

  /** A plain connection to this test's location, for setting up old or foreign schemas. */
  abstract Connection connect() throws SQLException;

  abstract Dialect dialect();

  /** The writer's arguments before the batch size; see {@link StoreWriterMain}. */
  abstract List<String> writerArguments();

  abstract boolean indexExists(Connection connection, String index) throws SQLException;

  /** Whether table {@code table} exists at this test's location. */
  abstract boolean tableExists(Connection connection, String table) throws SQLException;

  /** Makes inserting an interaction with image {@code poison} fail in the database. */
  abstract void poisonImage(Connection connection) throws SQLException;

  /** How the store at this test's location is named in its error messages. */
  abstract String storeName();

  @Test
  void readsBackWhatWasAppendedAsAReferenceListWould() throws IOException {
    long seed = System.nanoTime();
    System.out.println("readsBack seed " + seed);
    Random random = new Random(seed);
    List<Interaction> reference = new ArrayList<>();
    try (InteractionStore store = open()) {
      for (int batch = 0; batch < 5; batch++) {
        List<RawInteraction> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          Interaction.Type type = Interaction.Type.values()[random.nextInt(6)];
          Interaction event = new Interaction("u" + random.nextInt(4), "i" + random.nextInt(10),
              type, type == Interaction.Type.DWELL ? random.nextInt(60_000) : 0,
              T0.plusMillis(random.nextInt(100)), // few distinct times: many ties
              random.nextBoolean() ? null : "q" + random.nextInt(5));
          events.add(RawInteraction.of(event));
          reference.add(event);
        }
        AppendResult result = store.append(events);
        assertThat(result.stored()).as("seed %d", seed).isEqualTo(40);
        assertThat(result.allStored()).isTrue();
      }

      assertThat(store.size()).isEqualTo(reference.size());
      for (int user = 0; user < 4; user++) {
        String id = "u" + user;
        List<Interaction> all = ordered(reference, e -> e.user().equals(id));
        for (int limit : new int[] {1, 7, 1000}) {
          assertThat(store.forUser(id, limit)).as("seed %d user %s limit %d", seed, id, limit)
              .containsExactlyElementsOf(all.subList(Math.max(0, all.size() - limit), all.size()));
          Set<Interaction.Type> engaged = java.util.EnumSet.of(
              Interaction.Type.CLICK, Interaction.Type.LIKE, Interaction.Type.PURCHASE);
          List<Interaction> ofTypes = ordered(reference,
              e -> e.user().equals(id) && engaged.contains(e.type()));
          assertThat(store.forUser(id, limit, engaged)).as("seed %d user %s limit %d types", seed, id, limit)
              .containsExactlyElementsOf(
                  ofTypes.subList(Math.max(0, ofTypes.size() - limit), ofTypes.size()));
        }
      }
      Set<String> images = Set.of("i1", "i4", "i9", "absent");
      assertThat(store.forImages(images)).as("seed %d", seed)
          .containsExactlyElementsOf(ordered(reference, e -> images.contains(e.image())));
      assertThat(store.forImages(List.of())).isEmpty();

      Instant from = T0.plusMillis(20);
      Instant to = T0.plusMillis(70);
      List<Interaction> scanned = new ArrayList<>();
      store.scan(from, to, scanned::add);
      assertThat(scanned).as("seed %d", seed).containsExactlyElementsOf(ordered(reference,
          e -> !e.timestamp().isBefore(from) && e.timestamp().isBefore(to)));
      List<Interaction> everything = new ArrayList<>();
      store.scan(Instant.MIN, Instant.MAX, everything::add);
      assertThat(everything).containsExactlyElementsOf(ordered(reference, e -> true));
      List<Interaction> all = new ArrayList<>();
      store.scanAll(all::add);
      assertThat(all).isEqualTo(everything);
      assertThatThrownBy(() -> store.forUser("u0", 5, Set.of()))
          .hasMessageContaining("types must name at least one");
      assertThat(store.forUser("nobody", 5)).isEmpty();
    }
  }

  /** The events of {@code reference} that match, oldest first, ties in the order appended. */
  private static List<Interaction> ordered(List<Interaction> reference,
      Predicate<Interaction> filter) {
    return reference.stream().filter(filter)
        .sorted(Comparator.comparing(Interaction::timestamp)) // stable: ties keep append order
        .toList();
  }

  @Test
  void searchesAreLoggedAndScannedInTimeOrder() throws IOException {
    List<LoggedSearch> searches = List.of(
        new LoggedSearch("q-2", "ann", T0.plusMillis(20), "photos/cat.jpg"),
        new LoggedSearch("q-1", "ben", T0.plusMillis(10), null),
        new LoggedSearch("q-3", "ann", T0.plusMillis(30), "photos/dog.jpg"));
    try (InteractionStore store = open()) {
      for (LoggedSearch search : searches) {
        store.logSearch(search);
      }
      assertThatThrownBy(() -> store.logSearch(searches.get(0)))
          .isInstanceOf(IOException.class).hasMessageContaining("log search 'q-2'");
    }
    try (InteractionStore store = open()) {
      List<LoggedSearch> all = new ArrayList<>();
      store.scanSearches(Instant.MIN, Instant.MAX, all::add);
      assertThat(all).containsExactly(searches.get(1), searches.get(0), searches.get(2));
      List<LoggedSearch> later = new ArrayList<>();
      store.scanSearches(T0.plusMillis(20), T0.plusMillis(30), later::add);
      assertThat(later).containsExactly(searches.get(0));
    }
  }

  @Test
  void keepsQueryIdAndDwellAndDropsBelowAMillisecond() throws IOException {
    Instant precise = T0.plusNanos(1_234_567);
    try (InteractionStore store = open()) {
      store.append(List.of(
          new RawInteraction("u", "a", "dwell", 4_321L, precise, "query-7"),
          new RawInteraction("u", "b", "PURCHASE", null, T0.plusSeconds(1), null)));
      assertThat(store.forUser("u", 10)).containsExactly(
          new Interaction("u", "a", Interaction.Type.DWELL, 4_321, T0.plusMillis(1), "query-7"),
          new Interaction("u", "b", Interaction.Type.PURCHASE, 0, T0.plusSeconds(1), null));
    }
  }

  @Test
  void storesReplacesAndListsUsers() throws IOException {
    User ann = new User("ann", Set.of("animals", "food"),
        Map.of(User.LOCATION, "Leuven", User.DEVICE, "mobile"));
    User bob = User.anonymous("bob");
    try (InteractionStore store = open()) {
      assertThat(store.user("ann")).isEmpty();
      assertThat(store.users()).isEmpty();
      store.putUser(bob);
      store.putUser(ann);
      assertThat(store.user("ann")).contains(ann);
      assertThat(store.user("bob")).contains(bob);
      assertThat(store.users()).containsExactly(ann, bob);

      User annMoved = new User("ann", Set.of("vehicles"), Map.of(User.LOCATION, "Gent"));
      store.putUser(annMoved);
      assertThat(store.user("ann")).contains(annMoved);
      assertThat(store.users()).containsExactly(annMoved, bob);
    }
  }

  @Test
  void keepsEachUserWholeWhenFourThreadsReplaceItAtOnce() throws Exception {
    try (InteractionStore store = open()) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          String version = "v" + t;
          done.add(pool.submit(() -> {
            for (int i = 0; i < 25; i++) {
              store.putUser(new User("ann", Set.of(version, version + "-too"),
                  Map.of(User.DEVICE, version)));
              User read = store.user("ann").orElseThrow();
              String device = read.attribute(User.DEVICE).orElseThrow();
              // Categories and attributes of one put, never a mix of two.
              assertThat(read.preferredCategories()).containsExactlyInAnyOrder(device,
                  device + "-too");
              assertThat(store.users()).hasSize(1);
            }
            return null;
          }));
        }
        for (Future<?> future : done) {
          future.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void rejectsBadEventsWithTheirReasonAndStoresTheRestOfTheBatch() throws IOException {
    List<RawInteraction> batch = List.of(
        new RawInteraction("u", "ok-1", "click", null, T0, null),
        new RawInteraction("u", "a", "stare", null, T0, null),
        new RawInteraction("u", "b", "dwell", -5L, T0, null),
        new RawInteraction(null, "c", "click", null, T0, null),
        new RawInteraction("u", null, "click", null, T0, null),
        new RawInteraction("", "d", "click", null, T0, null),
        new RawInteraction("u", "e", "click", null, null, null),
        new RawInteraction("u", "f", "dwell", null, T0, null),
        new RawInteraction("u", "ok-2", "like", null, T0.plusMillis(1), "q"));
    try (InteractionStore store = open()) {
      AppendResult result = store.append(batch);
      assertThat(result.stored()).isEqualTo(2);
      assertThat(result.rejected()).extracting(AppendResult.Rejection::index)
          .containsExactly(1, 2, 3, 4, 5, 6, 7);
      assertThat(result.rejected()).extracting(AppendResult.Rejection::event)
          .containsExactlyElementsOf(batch.subList(1, 8));
      assertThat(result.rejected()).extracting(AppendResult.Rejection::reason).satisfiesExactly(
          reason -> assertThat(reason).contains("type").contains("'stare'"),
          reason -> assertThat(reason).contains("dwellMs").contains("-5"),
          reason -> assertThat(reason).isEqualTo("missing user"),
          reason -> assertThat(reason).isEqualTo("missing image"),
          reason -> assertThat(reason).isEqualTo("missing user"),
          reason -> assertThat(reason).isEqualTo("missing timestamp"),
          reason -> assertThat(reason).contains("dwellMs"));
      assertThat(store.forUser("u", 10)).extracting(Interaction::image)
          .containsExactly("ok-1", "ok-2");
      assertThat(store.size()).isEqualTo(2);
    }
  }

  @Test
  void storesEveryEventAppendedFromFourThreadsAtOnce() throws Exception {
    int threads = 4;
    int batches = 25;
    int perBatch = 20;
    try (InteractionStore store = open()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Integer>> stored = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          String user = "thread-" + t;
          stored.add(pool.submit(() -> {
            int count = 0;
            for (int b = 0; b < batches; b++) {
              List<RawInteraction> events = new ArrayList<>();
              for (int i = 0; i < perBatch; i++) {
                events.add(new RawInteraction(user, b + ":" + i, "impression", null,
                    T0.plusMillis(b * perBatch + i), null));
              }
              count += store.append(events).stored();
              store.forUser(user, 5); // reads interleaved with the other threads' writes
            }
            return count;
          }));
        }
        for (Future<Integer> future : stored) {
          assertThat(future.get(120, TimeUnit.SECONDS)).isEqualTo(batches * perBatch);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(store.size()).isEqualTo((long) threads * batches * perBatch);
      for (int t = 0; t < threads; t++) {
        assertThat(store.forUser("thread-" + t, 10_000)).hasSize(batches * perBatch);
      }
    }
  }

  @Test
  void keepsEverythingWhenReopened() throws IOException {
    User ann = new User("ann", Set.of("food"), Map.of(User.DEVICE, "desktop"));
    try (InteractionStore store = open()) {
      store.append(List.of(new RawInteraction("ann", "x", "save", null, T0, "q1")));
      store.putUser(ann);
    }
    try (InteractionStore store = open()) {
      assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
      assertThat(store.size()).isEqualTo(1);
      assertThat(store.forImages(List.of("x"))).containsExactly(
          new Interaction("ann", "x", Interaction.Type.SAVE, 0, T0, "q1"));
      assertThat(store.users()).containsExactly(ann);
    }
  }

  @Test
  void migratesAVersionOneStoreToTheCurrentVersion() throws Exception {
    try (Connection connection = connect()) {
      assertThat(Migrations.migrate(connection, dialect(), 1, "test store")).isEqualTo(1);
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO interactions (user_id, image_id, type, dwell_ms, ts)"
            + " VALUES ('old', 'img', 'click', 0, " + T0.toEpochMilli() + ")");
      }
      assertThat(indexExists(connection, "interactions_image")).isFalse();
    }
    try (InteractionStore store = open()) {
      assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
      assertThat(store.forImages(List.of("img"))).containsExactly(
          new Interaction("old", "img", Interaction.Type.CLICK, 0, T0));
    }
    try (Connection connection = connect()) {
      assertThat(indexExists(connection, "interactions_image")).isTrue();
      assertThat(versions(connection)).containsExactlyElementsOf(allVersions());
    }
  }

  @Test
  void rollsBackAFailedMigrationWhole() throws Exception {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      // A foreign table where migration 1 creates its third table: the first two must go too.
      statement.execute("CREATE TABLE user_attributes (something TEXT)");
    }
    assertThatThrownBy(this::open).isInstanceOf(IOException.class)
        .hasMessageContaining("could not migrate the schema in " + storeName())
        .hasMessageContaining("user_attributes");
    try (Connection connection = connect()) {
      assertThat(tableExists(connection, "users")).isFalse();
      assertThat(tableExists(connection, "schema_version")).isFalse();
    }
  }

  @Test
  void storesNoneOfABatchWhoseTransactionFailsAndNamesStoreAndOperation() throws Exception {
    try (InteractionStore store = open()) {
      store.append(List.of(new RawInteraction("u", "before", "click", null, T0, null)));
      try (Connection connection = connect()) {
        poisonImage(connection);
      }
      List<RawInteraction> batch = List.of(
          new RawInteraction("u", "a", "click", null, T0, null),
          new RawInteraction("u", "b", "click", null, T0, null),
          new RawInteraction("u", "poison", "click", null, T0, null),
          new RawInteraction("u", "c", "click", null, T0, null));
      assertThatThrownBy(() -> store.append(batch)).isInstanceOf(IOException.class)
          .hasMessageContaining("could not append 4 interactions in " + storeName())
          .hasMessageContaining("poisoned");
      assertThat(store.forUser("u", 10)).extracting(Interaction::image).containsExactly("before");
      // The store is still usable after the failed transaction.
      store.append(List.of(new RawInteraction("u", "after", "click", null, T0, null)));
      assertThat(store.size()).isEqualTo(2);
    }
  }

  @Test
  void migratesOnceWhenOpenedFromFourThreadsAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<InteractionStore> stores = new ArrayList<>();
    try {
      List<Future<InteractionStore>> opened = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        opened.add(pool.submit(this::open));
      }
      for (Future<InteractionStore> future : opened) {
        stores.add(future.get(60, TimeUnit.SECONDS));
      }
      assertThat(stores).extracting(InteractionStore::schemaVersion)
          .containsOnly(Migrations.LATEST);
    } finally {
      pool.shutdownNow();
      for (InteractionStore store : stores) {
        store.close();
      }
    }
    try (Connection connection = connect()) {
      assertThat(versions(connection)).containsExactlyElementsOf(allVersions());
    }
  }

  @Test
  void refusesAStoreOfANewerSchemaNamingBothVersions() throws Exception {
    try (InteractionStore store = open()) {
      store.append(List.of(new RawInteraction("u", "a", "click", null, T0, null)));
    }
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO schema_version (version, description, applied_ms)"
          + " VALUES (99, 'from the future', 0)");
    }
    assertThatThrownBy(this::open).isInstanceOf(IOException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("(" + Migrations.LATEST + ")");
  }

  @Test
  void refusesBadArgumentsAndUseAfterClose() throws IOException {
    InteractionStore store = open();
    assertThatThrownBy(() -> store.forUser("u", 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit").hasMessageContaining("0");
    store.close();
    store.close();
    assertThatThrownBy(store::size).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void losesNoAcknowledgedEventWhenTheWriterIsKilled() throws Exception {
    int batchSize = 50;
    int ackedBatchesWanted = 20;
    try (InteractionStore store = open()) {
      assertThat(store.size()).isZero(); // the schema exists before the writer races to create it
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), StoreWriterMain.class.getName()));
    command.addAll(writerArguments());
    command.add(Integer.toString(batchSize));
    Path errors = temp.resolve("writer.err");
    long seed = System.nanoTime();
    int delayMillis = new Random(seed).nextInt(40);
    Process writer = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    long acked = -1;
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader;
    try {
      reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
          }
        } catch (IOException ignored) {
          // the writer was killed
        }
        lines.add("EOF");
      }, "writer-stdout");
      reader.setDaemon(true);
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (acked + 1 < ackedBatchesWanted) {
        String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null || line.equals("EOF")) {
          throw new AssertionError("the writer " + (line == null ? "acknowledged too slowly"
              : "stopped") + " after " + (acked + 1) + " batches; its errors:\n"
              + Files.readString(errors));
        }
        acked = Long.parseLong(line.substring("ACK ".length()));
      }
      // A random moment within the next few appends (the seed is printed), so that the kill
      // lands in different places of an append and of its commit from run to run.
      Thread.sleep(delayMillis);
    } finally {
      writer.destroyForcibly(); // SIGKILL
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    // Every ACK the writer printed before it died counts, read or not.
    reader.join(TimeUnit.SECONDS.toMillis(30));
    for (String line = lines.poll(); line != null && !line.equals("EOF"); line = lines.poll()) {
      acked = Long.parseLong(line.substring("ACK ".length()));
    }

    try (InteractionStore store = open()) {
      assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
      long found = NumberedBatches.assertStored(store, acked + 1, batchSize);
      System.out.printf("%s kill test (seed %d, killed %d ms after batch %d): %d batches"
          + " (%d events) acknowledged, %d events found after SIGKILL%n",
          getClass().getSimpleName(), seed, delayMillis, ackedBatchesWanted - 1, acked + 1,
          (acked + 1) * batchSize, found);
    }
  }

  private static List<Integer> allVersions() {
    return IntStream.rangeClosed(1, Migrations.LATEST).boxed().toList();
  }

  private static List<Integer> versions(Connection connection) throws SQLException {
    List<Integer> versions = new ArrayList<>();
    try (PreparedStatement select =
            connection.prepareStatement("SELECT version FROM schema_version ORDER BY version");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        versions.add(rows.getInt(1));
      }
    }
    return versions;
  }
}
