package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.shapes.DeepValues.Link;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.UncopyableResultException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC section 5: a @Memo result of any depth is handed out by value, sharing and cycles kept. */
class DeepValuesTest {
  private final DeepValues values = new DeepValues_Cached();

  @BeforeEach
  void freshCaches() {
    MemoCaches.clearAll();
    Calls.reset();
  }

  /** Runs the calls on a fresh thread with the JVM's default stack size. */
  private static void onDefaultStack(Runnable calls) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                calls.run();
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    thread.start();
    thread.join(TimeUnit.SECONDS.toMillis(120));
    if (thread.isAlive()) {
      thread.interrupt();
      fail("the calls did not finish in time");
    }
    if (failure.get() instanceof Error error) {
      throw error;
    }
    if (failure.get() instanceof RuntimeException exception) {
      throw exception;
    }
  }

  private static void assertList(Link head, int length, boolean cyclic) {
    DeepValues.Tag tag = head.tag;
    Link link = head;
    for (int i = 0; i < length; i++) {
      assertEquals(i, link.value);
      assertSame(tag, link.tag, "every node keeps sharing one tag");
      link = link.next;
    }
    if (cyclic) {
      assertSame(head, link, "the last node leads back to the first");
    } else {
      assertNull(link);
    }
  }

  @Test
  void aLinkedListOf100_000Nodes_isCachedAndCopiedOnEveryHit() throws InterruptedException {
    onDefaultStack(
        () -> {
          Link first = values.chain(100_000);
          Link second = values.chain(100_000);
          assertNotSame(first, second);
          assertNotSame(first.tag, second.tag);
          assertList(first, 100_000, false);
          assertList(second, 100_000, false);
          first.next.value = -1;
          assertList(values.chain(100_000), 100_000, false);
        });
    assertEquals(1, Calls.count("chain"));
  }

  @Test
  void aCycleOf100_000Nodes_isCachedAndCopiedWithItsCycle() throws InterruptedException {
    onDefaultStack(
        () -> {
          Link first = values.loop(100_000);
          Link second = values.loop(100_000);
          assertNotSame(first, second);
          assertList(first, 100_000, true);
          assertList(second, 100_000, true);
        });
    assertEquals(1, Calls.count("loop"));
  }

  @Test
  void anUncopyableResult_namesWhereTheOffendingValueSits() {
    UncopyableResultException failure =
        assertThrows(UncopyableResultException.class, () -> values.order(3));
    assertTrue(failure.getMessage().contains("DeepValues.order(int)"), failure.getMessage());
    assertTrue(failure.getMessage().contains("java.lang.Thread"), failure.getMessage());
    assertTrue(failure.getMessage().contains("'result.items[3].owner.lock'"), failure.getMessage());
    assertEquals("items[3].owner.lock", failure.path());
  }
}
