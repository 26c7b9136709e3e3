package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.UnhashableParameterException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC section 4: arguments are keyed by content, '_' parameters are left out. */
class KeysTest {
  private final Keyed keyed = new Keyed_Cached();

  @BeforeEach
  void freshCaches() {
    MemoCaches.clearAll();
    Calls.reset();
  }

  @Test
  void arrays_withEqualContentShareAnEntry() {
    keyed.arrayLength(new String[] {"a", "b"});
    keyed.arrayLength(new String[] {"a", "b"});
    keyed.arrayLength(new String[] {"a", "c"});
    assertEquals(2, Calls.count("arrayLength"));
  }

  @Test
  void mutatingAnArgumentAfterTheCall_neverChangesTheEntry() {
    String[] values = {"a", "b"};
    keyed.arrayLength(values);
    values[1] = "changed";
    keyed.arrayLength(new String[] {"a", "b"});
    assertEquals(1, Calls.count("arrayLength"));
    List<String> list = new ArrayList<>(List.of("x"));
    keyed.listSize(list);
    list.add("y");
    assertEquals(2, keyed.listSize(list));
    assertEquals(1, keyed.listSize(List.of("x")));
    assertEquals(2, Calls.count("listSize"));
  }

  @Test
  void lists_ofAnyImplementationWithEqualContentShareAnEntry() {
    keyed.listSize(new ArrayList<>(List.of("a", "b")));
    keyed.listSize(new LinkedList<>(List.of("a", "b")));
    keyed.listSize(List.of("a", "b"));
    assertEquals(1, Calls.count("listSize"));
  }

  @Test
  void sets_ofAnyImplementationAndOrderShareAnEntry() {
    keyed.setSize(new HashSet<>(List.of(3, 1, 2)));
    keyed.setSize(new TreeSet<>(List.of(1, 2, 3)));
    keyed.setSize(Set.of(2, 3, 1));
    assertEquals(1, Calls.count("setSize"));
  }

  @Test
  void maps_inAnyInsertionOrderShareAnEntry() {
    Map<String, Integer> forward = new LinkedHashMap<>();
    forward.put("a", 1);
    forward.put("b", 2);
    Map<String, Integer> backward = new LinkedHashMap<>();
    backward.put("b", 2);
    backward.put("a", 1);
    keyed.mapSize(forward);
    keyed.mapSize(backward);
    keyed.mapSize(new HashMap<>(Map.of("a", 1, "b", 3)));
    assertEquals(2, Calls.count("mapSize"));
  }

  @Test
  void recordsEnumsAndDates_areKeyedByValue() {
    keyed.distance(new Keyed.Point(1, 2));
    keyed.distance(new Keyed.Point(1, 2));
    keyed.colorName(Keyed.Color.RED);
    keyed.colorName(Keyed.Color.RED);
    keyed.colorName(Keyed.Color.GREEN);
    keyed.dayOfYear(LocalDate.of(2024, 2, 1));
    keyed.dayOfYear(LocalDate.parse("2024-02-01"));
    assertEquals(1, Calls.count("distance"));
    assertEquals(2, Calls.count("colorName"));
    assertEquals(1, Calls.count("dayOfYear"));
  }

  @Test
  void null_isAValueDistinctFromEveryOther() {
    assertEquals("none", keyed.colorName(null));
    assertEquals("none", keyed.colorName(null));
    assertEquals(-1, keyed.arrayLength(null));
    assertEquals(0, keyed.arrayLength(new String[0]));
    assertEquals("null", keyed.describe(null));
    assertEquals("null", keyed.describe("null"));
    assertEquals(1, Calls.count("colorName"));
    assertEquals(2, Calls.count("arrayLength"));
    assertEquals(2, Calls.count("describe"));
  }

  @Test
  void valuesOfDifferentTypes_neverCollide() {
    assertEquals("1", keyed.describe(1));
    assertEquals("1", keyed.describe(1L));
    assertEquals("1", keyed.describe("1"));
    assertEquals(3, Calls.count("describe"));
  }

  @Test
  void underscoreParameters_arePassedThroughButLeftOutOfTheKey() {
    StringBuilder firstLog = new StringBuilder();
    StringBuilder secondLog = new StringBuilder();
    assertEquals("id7", keyed.withContext(firstLog, 7));
    assertEquals("id7", keyed.withContext(secondLog, 7));
    assertEquals("7", firstLog.toString());
    assertEquals("", secondLog.toString(), "a hit never runs the method");
    keyed.noKey(new Object());
    keyed.noKey(Thread.currentThread());
    assertEquals(1, Calls.count("noKey"));
  }

  @Test
  void unhashableArgument_failsNamingMethodParameterTypeAndFix() {
    UnhashableParameterException failure =
        assertThrows(UnhashableParameterException.class, () -> keyed.describe(new Thread()));
    assertEquals("value", failure.parameter());
    assertTrue(failure.getMessage().contains("Keyed.describe(Object)"), failure.getMessage());
    assertTrue(failure.getMessage().contains("java.lang.Thread"), failure.getMessage());
    assertTrue(
        failure.getMessage().contains("prefix the parameter name with '_'"), failure.getMessage());
    assertEquals(0, Calls.count("describe"), "the method is not run");
  }
}
