package dev.visualsearch.personalize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One-hot encodings of users' categorical attributes: one dimension per (attribute, value) seen
 * when fitting, named {@code "device=mobile"}, and one per declared category, named {@code
 * "category=animals/birds"} (several may be 1: a multi-hot part). A value not seen when fitting (a
 * new city) encodes as all zeros for its attribute, so a new user is never mistaken for another
 * group.
 *
 * <p>Dimensions are ordered by name, so two encoders fitted on the same users agree.
 *
 * <p>Immutable and thread-safe.
 */
public final class OneHotEncoder {

  /** The prefix of the dimensions of declared categories. */
  public static final String CATEGORY = "category";

  private final List<String> names;
  private final Map<String, Integer> indexOf;

  private OneHotEncoder(List<String> names) {
    this.names = List.copyOf(names);
    this.indexOf = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      indexOf.put(names.get(i), i);
    }
  }

  /** The encoder of every attribute value and category that {@code users} have. */
  public static OneHotEncoder fit(Collection<User> users) {
    TreeMap<String, TreeSet<String>> values = new TreeMap<>();
    for (User user : users) {
      user.attributes().forEach((name, value) ->
          values.computeIfAbsent(name, n -> new TreeSet<>()).add(value));
      for (String category : user.preferredCategories()) {
        values.computeIfAbsent(CATEGORY, n -> new TreeSet<>()).add(category);
      }
    }
    List<String> names = new ArrayList<>();
    values.forEach((name, set) -> set.forEach(value -> names.add(name + "=" + value)));
    return new OneHotEncoder(names);
  }

  /** The number of dimensions. */
  public int dimension() {
    return names.size();
  }

  /** The name of each dimension, {@code "attribute=value"}, in order. */
  public List<String> names() {
    return names;
  }

  /** The encoding of {@code user}: 1 where the user has the dimension's value, else 0. */
  public float[] encode(User user) {
    float[] encoded = new float[names.size()];
    user.attributes().forEach((name, value) -> set(encoded, name + "=" + value));
    for (String category : user.preferredCategories()) {
      set(encoded, CATEGORY + "=" + category);
    }
    return encoded;
  }

  private void set(float[] encoded, String name) {
    Integer index = indexOf.get(name);
    if (index != null) {
      encoded[index] = 1;
    }
  }
}
