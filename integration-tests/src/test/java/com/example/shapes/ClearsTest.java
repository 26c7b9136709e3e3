package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.SingletonCaches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC sections 3 and 7: per-method, per-entry, per-class and global clears. */
class ClearsTest {
  private final RnaPages pages = new RnaPages_Cached();

  @BeforeEach
  void freshCaches() {
    MemoCaches.clearAll();
    SingletonCaches.clearAll();
    Calls.reset();
  }

  @Test
  void clearMethod_clearsEveryEntryOfThatMethodOnly() {
    Database database = pages.database();
    pages.getPage(database, 10, 1);
    pages.getPage(database, 10, 2);
    RnaPages_Cached.clearGetPage();
    pages.getPage(database, 10, 1);
    pages.getPage(database, 10, 2);
    assertEquals(4, Calls.count("getPage"));
    assertSame(database, pages.database());
  }

  @Test
  void clearWithKeyArguments_removesJustThatEntry() {
    Database database = pages.database();
    pages.getPage(database, 10, 1);
    pages.getPage(database, 10, 2);
    RnaPages_Cached.clearGetPage(10, 1);
    pages.getPage(database, 10, 1);
    pages.getPage(database, 10, 2);
    assertEquals(3, Calls.count("getPage"));
  }

  @Test
  void clearAllOfAClass_clearsEveryMethodOfThatClassOnly() {
    Database database = pages.database();
    pages.getPage(database, 10, 1);
    new MathFunctions_Cached().factorial(3);
    RnaPages_Cached.clearAll();
    assertNotSame(database, pages.database());
    pages.getPage(database, 10, 1);
    new MathFunctions_Cached().factorial(3);
    assertEquals(2, Calls.count("getPage"));
    assertEquals(3, Calls.count("factorial"));
  }

  @Test
  void memoCachesClearAll_clearsEveryMemoButNoSingleton() {
    Database database = pages.database();
    pages.getPage(database, 10, 1);
    new MathFunctions_Cached().factorial(3);
    MemoCaches.clearAll();
    pages.getPage(database, 10, 1);
    new MathFunctions_Cached().factorial(3);
    assertEquals(2, Calls.count("getPage"));
    assertEquals(6, Calls.count("factorial"));
    assertSame(database, pages.database());
  }

  @Test
  void singletonCachesClearAll_clearsEverySingletonButNoMemo() {
    Database database = pages.database();
    pages.getPage(database, 10, 1);
    SingletonCaches.clearAll();
    assertNotSame(database, pages.database());
    pages.getPage(database, 10, 1);
    assertEquals(1, Calls.count("getPage"));
  }

  @Test
  void boundedCache_keepsAtMostMaxEntries() {
    Bounded bounded = new Bounded_Cached();
    for (int n = 0; n < 100; n++) {
      bounded.small(n);
    }
    for (int n = 0; n < 100; n++) {
      bounded.small(n);
    }
    int secondPassMisses = Calls.count("small") - 100;
    // Eviction picks which 2 entries stay (Caffeine's admission policy may keep a frequent old
    // entry), so only a handful of the 100 keys can still be hits; unbounded would be 0 misses.
    assertTrue(secondPassMisses >= 95, "misses in second pass: " + secondPassMisses);
    assertEquals("x", bounded.longLived("x"));
    assertEquals("x", bounded.longLived("x"));
    assertEquals(1, Calls.count("longLived"));
  }

  @Test
  void ttl_expiresEntries() throws InterruptedException {
    Bounded bounded = new Bounded_Cached();
    Object first = bounded.shortLived("a");
    assertSame(first, bounded.shortLived("a"));
    Thread.sleep(120);
    assertNotSame(first, bounded.shortLived("a"));
  }
}
