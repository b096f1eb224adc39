package dev.visualsearch.eval;

import dev.visualsearch.Hit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes TREC run files, the result format of {@code trec_eval}: one line per retrieved
 * id, {@code qid Q0 docid rank score tag}, fields separated by blanks or tabs. Ids go through
 * {@link TrecIds}.
 *
 * <p>{@code trec_eval} ignores the rank column: it orders each query's lines by score, highest
 * first, and breaks ties by docid, the greater (byte order) first. {@link #read} orders the same
 * way, so metrics computed here on a run read from a file equal {@code trec_eval}'s. The writer
 * writes each score exactly (the shortest decimal that reads back as the same float), so a
 * ranking with strictly decreasing scores reads back in its own order; hits with exactly equal
 * scores (identical images) may come back in another order, as they would in {@code trec_eval}.
 *
 * <p>Stateless and thread-safe.
 */
public final class TrecRun {

  private TrecRun() {}

  /**
   * Writes {@code run} to {@code file} (replaced if it exists).
   *
   * @throws IllegalArgumentException if {@code tag} is empty or holds whitespace, or a score is
   *     infinite
   * @throws IOException if the file cannot be written
   */
  public static void write(Run run, String tag, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(run, tag, out);
    }
  }

  /**
   * Writes {@code run} to {@code out} (flushed, not closed): per query in run order, one line per
   * hit with ranks from 1.
   *
   * @throws IllegalArgumentException if {@code tag} is empty or holds whitespace, or a score is
   *     infinite
   * @throws IOException if writing fails
   */
  public static void write(Run run, String tag, Writer out) throws IOException {
    checkTag(tag);
    for (String query : run.queryIds()) {
      write(query, run.hits(query), tag, out);
    }
    out.flush();
  }

  /**
   * Writes the lines of one query's hits to {@code out} (not flushed).
   *
   * @throws IllegalArgumentException if {@code tag} is empty or holds whitespace, or a score is
   *     infinite
   * @throws IOException if writing fails
   */
  public static void write(String queryId, List<Hit> hits, String tag, Writer out) throws IOException {
    checkTag(tag);
    String qid = TrecIds.encode(queryId);
    int rank = 1;
    for (Hit hit : hits) {
      out.write(qid + " Q0 " + TrecIds.encode(hit.id()) + " " + rank++ + " " + score(hit) + " " + tag + "\n");
    }
  }

  /**
   * Reads the run file {@code file}.
   *
   * @throws TrecFormatException if a line does not have six fields, its rank is not an integer,
   *     its score is not a finite number, or a query lists an id twice ({@code trec_eval} refuses
   *     that too); the message names the file and line
   * @throws IOException if the file cannot be read
   */
  public static Run read(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads a run from {@code in} (not closed); {@code source} names it in error messages.
   *
   * @throws TrecFormatException if a line is malformed (see {@link #read(Path)})
   * @throws IOException if reading fails
   */
  public static Run read(Reader in, String source) throws IOException {
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    Map<String, List<Line>> byQuery = new LinkedHashMap<>();
    Map<String, Set<String>> seen = new LinkedHashMap<>();
    int number = 0;
    for (String text = lines.readLine(); text != null; text = lines.readLine()) {
      number++;
      List<String> fields = TrecLines.fields(text);
      if (fields.isEmpty()) {
        continue;
      }
      if (fields.size() != 6) {
        throw new TrecFormatException(
            source, number,
            "expected 6 fields 'qid Q0 docid rank score tag', found " + fields.size() + ": '" + text + "'");
      }
      try {
        Integer.parseInt(fields.get(3));
      } catch (NumberFormatException e) {
        throw new TrecFormatException(source, number, "rank is not an integer: '" + fields.get(3) + "'");
      }
      double score;
      try {
        score = Double.parseDouble(fields.get(4));
      } catch (NumberFormatException e) {
        score = Double.NaN;
      }
      if (!Double.isFinite(score)) {
        throw new TrecFormatException(source, number, "score is not a finite number: '" + fields.get(4) + "'");
      }
      String query = TrecLines.id(fields.get(0), source, number);
      String docToken = fields.get(2);
      if (!seen.computeIfAbsent(query, q -> new HashSet<>()).add(docToken)) {
        throw new TrecFormatException(
            source, number, "query '" + query + "' lists id '" + TrecIds.decode(docToken) + "' twice");
      }
      byQuery.computeIfAbsent(query, q -> new ArrayList<>())
          .add(new Line(docToken, TrecLines.id(docToken, source, number), score));
    }
    Run.Builder run = Run.builder();
    byQuery.forEach(
        (query, entries) -> {
          entries.sort(TREC_EVAL_ORDER);
          run.add(query, entries.stream().map(e -> new Hit(e.id, (float) e.score)).toList());
        });
    return run.build();
  }

  /** Score descending, then the docid token descending in byte order, as trec_eval sorts. */
  private static final Comparator<Line> TREC_EVAL_ORDER =
      Comparator.comparingDouble((Line line) -> line.score)
          .reversed()
          .thenComparing((a, b) -> Arrays.compareUnsigned(b.tokenBytes(), a.tokenBytes()));

  /**
   * {@code hits} in the order {@code trec_eval} reads them from a run file: score descending,
   * hits of exactly equal score by their id's token descending (byte order). Hits of different
   * scores keep their order by score; only ties move. An evaluation that scores rankings in this
   * order gets the numbers {@code trec_eval} gets from the written file.
   */
  public static List<Hit> inTrecEvalOrder(List<Hit> hits) {
    List<Line> lines = new ArrayList<>(hits.size());
    for (Hit hit : hits) {
      lines.add(new Line(TrecIds.encode(hit.id()), hit.id(), hit.score()));
    }
    lines.sort(TREC_EVAL_ORDER);
    List<Hit> ordered = new ArrayList<>(hits.size());
    for (Line line : lines) {
      ordered.add(new Hit(line.id, (float) line.score));
    }
    return ordered;
  }

  private record Line(String token, String id, double score) {
    byte[] tokenBytes() {
      return token.getBytes(StandardCharsets.UTF_8);
    }
  }

  private static String score(Hit hit) {
    float score = hit.score();
    if (Float.isInfinite(score)) {
      throw new IllegalArgumentException("score of hit '" + hit.id() + "' is infinite: " + score);
    }
    // Float.toString is the shortest decimal that reads back as the same float; plain notation
    // because some readers of run files do not take exponents.
    return new BigDecimal(Float.toString(score)).stripTrailingZeros().toPlainString();
  }

  private static void checkTag(String tag) {
    Objects.requireNonNull(tag, "tag");
    if (tag.isEmpty() || TrecIds.needsEncoding(tag)) {
      throw new IllegalArgumentException("a run tag must be one token without whitespace or '%': '" + tag + "'");
    }
  }
}
