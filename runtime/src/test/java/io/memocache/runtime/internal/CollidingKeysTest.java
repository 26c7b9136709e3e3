package io.memocache.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.internal.keys.ContentKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC section 4: keys whose hash codes are crafted to collide keep lookups fast, for every shape
 * of key. 50,000 colliding keys fill a ConcurrentHashMap (the map a cache keeps its entries in)
 * and are all found again within a generous bound; with linear bins this takes minutes.
 */
class CollidingKeysTest {
  private static final int KEYS = 50_000;

  /** An immutable record of two Strings: its own content. */
  record Name(String first, String last) {}

  /** A plain user object. */
  static final class Customer {
    final String id;
    final int tier;

    Customer(String id, int tier) {
      this.id = id;
      this.tier = tier;
    }
  }

  /**
   * Strings of 16 blocks, each "Aa" or "BB": all 65,536 share one hash code, because "Aa" and
   * "BB" do.
   */
  static List<String> colliding(int count) {
    List<String> strings = new ArrayList<>(count);
    for (int bits = 0; bits < count; bits++) {
      StringBuilder text = new StringBuilder();
      for (int block = 0; block < 16; block++) {
        text.append((bits >>> block & 1) == 0 ? "Aa" : "BB");
      }
      strings.add(text.toString());
    }
    return strings;
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        shape("two String parameters", s -> Keys.of(s, "x")),
        shape("String and int parameters", s -> Keys.of(7, s)),
        shape("three String parameters", s -> Keys.of("x", s, s)),
        shape("five parameters", s -> Keys.of(1, "a", s, 'c', s)),
        shape("record of two Strings", s -> snapshot(new Name(s, "Smith"))),
        shape("record, second parameter", s -> Keys.of("x", snapshot(new Name(s, "Smith")))),
        shape("plain object", s -> snapshot(new Customer(s, 1))),
        shape("list", s -> snapshot(new ArrayList<>(List.of(s, "tail")))),
        shape("set", s -> snapshot(Set.of(s))),
        shape("map", s -> snapshot(Map.of(s, 1))),
        shape("StringBuilder", s -> snapshot(new StringBuilder(s))),
        shape("list of records", s -> snapshot(List.of(new Name("a", s)))));
  }

  private static Arguments shape(String name, Function<String, Object> key) {
    return Arguments.of(name, key);
  }

  private static Object snapshot(Object argument) {
    return ContentKeys.snapshot(argument);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void collidingKeys_fillAndHitInBoundedTime(String shape, Function<String, Object> key) {
    List<String> strings = colliding(KEYS);
    assertEquals(1, strings.stream().map(s -> key.apply(s).hashCode()).distinct().count());
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          ConcurrentHashMap<Object, Integer> entries = new ConcurrentHashMap<>();
          for (int i = 0; i < KEYS; i++) {
            entries.put(ContentKeys.stableOf(key.apply(strings.get(i))), i);
          }
          assertEquals(KEYS, entries.size(), "colliding keys are distinct entries");
          for (int i = 0; i < KEYS; i++) {
            assertEquals(i, entries.get(key.apply(strings.get(i))), strings.get(i));
          }
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void collidingKeys_areOrderedConsistentlyWithEquals(String shape, Function<String, Object> key) {
    List<String> strings = colliding(64);
    for (String s : strings) {
      Comparable first = (Comparable) key.apply(s);
      assertEquals(0, first.compareTo(key.apply(s)), s);
      for (String t : strings.subList(0, 8)) {
        if (!s.equals(t)) {
          Object other = key.apply(t);
          assertNotEquals(first, other);
          int order = first.compareTo(other);
          assertNotEquals(0, order, s + " vs " + t);
          int reverse = ((Comparable) other).compareTo(first);
          assertEquals(-Integer.signum(order), Integer.signum(reverse));
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void everyKeyClass_isComparableOfItself_asConcurrentHashMapRequires(
      String shape, Function<String, Object> key) {
    Class<?> type = key.apply("Aa").getClass();
    boolean comparableOfItself =
        Stream.of(type.getGenericInterfaces())
            .anyMatch(
                t ->
                    t instanceof java.lang.reflect.ParameterizedType p
                        && p.getRawType() == Comparable.class
                        && p.getActualTypeArguments()[0] == type);
    assertTrue(comparableOfItself, type + " implements Comparable<" + type.getSimpleName() + ">");
  }
}
