package dev.visualsearch.eval;

import dev.visualsearch.RankingMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One metric at one cut-off, the unit of a report column: {@code MRR}, {@code mAP}, {@code R@10}
 * (recall), {@code HR@10} (hit rate), {@code P@10} (precision), {@code nDCG@10}. Immutable and
 * thread-safe.
 *
 * @param kind which metric
 * @param k the cut-off; 0 for the metrics without one (reciprocal rank, average precision)
 */
public record Measure(Kind kind, int k) {

  /** The metrics of {@link RankingMetrics}. Immutable and thread-safe. */
  public enum Kind {
    /** Reciprocal rank; its mean is MRR. No cut-off. */
    RECIPROCAL_RANK("MRR", "recip_rank", false),
    /** Average precision; its mean is mAP. No cut-off. */
    AVERAGE_PRECISION("mAP", "map", false),
    /** Fraction of the relevant ids in the top k. */
    RECALL("R", "recall", true),
    /** 1 if a relevant id is in the top k. */
    HIT_RATE("HR", "success", true),
    /** Fraction of the top k that is relevant. */
    PRECISION("P", "P", true),
    /** Normalised discounted cumulative gain at k. */
    NDCG("nDCG", "ndcg_cut", true);

    private final String label;
    private final String trecName;
    private final boolean cutOff;

    Kind(String label, String trecName, boolean cutOff) {
      this.label = label;
      this.trecName = trecName;
      this.cutOff = cutOff;
    }

    /** Whether the metric takes a cut-off {@code k}. */
    public boolean hasCutOff() {
      return cutOff;
    }
  }

  /**
   * @throws IllegalArgumentException if {@code k < 1} for a metric with a cut-off, or {@code k !=
   *     0} for one without
   * @throws NullPointerException if {@code kind} is null
   */
  public Measure {
    Objects.requireNonNull(kind, "kind");
    if (kind.cutOff && k < 1) {
      throw new IllegalArgumentException("k of " + kind + " must be at least 1: " + k);
    }
    if (!kind.cutOff && k != 0) {
      throw new IllegalArgumentException(kind + " takes no cut-off: " + k);
    }
  }

  /** Mean reciprocal rank. */
  public static Measure mrr() {
    return new Measure(Kind.RECIPROCAL_RANK, 0);
  }

  /** Mean average precision. */
  public static Measure map() {
    return new Measure(Kind.AVERAGE_PRECISION, 0);
  }

  /** Recall at {@code k}. @throws IllegalArgumentException if {@code k < 1} */
  public static Measure recall(int k) {
    return new Measure(Kind.RECALL, k);
  }

  /** Hit rate at {@code k}. @throws IllegalArgumentException if {@code k < 1} */
  public static Measure hitRate(int k) {
    return new Measure(Kind.HIT_RATE, k);
  }

  /** Precision at {@code k}. @throws IllegalArgumentException if {@code k < 1} */
  public static Measure precision(int k) {
    return new Measure(Kind.PRECISION, k);
  }

  /** nDCG at {@code k}. @throws IllegalArgumentException if {@code k < 1} */
  public static Measure ndcg(int k) {
    return new Measure(Kind.NDCG, k);
  }

  /**
   * The usual report columns for the given cut-offs: MRR, mAP, then nDCG, recall, hit rate and
   * precision at each cut-off.
   *
   * @throws IllegalArgumentException if a cut-off is below 1
   */
  public static List<Measure> standard(int... cutOffs) {
    List<Measure> measures = new ArrayList<>(List.of(mrr(), map()));
    for (Kind kind : List.of(Kind.NDCG, Kind.RECALL, Kind.HIT_RATE, Kind.PRECISION)) {
      for (int k : cutOffs) {
        measures.add(new Measure(kind, k));
      }
    }
    return List.copyOf(measures);
  }

  /**
   * Reads a label as {@link #label()} writes it, in any case: {@code MRR}, {@code mAP}, {@code
   * R@5}, {@code HR@5}, {@code P@5}, {@code nDCG@10}.
   *
   * @throws IllegalArgumentException if {@code label} is none of these
   */
  public static Measure parse(String label) {
    Objects.requireNonNull(label, "label");
    String text = label.strip();
    int at = text.indexOf('@');
    String name = at < 0 ? text : text.substring(0, at);
    for (Kind kind : Kind.values()) {
      if (kind.label.equalsIgnoreCase(name) && kind.cutOff == (at >= 0)) {
        if (!kind.cutOff) {
          return new Measure(kind, 0);
        }
        try {
          return new Measure(kind, Integer.parseInt(text.substring(at + 1)));
        } catch (NumberFormatException e) {
          break;
        }
      }
    }
    throw new IllegalArgumentException(
        "not a measure: '" + label + "'; use MRR, mAP, R@k, HR@k, P@k or nDCG@k");
  }

  /** The column label: {@code MRR}, {@code mAP}, {@code R@10}, {@code nDCG@10}, … */
  public String label() {
    return kind.cutOff ? kind.label + "@" + k : kind.label;
  }

  /** The name {@code trec_eval -m} gives the same number: {@code recall_10}, {@code map}, … */
  public String trecName() {
    return kind.cutOff ? kind.trecName + "_" + k : kind.trecName;
  }

  /**
   * This measure for one query.
   *
   * @throws IllegalArgumentException if the ranking holds an id twice
   */
  public double score(RankingMetrics metrics, List<String> ranking, Map<String, Integer> judgements) {
    switch (kind) {
      case RECIPROCAL_RANK:
        return metrics.reciprocalRank(ranking, judgements);
      case AVERAGE_PRECISION:
        return metrics.averagePrecision(ranking, judgements);
      case RECALL:
        return metrics.recall(ranking, judgements, k);
      case HIT_RATE:
        return metrics.hitRate(ranking, judgements, k);
      case PRECISION:
        return metrics.precision(ranking, judgements, k);
      case NDCG:
        return metrics.ndcg(ranking, judgements, k);
      default:
        throw new AssertionError(kind);
    }
  }

  @Override
  public String toString() {
    return label();
  }
}
