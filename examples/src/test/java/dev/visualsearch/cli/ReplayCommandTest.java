package dev.visualsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visualsearch.personalize.store.SqliteInteractionStore;
import dev.visualsearch.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} on the real tuxpaint collection, through a SQLite store. */
class ReplayCommandTest {

  @TempDir static Path dir;

  @BeforeAll
  static void index() {
    CliRun run = CliRun.of("index", SharedData.data("tuxpaint").toString(),
        "--model", SharedData.model("mobilenetv2-12-int8").toString(),
        "--out", dir.resolve("index").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void replaysASimulatedLogWrittenToAndReadFromAStore() throws Exception {
    Path db = dir.resolve("replay.db");
    String[] args = {"replay", "--index", dir.resolve("index").toString(),
        "--labels", SharedData.data("tuxpaint/labels.csv").toString(),
        "--users", "80", "--sessions", "8", "--held-out-days", "3", "--seed", "5"};
    CliRun viaStore = CliRun.of(concat(args, "--interactions", db.toString()));
    System.out.println(viaStore.out());
    assertThat(viaStore.exitCode()).as(viaStore.err()).isZero();
    assertThat(viaStore.out()).contains("80 users x 8 searches, seed 5", "days 6-8 held out",
        "visual", "re-ranked (default)", "taste only", "engagement only");
    try (SqliteInteractionStore store = SqliteInteractionStore.open(db)) {
      assertThat(store.users()).hasSize(80);
      Matcher count = Pattern.compile("seed 5: (\\d+) interactions").matcher(viaStore.out());
      assertThat(count.find()).isTrue();
      assertThat(store.size()).isEqualTo(Long.parseLong(count.group(1)));
    }
    // The same seed in memory gives the same numbers: the store loses and reorders nothing.
    CliRun inMemory = CliRun.of(args);
    assertThat(inMemory.out()).isEqualTo(viaStore.out());

    // The log in the store replays by itself, as a log recorded by serve would.
    CliRun fromStore = CliRun.of("replay", "--index", dir.resolve("index").toString(),
        "--interactions", db.toString(), "--held-out-from", "2026-01-06T08:00:00Z");
    System.out.println(fromStore.out());
    assertThat(fromStore.exitCode()).as(fromStore.err()).isZero();
    assertThat(fromStore.out()).contains("640 searches", "80 declared users",
        "searches from 2026-01-06T08:00:00Z held out");
    assertThat(table(fromStore.out())).isEqualTo(table(viaStore.out()));

    CliRun again = CliRun.of(concat(args, "--interactions", db.toString()));
    assertThat(again.exitCode()).isEqualTo(VisualSearchCli.FAILED);
    assertThat(again.err()).contains("already holds", "wants an empty store");
  }

  @Test
  void featuresOfTheStoredUsersAndImagesAreExportedAsCsv() throws Exception {
    Path db = dir.resolve("features.db");
    CliRun replay = CliRun.of("replay", "--index", dir.resolve("index").toString(),
        "--labels", SharedData.data("tuxpaint/labels.csv").toString(),
        "--users", "30", "--sessions", "4", "--held-out-days", "1", "--interactions", db.toString());
    assertThat(replay.exitCode()).as(replay.err()).isZero();
    Path out = dir.resolve("features");
    CliRun run = CliRun.of("features", "--index", dir.resolve("index").toString(),
        "--interactions", db.toString(), "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> users = Files.readAllLines(out.resolve("users.csv"));
    assertThat(users).hasSize(31);
    List<String> header = List.of(users.get(0).split(","));
    assertThat(header.get(0)).isEqualTo("user");
    assertThat(header).anyMatch(c -> c.startsWith("category=")).contains("device=mobile");
    for (String row : users.subList(1, users.size())) {
      String[] fields = row.split(",");
      assertThat(fields).hasSize(header.size());
      // Every simulated user has one device and one location.
      long devices = java.util.stream.IntStream.range(1, fields.length)
          .filter(i -> header.get(i).startsWith("device=") && fields[i].equals("1")).count();
      assertThat(devices).isEqualTo(1);
    }
    // Records end in CRLF; some tuxpaint ids hold a lone carriage return (in a quoted field).
    List<String> images = List.of(Files.readString(out.resolve("images.csv")).split("\r\n"));
    assertThat(images).hasSize(377);
    assertThat(images.get(0)).isEqualTo("image,score,exposure,rate");
    assertThat(images.subList(1, images.size()))
        .allSatisfy(row -> assertThat(Double.parseDouble(row.substring(row.lastIndexOf(',') + 1))).isPositive());
    List<String> tastes = Files.readAllLines(out.resolve("tastes.csv"));
    assertThat(tastes).hasSize(31); // every simulated user clicked something
    assertThat(tastes.get(0)).startsWith("user,t0,t1,").endsWith(",t1279");
    for (String row : tastes.subList(1, tastes.size())) {
      String[] fields = row.split(",");
      assertThat(fields).hasSize(1281);
      double norm = 0;
      for (int i = 1; i < fields.length; i++) {
        norm += Math.pow(Double.parseDouble(fields[i]), 2);
      }
      assertThat(norm).as("unit length").isCloseTo(1, org.assertj.core.api.Assertions.within(1e-3));
    }
  }

  @Test
  void badOptionsAreRefusedByName() {
    CliRun run = CliRun.of("replay", "--index", dir.resolve("index").toString(),
        "--labels", SharedData.data("tuxpaint/labels.csv").toString(),
        "--sessions", "4", "--held-out-days", "4");
    assertThat(run.exitCode()).isEqualTo(VisualSearchCli.FAILED);
    assertThat(run.err()).contains("--held-out-days must be from 1 to --sessions - 1 (3): 4");
    CliRun neither = CliRun.of("replay", "--index", dir.resolve("index").toString());
    assertThat(neither.exitCode()).isEqualTo(VisualSearchCli.FAILED);
    assertThat(neither.err()).contains("replay needs --labels", "--held-out-from");
  }

  /** The output without its first line (which says where the log came from). */
  private static String table(String out) {
    return out.substring(out.indexOf('\n') + 1);
  }

  private static String[] concat(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
