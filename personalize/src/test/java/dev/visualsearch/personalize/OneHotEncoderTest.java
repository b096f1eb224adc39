package dev.visualsearch.personalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OneHotEncoderTest {

  private static final List<User> USERS = List.of(
      new User("ann", Set.of("birds", "cats"), Map.of(User.DEVICE, "mobile", User.LOCATION, "Ghent")),
      new User("ben", Set.of(), Map.of(User.DEVICE, "desktop", User.LOCATION, "Leuven")),
      new User("cas", Set.of("birds"), Map.of(User.DEVICE, "mobile")));

  @Test
  void oneDimensionPerAttributeValueAndCategoryOrderedByName() {
    OneHotEncoder encoder = OneHotEncoder.fit(USERS);
    assertThat(encoder.names()).containsExactly("category=birds", "category=cats",
        "device=desktop", "device=mobile", "location=Ghent", "location=Leuven");
    assertThat(encoder.encode(USERS.get(0))).containsExactly(1, 1, 0, 1, 1, 0);
    assertThat(encoder.encode(USERS.get(1))).containsExactly(0, 0, 1, 0, 0, 1);
    assertThat(encoder.encode(USERS.get(2))).containsExactly(1, 0, 0, 1, 0, 0);
  }

  @Test
  void unseenValuesEncodeAsZeros() {
    OneHotEncoder encoder = OneHotEncoder.fit(USERS);
    User newcomer = new User("dan", Set.of("fish"), Map.of(User.DEVICE, "tablet", "age", "30s"));
    assertThat(encoder.encode(newcomer)).containsOnly(0);
    assertThat(OneHotEncoder.fit(List.of()).dimension()).isZero();
  }

  @Test
  void usersAreCheckedAndCopied() {
    assertThatThrownBy(() -> new User("", Set.of(), Map.of()))
        .hasMessageContaining("id must be 1 to 512 characters long, not 0");
    assertThatThrownBy(() -> new User("u", Set.of(), Map.of("device", "")))
        .hasMessageContaining("attribute device must be 1 to 512");
    assertThatThrownBy(() -> new User("u", Set.of(), Map.of("a=b", "c")))
        .hasMessageContaining("attribute name 'a=b' is reserved or holds '='");
    assertThatThrownBy(() -> new User("u", Set.of(), Map.of("category", "birds")))
        .hasMessageContaining("attribute name 'category' is reserved");
    User sorted = new User("u", Set.of("d", "c", "b", "a"), Map.of("y", "1", "x", "2"));
    assertThat(sorted.preferredCategories()).containsExactly("a", "b", "c", "d");
    assertThat(sorted.attributes().keySet()).containsExactly("x", "y");
    assertThat(USERS.get(0).attribute(User.DEVICE)).contains("mobile");
    assertThat(User.anonymous("x").preferredCategories()).isEmpty();
  }
}
