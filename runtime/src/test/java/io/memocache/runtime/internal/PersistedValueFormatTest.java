package io.memocache.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.memocache.runtime.MemoStore;
import io.memocache.runtime.MemoStores;
import io.memocache.runtime.internal.store.StoredValues;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC 9: what a {@code @Memo(persist = true)} writes to the memo store is the user's value, not
 * the form the copy engine keeps it in in-process, so another process (or a later build) reads
 * back the value itself.
 */
class PersistedValueFormatTest {
  /** A mutable value with a field that needs a deep copy. */
  public static final class Order {
    public String id;
    public List<String> lines;

    public Order() {}

    Order(String id, List<String> lines) {
      this.id = id;
      this.lines = lines;
    }
  }

  /** A mutable value of immutable fields only: copied without Kryo in-process. */
  public static final class Point {
    public int x;
    public double y;
    public String label;
  }

  private final RecordingStore store = new RecordingStore();

  static Order order(String id) {
    return new Order(id, new java.util.ArrayList<>(List.of(id)));
  }

  static Point point(String id) {
    Point point = new Point();
    point.x = 3;
    point.y = 0.5;
    point.label = id;
    return point;
  }

  @BeforeEach
  void useTheStore() {
    MemoStores.use(store);
  }

  @AfterEach
  void leaveNoStore() {
    MemoStores.use(MemoStores.none());
  }

  private static MethodCache cache(String name, String descriptor) {
    return MethodCache.memo(PersistedValueFormatTest.class, name, descriptor)
        .parameterTypes("String")
        .keyParameters("id")
        .persisted()
        .build();
  }

  /** What a generated persisted method does, with {@code method} as the original method. */
  private static Object call(MethodCache cache, String id, Supplier<Object> method) {
    Object key = Keys.of(id);
    Object value = cache.getIfPresent(key);
    if (value != MethodCache.ABSENT) {
      return value;
    }
    Object begun = cache.begin(key, new Object[] {id});
    if (!(begun instanceof MethodCache.Pending pending)) {
      return begun;
    }
    try {
      return pending.succeeded(method.get());
    } catch (Throwable e) {
      pending.failed(e);
      throw e;
    } finally {
      pending.ownerLeft = true;
    }
  }

  private Object onlyStoredValue() {
    assertEquals(1, store.entries.size());
    byte[] bytes = store.entries.values().iterator().next();
    return StoredValues.deserialize(bytes, getClass().getClassLoader());
  }

  @Test
  void aStoredBean_deserializesToTheBean_notToTheCopyEnginesWrapper() {
    MethodCache cache = cache("order", "(Ljava/lang/String;)L" + binary(Order.class) + ";");

    call(cache, "a", () -> order("a"));

    Order read = assertInstanceOf(Order.class, onlyStoredValue());
    assertEquals("a", read.id);
    assertEquals(List.of("a"), read.lines);
  }

  @Test
  void aStoredFlatBean_deserializesToTheBean() {
    MethodCache cache = cache("point", "(Ljava/lang/String;)L" + binary(Point.class) + ";");

    call(cache, "p", () -> point("p"));

    Point read = assertInstanceOf(Point.class, onlyStoredValue());
    assertEquals(List.of(3, 0.5, "p"), List.of(read.x, read.y, read.label));
  }

  @Test
  void anotherProcessesCache_hitsTheStoredBean_asItsOwnCopies() {
    String descriptor = "(Ljava/lang/String;)L" + binary(Point.class) + ";";
    call(cache("point", descriptor), "q", () -> point("q"));
    MethodCache elsewhere = cache("point", descriptor); // a fresh process's cache of the method

    Object first = call(elsewhere, "q", () -> point("computed again"));
    Object second = call(elsewhere, "q", () -> point("computed again"));

    assertEquals("q", assertInstanceOf(Point.class, first).label, "read from the store");
    assertNotSame(first, second);
    assertEquals("q", assertInstanceOf(Point.class, second).label);
  }

  private static String binary(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  /** An in-memory store that keeps what was put, by method and key. */
  private static final class RecordingStore implements MemoStore {
    final Map<String, byte[]> entries = new ConcurrentHashMap<>();

    private static String name(String methodId, byte[] key) {
      return methodId + "/" + java.util.HexFormat.of().formatHex(key);
    }

    @Override
    public byte[] get(String methodId, byte[] key) {
      return entries.get(name(methodId, key));
    }

    @Override
    public void put(String methodId, byte[] key, byte[] value, Duration ttl) {
      entries.put(name(methodId, key), value);
    }

    @Override
    public void remove(String methodId, byte[] key) {
      entries.remove(name(methodId, key));
    }

    @Override
    public void clear(String methodId) {
      entries.keySet().removeIf(name -> name.startsWith(methodId + "/"));
    }

    @Override
    public void clearAll() {
      entries.clear();
    }

    @Override
    public void close() {}
  }
}
