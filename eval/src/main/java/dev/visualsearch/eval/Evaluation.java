package dev.visualsearch.eval;

import dev.visualsearch.RankingMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A run scored against judgements: every measure for every query, and the mean of each over the
 * queries. Immutable and thread-safe.
 *
 * <p>Which queries count, and how this compares with {@code trec_eval}:
 *
 * <ul>
 *   <li>The queries are those of the judgements that have at least one relevant id. A judged query
 *       without any relevant id is left out of the means and listed in {@link
 *       #queriesWithoutRelevant()} ({@code trec_eval} would average it in as 0; the protocols of
 *       this package never write such a query into a qrels file, so both agree on their files).
 *   <li>A query the run does not answer counts as an empty ranking, scoring 0 ({@code trec_eval
 *       -c}). A system that answers nothing must not look better for it.
 *   <li>Queries of the run without judgements are ignored, as {@code trec_eval} ignores them.
 * </ul>
 *
 * <p>The mean of a measure {@code m} is {@code (1/|Q|) Σ_{q∈Q} m(q)} over those queries {@code Q};
 * 0 when {@code Q} is empty.
 */
public final class Evaluation {

  private final List<Measure> measures;
  private final Map<String, double[]> perQuery;
  private final List<String> withoutRelevant;
  private final double[] means;

  private Evaluation(
      List<Measure> measures, Map<String, double[]> perQuery, List<String> withoutRelevant) {
    this.measures = measures;
    this.perQuery = perQuery;
    this.withoutRelevant = withoutRelevant;
    this.means = new double[measures.size()];
    for (double[] values : perQuery.values()) {
      for (int m = 0; m < means.length; m++) {
        means[m] += values[m];
      }
    }
    for (int m = 0; m < means.length; m++) {
      means[m] = perQuery.isEmpty() ? 0 : means[m] / perQuery.size();
    }
  }

  /**
   * Scores {@code run} against {@code qrels} with {@link TrecMetrics}.
   *
   * @throws IllegalArgumentException if {@code measures} is empty or repeats a measure, or a
   *     ranking repeats an id
   */
  public static Evaluation of(Run run, Qrels qrels, List<Measure> measures) {
    return of(run, qrels, measures, TrecMetrics.INSTANCE);
  }

  /**
   * Scores {@code run} against {@code qrels} with the given metrics implementation.
   *
   * @throws IllegalArgumentException if {@code measures} is empty or repeats a measure, or a
   *     ranking repeats an id
   */
  public static Evaluation of(Run run, Qrels qrels, List<Measure> measures, RankingMetrics metrics) {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(qrels, "qrels");
    Objects.requireNonNull(metrics, "metrics");
    List<Measure> chosen = List.copyOf(measures);
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("no measures to compute");
    }
    if (chosen.stream().distinct().count() != chosen.size()) {
      throw new IllegalArgumentException("measures repeat: " + chosen);
    }
    Map<String, double[]> perQuery = new LinkedHashMap<>();
    List<String> withoutRelevant = new ArrayList<>();
    for (String query : qrels.queryIds()) {
      if (qrels.relevantCount(query) == 0) {
        withoutRelevant.add(query);
        continue;
      }
      List<String> ranking = run.ranking(query);
      Map<String, Integer> judgements = qrels.judgements(query);
      double[] values = new double[chosen.size()];
      for (int m = 0; m < values.length; m++) {
        try {
          values[m] = chosen.get(m).score(metrics, ranking, judgements);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("query '" + query + "': " + e.getMessage(), e);
        }
      }
      perQuery.put(query, values);
    }
    return new Evaluation(
        chosen, Collections.unmodifiableMap(perQuery), List.copyOf(withoutRelevant));
  }

  /** The measures, in the order they were asked for. */
  public List<Measure> measures() {
    return measures;
  }

  /** The queries that were scored (those with at least one relevant id), in qrels order. */
  public List<String> queries() {
    return List.copyOf(perQuery.keySet());
  }

  /** The judged queries left out because none of their ids is relevant. */
  public List<String> queriesWithoutRelevant() {
    return withoutRelevant;
  }

  /**
   * The mean of {@code measure} over {@link #queries()}; 0 when there are none.
   *
   * @throws IllegalArgumentException if the measure was not computed
   */
  public double mean(Measure measure) {
    return means[indexOf(measure)];
  }

  /**
   * The value of {@code measure} for {@code query}.
   *
   * @throws IllegalArgumentException if the measure was not computed or the query not scored
   */
  public double value(String query, Measure measure) {
    double[] values = perQuery.get(query);
    if (values == null) {
      throw new IllegalArgumentException("query '" + query + "' was not scored");
    }
    return values[indexOf(measure)];
  }

  private int indexOf(Measure measure) {
    int index = measures.indexOf(measure);
    if (index < 0) {
      throw new IllegalArgumentException(measure + " was not computed; measures: " + measures);
    }
    return index;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Evaluation[" + perQuery.size() + " queries");
    for (int m = 0; m < measures.size(); m++) {
      text.append(String.format(Locale.ROOT, ", %s=%.4f", measures.get(m).label(), means[m]));
    }
    return text.append(']').toString();
  }
}
