package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import io.memocache.runtime.UncopyableResultException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC section 5: @Memo by value, @Singleton by reference, nulls cached, exceptions not. */
class ValuesTest {
  private final Values values = new Values_Cached();

  @BeforeEach
  void freshCaches() {
    MemoCaches.clearAll();
    SingletonCaches.clearAll();
    Calls.reset();
  }

  @Test
  void memo_callerMutatingItsResultNeverChangesTheCache() {
    List<String> first = values.getList("x");
    first.add("mutated");
    first.set(0, "changed");
    assertEquals(List.of("x", "x!"), values.getList("x"));
    assertEquals(1, Calls.count("getList"));
  }

  @Test
  void memo_methodMutatingWhatItReturnedNeverChangesTheCache() {
    values.getList("y");
    values.lastReturned.add("later");
    assertEquals(List.of("y", "y!"), values.getList("y"));
  }

  @Test
  void memo_everyCallerGetsItsOwnCopy() {
    values.getList("z");
    List<String> second = values.getList("z");
    List<String> third = values.getList("z");
    assertNotSame(second, third);
    assertEquals(second, third);
  }

  @Test
  void memo_arraysRecordsMapsAndBeansAreCopiedDeeply() {
    int[] array = values.getArray(1);
    array[0] = 42;
    assertArrayEquals(new int[] {1, 2}, values.getArray(1));

    Values.Box box = values.getBox("b");
    box.items().add("mutated");
    assertEquals(List.of("a"), values.getBox("b").items());
    assertNotSame(values.getBox("b"), values.getBox("b"));

    Map<String, List<Integer>> map = values.getMap(3);
    map.get("n").add(4);
    map.put("m", List.of());
    assertEquals(Map.of("n", List.of(3)), values.getMap(3));

    Values.Counter counter = values.getCounter("c");
    counter.increment();
    assertEquals(0, values.getCounter("c").count());
    assertEquals("c", values.getCounter("c").name());
  }

  @Test
  void memo_immutableListCopyStaysUnmodifiable() {
    List<Integer> list = values.immutableList(1);
    values.immutableList(1);
    List<Integer> again = values.immutableList(1);
    assertEquals(List.of(1, 2), again);
    assertThrows(UnsupportedOperationException.class, () -> again.add(3));
    assertEquals(List.of(1, 2), list);
    assertEquals(1, Calls.count("immutableList"));
  }

  @Test
  void nullResults_areCachedLikeAnyOther() {
    assertNull(values.getNull(1));
    assertNull(values.getNull(1));
    assertEquals(1, Calls.count("getNull"));
    assertNull(values.nullSingleton(1));
    assertNull(values.nullSingleton(1));
    assertEquals(1, Calls.count("nullSingleton"));
  }

  @Test
  void exceptions_propagateUnchangedAndAreNeverCached() {
    IllegalStateException first =
        assertThrows(IllegalStateException.class, () -> values.failing(1));
    assertEquals("failure 1", first.getMessage());
    assertThrows(IllegalStateException.class, () -> values.failing(1));
    assertEquals(2, Calls.count("failing"));
  }

  @Test
  void uncopyableResult_failsNamingMethodAndTypeAndIsNotCached() {
    UncopyableResultException failure =
        assertThrows(UncopyableResultException.class, () -> values.uncopyable("t"));
    assertTrue(failure.getMessage().contains("Values.uncopyable(String)"), failure.getMessage());
    assertTrue(failure.getMessage().contains("java.lang.Thread"), failure.getMessage());
    assertTrue(failure.getMessage().contains("@Singleton"), failure.getMessage());
    assertThrows(UncopyableResultException.class, () -> values.uncopyable("t"));
    assertEquals(2, Calls.count("uncopyable"));
  }

  @Test
  void singleton_returnsTheSameInstanceEveryTime() {
    List<String> first = values.sharedList("s");
    first.add("shared mutation");
    assertSame(first, values.sharedList("s"));
    assertSame(first, new Values_Cached().sharedList("s"));
    assertEquals(List.of("s", "shared mutation"), values.sharedList("s"));
    assertEquals(1, Calls.count("sharedList"));
  }
}
