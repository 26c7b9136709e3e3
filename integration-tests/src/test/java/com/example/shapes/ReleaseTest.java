package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/** Cleared, expired and evicted values are released: nothing keeps them reachable. */
class ReleaseTest {
  private final Resources resources = new Resources_Cached();

  private static void assertCollected(WeakReference<?> reference, String what)
      throws InterruptedException {
    for (int i = 0; i < 100 && reference.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertNull(reference.get(), what + " is still reachable");
  }

  @Test
  void clearedValue_isReleased() throws InterruptedException {
    WeakReference<Object> value = new WeakReference<>(resources.cleared("a"));
    Resources_Cached.clearCleared();
    assertCollected(value, "a cleared singleton");
  }

  @Test
  void expiredValue_isReleased() throws InterruptedException {
    WeakReference<Object> value = new WeakReference<>(resources.expiring("e"));
    Thread.sleep(60);
    resources.expiring("other"); // a write runs the cache's maintenance, which drops expired ones
    assertCollected(value, "an expired singleton");
  }

  @Test
  void evictedValue_isReleased() throws InterruptedException {
    WeakReference<Object> value = new WeakReference<>(resources.evicted("first"));
    // The bound admits a newcomer over an entry once it is used more often (TinyLFU): a key
    // asked for repeatedly takes the only slot.
    for (int i = 0; i < 20; i++) {
      resources.evicted("hot");
    }
    assertCollected(value, "an evicted singleton");
  }
}
