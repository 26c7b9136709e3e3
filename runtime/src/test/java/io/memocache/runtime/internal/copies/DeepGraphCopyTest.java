package io.memocache.runtime.internal.copies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoCopyable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 5: a result is copied whatever its depth. A user's linked list, or a cycle, of any
 * length is copied with its sharing and cycles, on a thread with the default stack.
 */
class DeepGraphCopyTest {
  /** A user linked-list node; the tag is shared by every node of one list. */
  static final class Link {
    int value;
    Link next;
    Tag tag;
  }

  /** A mutable object every link of a list points to. */
  static final class Tag {
    String name;
  }

  /** A node of a deep tree whose children sit in a standard collection. */
  static final class Branch {
    final List<Branch> children = new ArrayList<>();
    int depth;
  }

  /** A record with a mutable component, nested deeply. */
  record Box(int depth, List<Object> contents) {}

  /** A node whose equality and hash depend on its whole chain: a copy must finish it first. */
  static final class Chain {
    int value;
    Chain next;

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Chain that)) {
        return false;
      }
      Chain a = this;
      Chain b = that;
      while (a != null && b != null) {
        if (a.value != b.value) {
          return false;
        }
        a = a.next;
        b = b.next;
      }
      return a == b;
    }

    @Override
    public int hashCode() {
      int hash = 1;
      for (Chain c = this; c != null; c = c.next) {
        hash = 31 * hash + c.value;
      }
      return hash;
    }
  }

  /** Copies itself by recursing forever: a real stack overflow inside a copy. */
  static final class Bottomless implements KryoCopyable<Bottomless> {
    @Override
    public Bottomless copy(Kryo kryo) {
      return kryo.copy(new Bottomless());
    }
  }

  /** Holds a thread somewhere inside: what cannot be copied. */
  static final class Owner {
    String name = "owner";
    Thread lock = new Thread(() -> {});
  }

  static final class Item {
    Owner owner;
  }

  static final class Order {
    List<Item> items = new ArrayList<>();
  }

  private static Link list(int length) {
    Tag tag = new Tag();
    tag.name = "shared";
    Link head = null;
    for (int i = length - 1; i >= 0; i--) {
      Link link = new Link();
      link.value = i;
      link.next = head;
      link.tag = tag;
      head = link;
    }
    return head;
  }

  private static Link cycle(int length) {
    Link head = list(length);
    Link last = head;
    while (last.next != null) {
      last = last.next;
    }
    last.next = head;
    return head;
  }

  /** Runs the work on a fresh thread with the JVM's default stack size. */
  private static <T> T onDefaultStack(Supplier<T> work) throws InterruptedException {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                outcome.set(work.get());
              } catch (Throwable t) {
                outcome.set(t);
              }
            });
    thread.start();
    thread.join(TimeUnit.SECONDS.toMillis(120));
    if (thread.isAlive()) {
      thread.interrupt();
      fail("the copy did not finish in time");
    }
    Object result = outcome.get();
    if (result instanceof Error error) {
      throw error;
    }
    if (result instanceof RuntimeException exception) {
      throw exception;
    }
    @SuppressWarnings("unchecked")
    T value = (T) result;
    return value;
  }

  private static void assertListCopy(Link original, Link copy, int length, boolean cyclic) {
    Tag copiedTag = copy.tag;
    assertNotSame(original.tag, copiedTag);
    assertEquals("shared", copiedTag.name);
    Link a = original;
    Link b = copy;
    for (int i = 0; i < length; i++) {
      assertNotSame(a, b);
      assertEquals(i, b.value);
      assertSame(copiedTag, b.tag, "every link keeps pointing to one shared tag");
      a = a.next;
      b = b.next;
    }
    if (cyclic) {
      assertSame(copy, b, "the last link leads back to the first copy");
    } else {
      assertEquals(null, b);
    }
  }

  @Test
  void aLinkedListOf100_000Nodes_isCopiedWithItsSharing() throws InterruptedException {
    Link original = list(100_000);
    Link copy = onDefaultStack(() -> (Link) ValueCopier.copy(original));
    assertListCopy(original, copy, 100_000, false);
  }

  @Test
  void cyclesOf100_000And1_000_000Nodes_areCopiedWithTheirCycle() throws InterruptedException {
    for (int length : new int[] {100_000, 1_000_000}) {
      Link original = cycle(length);
      Link copy = onDefaultStack(() -> (Link) ValueCopier.copy(original));
      assertListCopy(original, copy, length, true);
    }
  }

  @Test
  void storedDeepValues_areCopiedOnEveryHit() throws InterruptedException {
    Link list = list(100_000);
    Object storedList = onDefaultStack(() -> ValueCopier.storedCopy(list, false));
    assertFalse(((ValueCopier.StoredGraph) storedList).tree(), "the tag is shared");
    assertTrue(((ValueCopier.StoredGraph) storedList).deep(), "hits go straight to iteration");
    Link hit = onDefaultStack(() -> (Link) ValueCopier.copy(storedList));
    assertListCopy(list, hit, 100_000, false);

    Link loop = cycle(100_000);
    Object storedLoop = onDefaultStack(() -> ValueCopier.storedCopy(loop, false));
    Link loopHit = onDefaultStack(() -> (Link) ValueCopier.copy(storedLoop));
    assertListCopy(loop, loopHit, 100_000, true);
  }

  @Test
  void aDeepTreeWithoutSharing_isCopiedWithoutTracking() throws InterruptedException {
    Branch root = new Branch();
    Branch current = root;
    for (int i = 1; i < 100_000; i++) {
      Branch child = new Branch();
      child.depth = i;
      current.children.add(child);
      current = child;
    }
    Object stored = onDefaultStack(() -> ValueCopier.storedCopy(root, false));
    assertTrue(((ValueCopier.StoredGraph) stored).tree());
    assertTrue(((ValueCopier.StoredGraph) stored).deep());
    Branch copy = onDefaultStack(() -> (Branch) ValueCopier.copy(stored));
    Branch a = root;
    Branch b = copy;
    for (int i = 0; i < 100_000; i++) {
      assertNotSame(a, b);
      assertNotSame(a.children, b.children);
      assertEquals(i, b.depth);
      a = a.children.isEmpty() ? null : a.children.get(0);
      b = b.children.isEmpty() ? null : b.children.get(0);
    }
    assertEquals(null, b);
  }

  @Test
  void deepNestingThroughArraysMapsSetsRecordsAndImmutableLists_isCopied()
      throws InterruptedException {
    Object nested = "bottom";
    for (int i = 0; i < 100_000; i++) {
      switch (i % 6) {
        case 0 -> nested = new Object[] {nested, i};
        case 1 -> {
          Map<String, Object> map = new HashMap<>();
          map.put("inner", nested);
          nested = map;
        }
        case 2 -> nested = new Box(i, new ArrayList<>(List.of(nested)));
        case 3 -> nested = List.of(nested, i);
        case 4 -> nested = new LinkedList<>(List.of(nested));
        default -> {
          Set<Object> set = new HashSet<>();
          set.add(nested);
          nested = set;
        }
      }
    }
    Object original = nested;
    Object copy = onDefaultStack(() -> ValueCopier.copy(original));
    Object a = original;
    Object b = copy;
    for (int i = 100_000 - 1; i >= 0; i--) {
      assertEquals(a.getClass(), b.getClass());
      switch (i % 6) {
        case 0 -> {
          assertNotSame(a, b);
          a = ((Object[]) a)[0];
          b = ((Object[]) b)[0];
        }
        case 1 -> {
          assertNotSame(a, b);
          a = ((Map<?, ?>) a).get("inner");
          b = ((Map<?, ?>) b).get("inner");
        }
        case 2 -> {
          assertNotSame(((Box) a).contents(), ((Box) b).contents());
          assertEquals(((Box) a).depth(), ((Box) b).depth());
          a = ((Box) a).contents().get(0);
          b = ((Box) b).contents().get(0);
        }
        case 3, 4 -> {
          a = ((List<?>) a).get(0);
          b = ((List<?>) b).get(0);
        }
        default -> {
          assertNotSame(a, b);
          a = ((Set<?>) a).iterator().next();
          b = ((Set<?>) b).iterator().next();
        }
      }
    }
    assertEquals("bottom", b);
  }

  @Test
  void hashedElements_areCompleteBeforeTheyAreHashed() throws InterruptedException {
    Chain chain = null;
    for (int i = 0; i < 100_000; i++) {
      Chain link = new Chain();
      link.value = i;
      link.next = chain;
      chain = link;
    }
    Set<Chain> set = new HashSet<>();
    set.add(chain);
    @SuppressWarnings("unchecked")
    Set<Chain> copy = onDefaultStack(() -> (Set<Chain>) ValueCopier.copy(set));
    assertTrue(copy.contains(chain), "the copy was hashed with its whole chain");
    assertNotSame(chain, copy.iterator().next());
    assertTrue(Objects.equals(chain, copy.iterator().next()));
  }

  @Test
  void deepGraphShapes_areCheckedWithoutRecursion() throws InterruptedException {
    Object longChain = list(1_000_000);
    assertFalse(onDefaultStack(() -> GraphShapes.isTree(longChain)), "the tag is shared");
    Link unshared = list(1_000_000);
    for (Link link = unshared; link != null; link = link.next) {
      link.tag = null;
    }
    assertTrue(onDefaultStack(() -> GraphShapes.isTree(unshared)));
    Link loop = cycle(1_000_000);
    assertFalse(onDefaultStack(() -> GraphShapes.isTree(loop)));
  }

  @Test
  void aRealStackOverflow_isNotReportedAsAnUncopyableType() {
    assertThrows(StackOverflowError.class, () -> ValueCopier.copy(new Bottomless()));
  }

  @Test
  void anUncopyableValue_isNamedByItsPathInsideTheResult() {
    Order order = new Order();
    for (int i = 0; i < 5; i++) {
      Item item = new Item();
      item.owner = i == 3 ? new Owner() : null;
      order.items.add(item);
    }
    UncopyableValueException failure =
        assertThrows(UncopyableValueException.class, () -> ValueCopier.copy(order));
    assertEquals(Thread.class, failure.type());
    assertEquals("items[3].owner.lock", failure.path());
    assertTrue(
        failure.getMessage().contains("result.items[3].owner.lock"), failure.getMessage());
  }

  @Test
  void anUncopyableValueDeepInside_isFoundAndNamed() throws InterruptedException {
    Link head = list(100_000);
    Link last = head;
    while (last.next != null) {
      last = last.next;
    }
    Owner owner = new Owner();
    Link tail = last;
    UncopyableValueException[] failure = new UncopyableValueException[1];
    onDefaultStack(
        () -> {
          tail.tag = null;
          failure[0] =
              assertThrows(
                  UncopyableValueException.class,
                  () -> ValueCopier.copy(new Object[] {head, owner}));
          return null;
        });
    assertEquals(Thread.class, failure[0].type());
    assertEquals("[1].lock", failure[0].path());
    assertTrue(failure[0].getMessage().startsWith("result[1].lock is a"), failure[0].getMessage());
  }
}
