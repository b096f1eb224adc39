package dev.visualsearch.personalize;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What is known about a user apart from what they did: the categories they said they prefer and
 * categorical attributes such as location and device. Attributes are open-ended: any name may be
 * used; {@link #LOCATION} and {@link #DEVICE} are the names the library knows.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the user's opaque id, as in {@link Interaction#user()}
 * @param preferredCategories categories the user declared, e.g. from an onboarding form; may be
 *     empty; kept sorted
 * @param attributes categorical attributes by name, e.g. {@code location=Leuven}; may be empty;
 *     kept sorted by name
 */
public record User(String id, Set<String> preferredCategories, Map<String, String> attributes) {

  /** The attribute naming where the user is, e.g. a city or country code. */
  public static final String LOCATION = "location";

  /** The attribute naming the kind of device the user searches from, e.g. {@code mobile}. */
  public static final String DEVICE = "device";

  /**
   * @throws NullPointerException if any argument or element is null
   * @throws IllegalArgumentException if the id, a category, an attribute name or value is empty or
   *     longer than {@value Interaction#MAX_ID_LENGTH} characters, or an attribute name holds
   *     {@code =} or is {@code category}
   */
  public User {
    check("id", id);
    TreeSet<String> categories = new TreeSet<>();
    for (String category : preferredCategories) {
      check("preferred category", category);
      categories.add(category);
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    attributes.forEach((name, value) -> {
      check("attribute name", name);
      if (name.contains("=") || name.equals(OneHotEncoder.CATEGORY)) {
        throw new IllegalArgumentException("attribute name '" + name + "' is reserved or holds"
            + " '=': one-hot columns are named name=value, and 'category' names the declared"
            + " categories");
      }
      check("attribute " + name, value);
      sorted.put(name, value);
    });
    preferredCategories = Collections.unmodifiableSortedSet(categories);
    attributes = Collections.unmodifiableSortedMap(sorted);
  }

  /** A user known only by id. */
  public static User anonymous(String id) {
    return new User(id, Set.of(), Map.of());
  }

  /** The value of attribute {@code name}, if the user has it. */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  private static void check(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isEmpty() || value.length() > Interaction.MAX_ID_LENGTH) {
      throw new IllegalArgumentException(field + " must be 1 to " + Interaction.MAX_ID_LENGTH
          + " characters long, not " + value.length() + ": '" + value + "'");
    }
  }
}
