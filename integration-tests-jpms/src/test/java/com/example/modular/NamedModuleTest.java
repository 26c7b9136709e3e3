package com.example.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.modular.model.Box;
import com.example.modular.model.Point;
import com.example.modular.sealed.Vault;
import io.memocache.runtime.UncopyableResultException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC 13: generated code works in a named module. These tests run inside module
 * com.example.modular, with memocache's jars as the modules io.memocache.runtime and
 * io.memocache.annotations, exactly as the application's own code would.
 */
class NamedModuleTest {
  private final Geometry geometry = new Geometry_Cached();

  @Test
  void testsRunInTheNamedModule_withMemocacheAsModules() {
    assertEquals("com.example.modular", getClass().getModule().getName());
    assertEquals("com.example.modular", Geometry_Cached.class.getModule().getName());
    assertEquals(
        "io.memocache.runtime", UncopyableResultException.class.getModule().getName());
  }

  @Test
  void recordResult_isCachedAndHandedOutByValue() {
    Point first = geometry.diagonal(3);
    Point second = geometry.diagonal(3);
    assertEquals(new Point(3, 3), second);
    assertEquals(first, second);
    assertEquals(1, geometry.computations.get());
  }

  @Test
  void beanResultInAnOpenedPackage_isCopiedForEachCaller() {
    Box first = geometry.box("a");
    first.items().add("mutated by the caller");
    Box second = geometry.box("a");
    assertNotSame(first, second);
    assertEquals(List.of("a"), second.items());
    assertEquals(1, geometry.computations.get());
  }

  @Test
  void beanResultInAPackageNotOpened_failsNamingTheOpensLineThatFixesIt() {
    UncopyableResultException e =
        assertThrows(UncopyableResultException.class, () -> geometry.vault(1));
    assertEquals(
        "cannot return the result of @Memo Geometry.vault(int) by value: a"
            + " com.example.modular.sealed.Vault cannot be copied because its module does not open"
            + " its package to memocache: add 'opens com.example.modular.sealed to"
            + " io.memocache.runtime;' to module com.example.modular, or use @Singleton to share"
            + " the object by reference",
        e.getMessage());
  }

  @Test
  void singletonResult_needsNoOpens() {
    Vault vault = geometry.sharedVault();
    assertSame(vault, geometry.sharedVault());
    assertEquals(1, geometry.computations.get());
  }
}
