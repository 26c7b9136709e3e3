package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.MemoCaches;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Records, enums, JDK immutable collections and Optional, as cached classes, arguments, results. */
class MoreShapesTest {
  @BeforeEach
  void freshCaches() {
    MemoCaches.clearAll();
    Calls.reset();
  }

  @Test
  void record_getsADelegate() {
    Temperature_Cached warm = new Temperature_Cached(new Temperature(20));
    assertEquals("68.0F", warm.describe("F"));
    assertEquals("68.0F", warm.describe("F"));
    assertEquals(1, Calls.count("temperature"));
  }

  @Test
  void enum_getsADelegate() {
    Planet_Cached earth = new Planet_Cached(Planet.EARTH);
    double weight = earth.surfaceWeight(80);
    assertEquals(weight, earth.surfaceWeight(80));
    assertEquals(1, Calls.count("surfaceWeight"));
  }

  @Test
  void jdkImmutableCollections_asArgumentsAndResults() {
    Catalog catalog = new Catalog_Cached();
    Map<String, Integer> counts = catalog.counts(List.of("a", "b", "a"));
    assertEquals(Map.of("a", 2, "b", 1), counts);
    Map<String, Integer> again = catalog.counts(List.of("a", "b", "a"));
    assertEquals(counts, again);
    assertThrows(UnsupportedOperationException.class, () -> again.put("c", 1));
    assertEquals(1, Calls.count("counts"));

    Catalog.Entry entry = catalog.entry(Map.of("a", 2, "b", 1), "a");
    assertSame(entry, catalog.entry(Map.of("b", 1, "a", 2), "a"), "immutable records are shared");
    assertEquals(1, Calls.count("entry"));
  }

  @Test
  void optionalResults_areCopiedAndCached() {
    Catalog catalog = new Catalog_Cached();
    assertEquals(Optional.of("x"), catalog.first(List.of("x", "y")));
    assertEquals(Optional.of("x"), catalog.first(List.of("x", "y")));
    assertEquals(Optional.empty(), catalog.first(List.of()));
    assertEquals(2, Calls.count("first"));
  }

  @Test
  @SuppressWarnings("deprecation")
  void serializableClassAndDeprecatedMethod_areSupported() throws Exception {
    assertTrue(Serializable.class.isAssignableFrom(Catalog_Cached.class));
    Catalog catalog = new Catalog_Cached();
    assertEquals(3, catalog.legacy(3));
    assertEquals(3, catalog.legacy(3));
    assertEquals(1, Calls.count("legacy"));
    assertTrue(
        Catalog_Cached.class.getMethod("legacy", int.class).isAnnotationPresent(Deprecated.class));
  }
}
