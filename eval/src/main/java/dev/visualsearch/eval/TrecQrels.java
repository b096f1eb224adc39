package dev.visualsearch.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes TREC qrels files, the judgement format of {@code trec_eval}: one line per
 * judgement, {@code qid iter docid rel}, fields separated by blanks or tabs. {@code iter} is
 * ignored ({@code 0} when writing); {@code rel} is an integer grade, relevant when above 0. Ids
 * go through {@link TrecIds}, so any id can be written and is read back unchanged. Blank lines are
 * skipped; lines may end in LF or CRLF.
 *
 * <p>Stateless and thread-safe.
 */
public final class TrecQrels {

  private TrecQrels() {}

  /**
   * Reads the qrels file {@code file}.
   *
   * @throws TrecFormatException if a line does not have four fields, its grade is not an integer,
   *     or it judges a (query, id) pair judged before; the message names the file and line
   * @throws IOException if the file cannot be read
   */
  public static Qrels read(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads qrels from {@code in} (not closed); {@code source} names it in error messages.
   *
   * @throws TrecFormatException if a line is malformed (see {@link #read(Path)})
   * @throws IOException if reading fails
   */
  public static Qrels read(Reader in, String source) throws IOException {
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    Qrels.Builder qrels = Qrels.builder();
    int number = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      number++;
      List<String> fields = TrecLines.fields(line);
      if (fields.isEmpty()) {
        continue;
      }
      if (fields.size() != 4) {
        throw new TrecFormatException(
            source, number, "expected 4 fields 'qid iter docid rel', found " + fields.size() + ": '" + line + "'");
      }
      int grade;
      try {
        grade = Integer.parseInt(fields.get(3));
      } catch (NumberFormatException e) {
        throw new TrecFormatException(source, number, "relevance is not an integer: '" + fields.get(3) + "'");
      }
      try {
        qrels.add(TrecLines.id(fields.get(0), source, number), TrecLines.id(fields.get(2), source, number), grade);
      } catch (IllegalArgumentException e) {
        throw new TrecFormatException(source, number, e.getMessage());
      }
    }
    return qrels.build();
  }

  /**
   * Writes {@code qrels} to {@code file} (replaced if it exists), in query order, judgements in the
   * order they were added.
   *
   * @throws IOException if the file cannot be written
   */
  public static void write(Qrels qrels, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(qrels, out);
    }
  }

  /**
   * Writes {@code qrels} to {@code out} (flushed, not closed).
   *
   * @throws IOException if writing fails
   */
  public static void write(Qrels qrels, Writer out) throws IOException {
    for (String query : qrels.queryIds()) {
      String qid = TrecIds.encode(query);
      for (Map.Entry<String, Integer> judged : qrels.judgements(query).entrySet()) {
        out.write(qid + " 0 " + TrecIds.encode(judged.getKey()) + " " + judged.getValue() + "\n");
      }
    }
    out.flush();
  }
}
