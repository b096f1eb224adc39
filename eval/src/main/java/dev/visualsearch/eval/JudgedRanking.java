package dev.visualsearch.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The grades of the ids of one ranking, checked once for every metric: no null ids, no null
 * grades, no id twice. Grades of 0 or less count as not relevant, as in {@code trec_eval} (where a
 * negative grade marks a pooled but unjudged document).
 */
final class JudgedRanking {

  private JudgedRanking() {}

  /**
   * The grade of each of the first {@code min(depth, ranking.size())} ids, rank 1 first.
   *
   * @throws IllegalArgumentException if the ranking holds an id twice (anywhere, not only within
   *     {@code depth}): {@code trec_eval} refuses such a run, and counting a relevant id twice
   *     would let a ranking score above a perfect one
   * @throws NullPointerException if the ranking, an id, the judgements or a grade is null
   */
  static int[] grades(List<String> ranking, Map<String, Integer> judgements, int depth) {
    Objects.requireNonNull(ranking, "ranking");
    Objects.requireNonNull(judgements, "judgements");
    Map<String, Integer> firstRank = new HashMap<>(Math.max(16, ranking.size() * 2));
    int[] grades = new int[Math.min(depth, ranking.size())];
    for (int i = 0; i < ranking.size(); i++) {
      String id = ranking.get(i);
      if (id == null) {
        throw new NullPointerException("ranking holds null at rank " + (i + 1));
      }
      Integer earlier = firstRank.putIfAbsent(id, i + 1);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "ranking repeats id '" + id + "' at ranks " + earlier + " and " + (i + 1));
      }
      if (i < grades.length) {
        grades[i] = grade(judgements, id);
      }
    }
    return grades;
  }

  /** The grades of the query's relevant ids (grade > 0), in no particular order. */
  static int[] relevantGrades(Map<String, Integer> judgements) {
    Objects.requireNonNull(judgements, "judgements");
    int[] relevant = new int[judgements.size()];
    int count = 0;
    for (Map.Entry<String, Integer> entry : judgements.entrySet()) {
      Integer grade = Objects.requireNonNull(entry.getValue(), () -> "grade of '" + entry.getKey() + "'");
      if (grade > 0) {
        relevant[count++] = grade;
      }
    }
    return Arrays.copyOf(relevant, count);
  }

  /** The number of relevant ids (grade > 0) of the query. */
  static int relevantCount(Map<String, Integer> judgements) {
    return relevantGrades(judgements).length;
  }

  static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1: " + k);
    }
  }

  private static int grade(Map<String, Integer> judgements, String id) {
    Integer grade = judgements.get(id);
    return grade == null ? 0 : grade;
  }
}
