package io.memocache.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.MemoStore;
import io.memocache.runtime.MemoStore.InvalidationListener;
import io.memocache.runtime.MemoStore.Lease;
import io.memocache.runtime.MemoStoreProvider;
import io.memocache.runtime.MemoStoreStats;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisStoreTest {
  static final String SECRET = "a fleet secret of some length";
  static final String LOAD = "com.example.Catalog#load(java.lang.String)@1f2e3d";
  static final String PRICE = "com.example.Catalog#price(long)@4c5b6a";

  static TestRedis redis;
  final List<RedisStore> stores = new ArrayList<>();

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void flush() {
    redis.flushAll();
  }

  @AfterEach
  void closeStores() {
    stores.forEach(RedisStore::close);
  }

  RedisStore store() {
    return store(SECRET);
  }

  RedisStore store(String secret) {
    // A generous timeout: these tests count errors exactly, and on a loaded machine a 500-entry
    // batch may outlast the default 250 ms (counted as an error although Redis then ran it).
    // RedisOutageTest is where timeouts are tested.
    RedisStore store =
        RedisStore.builder(redis.uri(), secret).timeout(Duration.ofSeconds(5)).connect();
    stores.add(store);
    return store;
  }

  static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void put_thenGet_returnsTheValue_fromThisAndAnotherStore() {
    RedisStore one = store();
    RedisStore other = store();
    one.put(LOAD, b("k1"), b("value 1"), null);

    assertArrayEquals(b("value 1"), one.get(LOAD, b("k1")));
    assertArrayEquals(b("value 1"), other.get(LOAD, b("k1")));
    assertNull(one.get(LOAD, b("k2")));
    assertNull(one.get(PRICE, b("k1")), "methods never see each other's entries");
    assertEquals(new MemoStoreStats(1, 2, 0, 0), sum(one.stats(LOAD), one.stats(PRICE)));
  }

  @Test
  void entryKeys_areNamespacedDigests_holdingSignedBytes() {
    RedisStore store = store();
    store.put(LOAD, b("a key with : and {braces} and *"), b("v"), null);

    List<String> keys = new ArrayList<>();
    redis.raw().sync().keys("*").forEach(k -> keys.add(new String(k, UTF_8)));
    keys.sort(null);
    assertEquals(3, keys.size(), keys::toString);
    assertEquals("memocache:gen", keys.get(0));
    assertTrue(keys.get(1).matches("memocache:\\{[0-9a-f]{32}\\}:[0-9]+\\.[0-9]+:[0-9a-f]{32}"), keys::toString);
    assertTrue(keys.get(2).matches("memocache:\\{[0-9a-f]{32}\\}:gen"), keys::toString);
    byte[] stored = redis.raw().sync().get(onlyKey());
    assertArrayEquals(b("MEMO"), Arrays.copyOf(stored, 4));
  }

  @Test
  void tamperedValue_isAMiss_countedAsRejected_andRemoved() {
    RedisStore store = store();
    store.put(LOAD, b("k"), b("genuine"), null);
    byte[] key = onlyKey();
    byte[] stored = redis.raw().sync().get(key);
    stored[stored.length - 40] ^= 1; // a value byte, under the MAC
    redis.raw().sync().set(key, stored);

    assertNull(store.get(LOAD, b("k")));
    assertEquals(new MemoStoreStats(0, 1, 0, 1), store.stats(LOAD));
    assertEquals(0L, redis.raw().sync().exists(key), "a rejected entry is removed");
  }

  @Test
  void garbageBytes_areAMiss_notAnError() {
    RedisStore store = store();
    store.put(LOAD, b("k"), b("genuine"), null);
    redis.raw().sync().set(onlyKey(), b("not an entry at all"));

    assertNull(store.get(LOAD, b("k")));
    assertEquals(new MemoStoreStats(0, 1, 0, 1), store.stats(LOAD));
  }

  @Test
  void valueWrittenUnderAnotherSecret_isAMiss() {
    store("another secret, another fleet").put(LOAD, b("k"), b("theirs"), null);
    RedisStore ours = store();

    assertNull(ours.get(LOAD, b("k")));
    assertEquals(1, ours.stats(LOAD).rejected());
  }

  @Test
  void ttl_isTheRedisExpiry_andTheEntryMissesAfterIt() throws InterruptedException {
    RedisStore store = store();
    store.put(LOAD, b("k"), b("short-lived"), Duration.ofMillis(1500));

    long pttl = redis.raw().sync().pttl(onlyKey());
    assertTrue(pttl > 0 && pttl <= 1500, "PX is the ttl: " + pttl);
    assertArrayEquals(b("short-lived"), store.get(LOAD, b("k")));
    Thread.sleep(1600);
    assertNull(store.get(LOAD, b("k")));
  }

  @Test
  void entryWithoutTtl_hasNoExpiry() {
    store().put(LOAD, b("k"), b("v"), null);
    assertEquals(-1L, redis.raw().sync().pttl(onlyKey()));
  }

  @Test
  void clear_isOneGenerationStep_missesEverywhere_andKeepsOtherMethods() {
    RedisStore store = store();
    RedisStore other = store();
    for (int i = 0; i < 1000; i++) {
      store.put(LOAD, b("k" + i), b("v" + i), null);
    }
    store.put(PRICE, b("k0"), b("price"), null);
    long keysBefore = redis.raw().sync().dbsize();
    long generationBefore = generation(store, LOAD);

    store.clear(LOAD);

    // O(1): nothing was deleted; the method's generation moved and its entries are unreachable.
    assertEquals(keysBefore, redis.raw().sync().dbsize(), "no key was deleted");
    assertTrue(generation(store, LOAD) > generationBefore);
    for (int i = 0; i < 1000; i++) {
      assertNull(other.get(LOAD, b("k" + i)));
    }
    assertArrayEquals(b("price"), other.get(PRICE, b("k0")));
    store.put(LOAD, b("k0"), b("after"), null);
    assertArrayEquals(b("after"), other.get(LOAD, b("k0")));
  }

  @Test
  void evictedGeneration_neverResurrectsClearedEntries() {
    RedisStore store = store();
    store.put(LOAD, b("k"), b("before the clear"), null);
    store.clear(LOAD);
    store.put(LOAD, b("k"), b("after the clear"), null);

    // maxmemory under allkeys-lru may evict any key, generations included.
    redis.raw().sync().del(store.methodGenerationKey(LOAD));
    redis.raw().sync().del(b("memocache:gen"));

    assertNull(store.get(LOAD, b("k")), "a lost generation acts as a clear, never an undo");
  }

  @Test
  void clearAll_missesForEveryMethod() {
    RedisStore store = store();
    store.put(LOAD, b("k"), b("v"), null);
    store.put(PRICE, b("k"), b("v"), null);

    store.clearAll();

    assertNull(store.get(LOAD, b("k")));
    assertNull(store.get(PRICE, b("k")));
  }

  @Test
  void putAll_thenGetAll_inBatches_withMissesAndRejectsInPlace() {
    RedisStore store = store();
    java.util.Map<byte[], byte[]> entries = new java.util.LinkedHashMap<>();
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 1200; i++) { // more than one batch of 500
      byte[] key = b("k" + i);
      keys.add(key);
      if (i % 3 != 0) {
        entries.put(key, b("v" + i));
      }
    }
    store.putAll(LOAD, entries, Duration.ofMinutes(5));
    store("another secret, another fleet").put(LOAD, b("k1"), b("theirs"), null);

    List<byte[]> values = store.getAll(LOAD, keys);

    assertEquals(1200, values.size());
    for (int i = 0; i < 1200; i++) {
      if (i % 3 == 0 || i == 1) {
        assertNull(values.get(i), "k" + i);
      } else {
        assertArrayEquals(b("v" + i), values.get(i), "k" + i);
      }
    }
    assertEquals(new MemoStoreStats(799, 401, 0, 1), store.stats(LOAD));
    long pttl = redis.raw().sync().pttl(redis.raw().sync().keys("memocache:{*}:*.*:*").get(0));
    assertTrue(pttl > 0 && pttl <= 300_000, "putAll uses the ttl: " + pttl);
  }

  @Test
  void remove_removesOneEntry() {
    RedisStore store = store();
    store.put(LOAD, b("a"), b("1"), null);
    store.put(LOAD, b("b"), b("2"), null);

    store.remove(LOAD, b("a"));

    assertNull(store.get(LOAD, b("a")));
    assertArrayEquals(b("2"), store.get(LOAD, b("b")));
  }

  @Test
  void clears_reachOtherStoresListeners_butNotTheClearingOne() throws InterruptedException {
    RedisStore clearing = store();
    RedisStore listening = store();
    BlockingQueue<String> heardByClearing = new LinkedBlockingQueue<>();
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    clearing.addInvalidationListener(recorder(heardByClearing));
    listening.addInvalidationListener(recorder(heard));

    clearing.remove(LOAD, b("k"));
    clearing.clear(PRICE);
    clearing.clearAll();

    assertEquals("removed " + LOAD + " k", heard.poll(5, TimeUnit.SECONDS));
    assertEquals("cleared " + PRICE, heard.poll(5, TimeUnit.SECONDS));
    assertEquals("clearedAll", heard.poll(5, TimeUnit.SECONDS));
    assertEquals(3, listening.messagesReceived());
    assertTrue(heardByClearing.isEmpty(), "a store ignores its own messages: " + heardByClearing);
  }

  @Test
  void lease_onAColdKey_letsTheCallerCompute_andAHotKeyReturnsTheValue() {
    RedisStore store = store();
    try (Lease lease = store.lease(LOAD, b("cold"))) {
      assertNull(lease.value());
      store.put(LOAD, b("cold"), b("computed"), null);
    }
    try (Lease lease = store.lease(LOAD, b("cold"))) {
      assertArrayEquals(b("computed"), lease.value());
    }
  }

  @Test
  void lease_heldElsewhere_waitsForTheValue() throws Exception {
    RedisStore holder = store();
    RedisStore waiter = store();
    Lease held = holder.lease(LOAD, b("k"));
    assertNull(held.value());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<byte[]> waited =
          pool.submit(
              () -> {
                try (Lease lease = waiter.lease(LOAD, b("k"))) {
                  return lease.value();
                }
              });
      Thread.sleep(300);
      assertTrue(!waited.isDone(), "the waiter waits while the lease is held");
      holder.put(LOAD, b("k"), b("from the holder"), null);
      held.close();
      assertArrayEquals(b("from the holder"), waited.get(5, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void lease_releasedWithoutAValue_handsTheKeyToOneWaiter() throws Exception {
    RedisStore holder = store();
    Lease held = holder.lease(LOAD, b("k"));
    int waiters = 4;
    ExecutorService pool = Executors.newFixedThreadPool(waiters);
    AtomicInteger computed = new AtomicInteger();
    CountDownLatch asked = new CountDownLatch(waiters);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < waiters; i++) {
        RedisStore store = store();
        calls.add(
            pool.submit(
                () -> {
                  asked.countDown();
                  try (Lease lease = store.lease(LOAD, b("k"))) {
                    if (lease.value() == null) {
                      computed.incrementAndGet();
                      Thread.sleep(200);
                      store.put(LOAD, b("k"), b("v"), null);
                    }
                  }
                  return null;
                }));
      }
      asked.await(5, TimeUnit.SECONDS);
      Thread.sleep(200);
      held.close(); // the holder failed: no value
      for (Future<?> call : calls) {
        call.get(10, TimeUnit.SECONDS);
      }
      assertEquals(1, computed.get(), "exactly one waiter took the key over");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void leaseWait_bounded_thenTheCallerComputes() {
    RedisStore holder = store();
    RedisStore impatient =
        RedisStore.builder(redis.uri(), SECRET).leaseWait(Duration.ofMillis(300)).connect();
    stores.add(impatient);
    try (Lease held = holder.lease(LOAD, b("k"))) {
      assertNull(held.value());
      long start = System.nanoTime();
      Lease lease = impatient.lease(LOAD, b("k"));
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;
      assertNull(lease.value());
      assertTrue(waitedMillis >= 300, "waited " + waitedMillis + " ms");
      assertTrue(waitedMillis < 10_000, "waited " + waitedMillis + " ms, not the default 30 s");
    }
  }

  /** The least-privilege user the README documents is enough for every operation. */
  @Test
  void aclUserWithOnlyTheDocumentedCommands_canDoEverything() throws InterruptedException {
    redis
        .raw()
        .sync()
        .dispatch(
            io.lettuce.core.protocol.CommandType.ACL,
            new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.ByteArrayCodec.INSTANCE),
            new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.ByteArrayCodec.INSTANCE)
                .add("SETUSER")
                .add("memocache")
                .add("reset")
                .add("on")
                .add(">fleet-password")
                .add("resetchannels")
                .add("~memocache:*")
                .add("&memocache:*")
                .add("+@connection")
                .add("+select")
                .add("+evalsha")
                .add("+eval")
                .add("+get")
                .add("+mget")
                .add("+set")
                .add("+del")
                .add("+publish")
                .add("+pexpire")
                .add("+time")
                .add("+subscribe"));
    String uri = "redis://memocache:fleet-password@127.0.0.1:" + redis.port;
    RedisStore store = RedisStore.connect(uri, SECRET);
    stores.add(store);
    RedisStore other = RedisStore.connect(uri, SECRET);
    stores.add(other);
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    other.addInvalidationListener(recorder(heard));

    try (Lease lease = store.lease(LOAD, b("k"))) {
      assertNull(lease.value());
      store.put(LOAD, b("k"), b("v"), Duration.ofMinutes(1));
    }
    store.putAll(LOAD, java.util.Map.of(b("k2"), b("v2")), null);
    assertArrayEquals(b("v"), other.get(LOAD, b("k")));
    assertArrayEquals(b("v2"), other.getAll(LOAD, List.of(b("k2"))).get(0));
    store.remove(LOAD, b("k"));
    store.clear(LOAD);
    store.clearAll();

    assertEquals("removed " + LOAD + " k", heard.poll(5, TimeUnit.SECONDS));
    assertEquals("cleared " + LOAD, heard.poll(5, TimeUnit.SECONDS));
    assertEquals("clearedAll", heard.poll(5, TimeUnit.SECONDS));
    assertEquals(MemoStoreStats.ZERO.errors(), store.stats(LOAD).errors(), "no command refused");
    assertEquals(0, other.stats(LOAD).errors(), "no command refused");
  }

  @Test
  void missingOrEmptySecret_isAnErrorNamingBothSettings() {
    for (String secret : new String[] {null, ""}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> RedisStore.connect(redis.uri(), secret));
      assertTrue(e.getMessage().contains("memocache.secret"), e.getMessage());
      assertTrue(e.getMessage().contains("MEMOCACHE_SECRET"), e.getMessage());
    }
  }

  @Test
  void badUri_isAnErrorThatHidesThePassword() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RedisStore.connect("redis://user:hunter2@host:notaport", SECRET));
    assertTrue(!e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void provider_opensRedisUris_throughTheServiceLoader() {
    MemoStoreProvider provider = null;
    for (MemoStoreProvider candidate : ServiceLoader.load(MemoStoreProvider.class)) {
      if (candidate.supports(URI.create(redis.uri()))) {
        provider = candidate;
      }
    }
    assertNotNull(provider, "memocache-redis registers a provider for redis://");
    assertTrue(provider.supports(URI.create("rediss://cache.internal:6380/2")));
    assertTrue(!provider.supports(URI.create("file:/tmp/x")));
    MemoStoreProvider found = provider;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> found.open(URI.create(redis.uri()), null));
    assertTrue(e.getMessage().contains("MEMOCACHE_SECRET"), e.getMessage());

    try (MemoStore store = provider.open(URI.create(redis.uri() + "/3"), SECRET)) {
      RedisStore redisStore = assertInstanceOf(RedisStore.class, store);
      redisStore.put(LOAD, b("k"), b("in db 3"), null);
      assertArrayEquals(b("in db 3"), redisStore.get(LOAD, b("k")));
      assertEquals(0L, redis.raw().sync().dbsize(), "database 3, not 0");
    }
  }

  @Test
  void closedStore_missesAndDoesNothing() {
    RedisStore store = store();
    store.put(LOAD, b("k"), b("v"), null);
    store.close();
    store.close();

    assertNull(store.get(LOAD, b("k")));
    store.put(LOAD, b("k"), b("w"), null);
    store.clear(LOAD);
    assertNull(store.lease(LOAD, b("k")).value());
  }

  /** Prints how long a clear takes to reach another JVM's listener; not asserted (see JMH). */
  @Test
  void clearPropagationLatency_toAnotherStoresListener() throws InterruptedException {
    RedisStore clearing = store();
    RedisStore listening = store();
    BlockingQueue<Long> heardAt = new LinkedBlockingQueue<>();
    listening.addInvalidationListener(
        new InvalidationListener() {
          @Override
          public void removed(String methodId, byte[] key) {}

          @Override
          public void cleared(String methodId) {
            heardAt.add(System.nanoTime());
          }

          @Override
          public void clearedAll() {}
        });
    int rounds = 200;
    long[] micros = new long[rounds];
    for (int i = 0; i < rounds + 20; i++) { // the first 20 warm up
      long start = System.nanoTime();
      clearing.clear(LOAD);
      Long heard = heardAt.poll(5, TimeUnit.SECONDS);
      assertNotNull(heard, "clear " + i + " reached the other store");
      if (i >= 20) {
        micros[i - 20] = (heard - start) / 1000;
      }
    }
    Arrays.sort(micros);
    System.out.printf(
        "clear propagation to another store's listener over %d clears: p50 %d us, p99 %d us,"
            + " max %d us%n",
        rounds, micros[rounds / 2], micros[rounds * 99 / 100], micros[rounds - 1]);
  }

  private static long generation(RedisStore store, String methodId) {
    return Long.parseLong(new String(redis.raw().sync().get(store.methodGenerationKey(methodId)), UTF_8));
  }

  private byte[] onlyKey() {
    List<byte[]> keys = redis.raw().sync().keys("memocache:{*}:*.*:*");
    assertEquals(1, keys.size(), "one entry key");
    return keys.get(0);
  }

  private static MemoStoreStats sum(MemoStoreStats a, MemoStoreStats b) {
    return new MemoStoreStats(
        a.hits() + b.hits(),
        a.misses() + b.misses(),
        a.errors() + b.errors(),
        a.rejected() + b.rejected());
  }

  static InvalidationListener recorder(BlockingQueue<String> heard) {
    return new InvalidationListener() {
      @Override
      public void removed(String methodId, byte[] key) {
        heard.add("removed " + methodId + " " + new String(key, UTF_8));
      }

      @Override
      public void cleared(String methodId) {
        heard.add("cleared " + methodId);
      }

      @Override
      public void clearedAll() {
        heard.add("clearedAll");
      }
    };
  }
}
