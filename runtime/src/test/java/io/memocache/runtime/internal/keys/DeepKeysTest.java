package io.memocache.runtime.internal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.internal.Keys;
import io.memocache.runtime.internal.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 4: arguments of any depth are keyed on an ordinary thread stack: snapshot, hash,
 * equality and order all walk without recursion.
 */
class DeepKeysTest {
  /** A user-defined singly linked list. */
  static final class Link {
    final String value;
    final Link next;

    Link(String value, Link next) {
      this.value = value;
      this.next = next;
    }
  }

  /** A list holding a list holding ... {@code depth} levels, the innermost holding the leaf. */
  static List<Object> nested(int depth, Object leaf) {
    List<Object> list = new ArrayList<>(List.of(leaf));
    for (int i = 1; i < depth; i++) {
      List<Object> outer = new ArrayList<>();
      outer.add(list);
      list = outer;
    }
    return list;
  }

  static Link chain(int length, String last) {
    Link link = new Link(last, null);
    for (int i = 1; i < length; i++) {
      link = new Link("n" + (i % 10), link);
    }
    return link;
  }

  /** Runs the check on a new thread with the default stack size, as a request thread would. */
  static void onAFreshThread(Runnable check) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(check, "default-stack");
    thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
    thread.start();
    thread.join(60_000);
    assertTrue(!thread.isAlive(), "the check ended");
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void assertKeyedByContent(Object argument, Object same, Object different) {
    Object stored = ContentKeys.stableOf(ContentKeys.snapshot(argument));
    Object lookup = ContentKeys.snapshot(same);
    assertEquals(stored.hashCode(), lookup.hashCode());
    assertEquals(stored, lookup);
    assertEquals(0, ((Comparable) stored).compareTo(lookup));
    Object other = ContentKeys.snapshot(different);
    assertNotEquals(stored, other);
    assertNotEquals(0, ((Comparable) stored).compareTo(other));
    assertEquals(stored, Keys.of(stored), "the key of a single parameter is its snapshot");
    assertEquals(Keys.of(1, stored), Keys.of(1, lookup));
  }

  @Test
  void listNested20000Deep_isKeyedOnADefaultStack() throws InterruptedException {
    onAFreshThread(
        () -> assertKeyedByContent(nested(20_000, "x"), nested(20_000, "x"), nested(20_000, "y")));
  }

  @Test
  void linkedStructureOf100000Nodes_isKeyedOnADefaultStack() throws InterruptedException {
    onAFreshThread(
        () ->
            assertKeyedByContent(
                chain(100_000, "end"), chain(100_000, "end"), chain(100_000, "END")));
  }

  @Test
  void mapsNestedDeepAsValues_areKeyedOnADefaultStack() throws InterruptedException {
    onAFreshThread(
        () -> {
          Object map = "leaf";
          Object same = "leaf";
          Object different = "other";
          for (int i = 0; i < 20_000; i++) {
            map = Map.of("k", map);
            same = Map.of("k", same);
            different = Map.of("k", different);
          }
          assertKeyedByContent(map, same, different);
        });
  }

  @Test
  void deepUnhashablePart_failsWithItsPath() {
    UnhashableValueException failure =
        assertThrows(
            UnhashableValueException.class,
            () -> ContentKeys.snapshot(nested(3, List.of("a", new Samples.HoldsThread()))));
    assertEquals(Thread.class, failure.type());
    assertEquals("[0][0][0][1].thread", failure.path());

    UnhashableValueException inMap =
        assertThrows(
            UnhashableValueException.class,
            () -> ContentKeys.snapshot(Map.of("worker", new Samples.HoldsThread())));
    assertEquals("[worker].thread", inMap.path());
  }

  @Test
  void deepCycles_giveEqualKeysForEqualGraphs() throws InterruptedException {
    onAFreshThread(
        () -> {
          List<Object> first = nested(5_000, "x");
          List<Object> second = nested(5_000, "x");
          innermost(first).add(first);
          innermost(second).add(second);
          Object key = ContentKeys.stableOf(ContentKeys.snapshot(first));
          assertEquals(key, ContentKeys.snapshot(second));
          assertNotEquals(key, ContentKeys.snapshot(nested(5_000, "x")));
        });
  }

  @SuppressWarnings("unchecked")
  private static List<Object> innermost(List<Object> list) {
    while (list.get(0) instanceof List<?> inner) {
      list = (List<Object>) inner;
    }
    return list;
  }
}
