package io.memocache.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.memocache.runtime.MemoStore.Lease;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis down, killed or slow never fails a call (SPEC §10): each call returns within the store's
 * timeout, and the store comes back by itself. The time bound asserted per call is twenty times the
 * timeout (the build machine may be loaded): it tells "bounded by the timeout" from "hangs" (a
 * Lettuce command left to its defaults waits 60 s), not how fast anything is.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisOutageTest {
  static final String SECRET = "an outage-proof secret";
  static final String METHOD = "com.example.Rates#today(java.lang.String)@0a0b";
  static final Duration TIMEOUT = Duration.ofMillis(250);
  static final long BOUND_MILLIS = 20 * TIMEOUT.toMillis();

  static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void redisStoppedMidRun_callsReturnWithinTheTimeout_andTheStoreComesBackAfterARestart()
      throws Exception {
    try (TestRedis redis = TestRedis.start();
        RedisStore store = RedisStore.builder(redis.uri(), SECRET).timeout(TIMEOUT).connect()) {
      BlockingQueue<String> heard = new LinkedBlockingQueue<>();
      store.addInvalidationListener(RedisStoreTest.recorder(heard));
      store.put(METHOD, b("eur"), b("1.08"), null);
      assertArrayEquals(b("1.08"), store.get(METHOD, b("eur")));

      redis.stopServer();

      assertNull(within(() -> store.get(METHOD, b("eur"))));
      within(() -> { store.put(METHOD, b("usd"), b("1.00"), null); return null; });
      within(() -> { store.remove(METHOD, b("usd")); return null; });
      within(() -> { store.clear(METHOD); return null; });
      within(() -> { store.clearAll(); return null; });
      Lease lease = within(() -> store.lease(METHOD, b("eur")));
      assertNull(lease.value(), "with Redis down, the caller computes");
      lease.close();
      assertTrue(store.stats(METHOD).errors() >= 5, store.stats(METHOD).toString());

      redis.startServer();

      assertTrue(
          eventually(
              () -> {
                store.put(METHOD, b("eur"), b("1.09"), null);
                return store.get(METHOD, b("eur")) != null;
              }),
          "the store reconnected by itself");
      assertArrayEquals(b("1.09"), store.get(METHOD, b("eur")));
      assertEquals(
          "clearedAll",
          heard.poll(10, TimeUnit.SECONDS),
          "after reconnecting, the in-process tier drops what clears it may have missed");
    }
  }

  @Test
  void redisBusy_aReadMissesWithinTheTimeout() throws Exception {
    try (TestRedis redis = TestRedis.start();
        RedisStore store = RedisStore.builder(redis.uri(), SECRET).timeout(TIMEOUT).connect()) {
      store.put(METHOD, b("eur"), b("1.08"), null);
      RedisClient blockerClient = RedisClient.create(redis.uri());
      try (StatefulRedisConnection<String, String> blocker = blockerClient.connect()) {
        // DEBUG SLEEP 3: the server does nothing else for 3 s.
        blocker
            .async()
            .dispatch(
                CommandType.DEBUG,
                new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("SLEEP").add(3));

        Thread.sleep(100);
        long start = System.nanoTime();
        assertNull(store.get(METHOD, b("eur")), "a slow Redis is a miss");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < BOUND_MILLIS, "returned after " + millis + " ms");
        assertEquals(1, store.stats(METHOD).errors());
      } finally {
        blockerClient.shutdown();
      }
    }
  }

  @Test
  void timeoutInTheUri_setsTheCommandTimeout_forStoresNamedByMemocacheStore() throws Exception {
    try (TestRedis redis = TestRedis.start();
        RedisStore patient = RedisStore.connect(redis.uri() + "?timeout=10s", SECRET);
        RedisStore hasty = RedisStore.connect(redis.uri(), SECRET)) {
      patient.put(METHOD, b("eur"), b("1.08"), null);

      sleepServer(redis, 1);
      assertArrayEquals(b("1.08"), patient.get(METHOD, b("eur")), "waited out a 1 s stall");
      sleepServer(redis, 1);
      assertNull(hasty.get(METHOD, b("eur")), "the default timeout is 250 ms");
      assertThrows(
          IllegalArgumentException.class,
          () -> RedisStore.connect(redis.uri() + "?timeout=0s", SECRET));
    }
  }

  /** Makes the server do nothing else for a while (DEBUG SLEEP), from another connection. */
  private static void sleepServer(TestRedis redis, int seconds) throws InterruptedException {
    redis
        .raw()
        .async()
        .dispatch(
            CommandType.DEBUG,
            new StatusOutput<>(ByteArrayCodec.INSTANCE),
            new CommandArgs<>(ByteArrayCodec.INSTANCE).add("SLEEP").add(seconds));
    Thread.sleep(100);
  }

  @Test
  void redisDownAtStartup_theStoreOpensEmpty_andConnectsWhenRedisComesUp() throws Exception {
    try (TestRedis redis = TestRedis.notStarted()) {
      RedisStore store = RedisStore.connect(redis.uri(), SECRET); // opens although nothing listens
      try {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        store.addInvalidationListener(RedisStoreTest.recorder(heard));
        assertNull(within(() -> store.get(METHOD, b("eur"))));
        assertNull(within(() -> store.lease(METHOD, b("eur"))).value());

        redis.startServer();

        assertTrue(
            eventually(
                () -> {
                  store.put(METHOD, b("eur"), b("1.10"), null);
                  return store.get(METHOD, b("eur")) != null;
                }),
            "the store connected in the background");
        assertEquals("clearedAll", heard.poll(10, TimeUnit.SECONDS));
      } finally {
        store.close();
      }
    }
  }

  private static <T> T within(Supplier<T> call) {
    long start = System.nanoTime();
    T result = call.get();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < BOUND_MILLIS, "the call returned after " + millis + " ms");
    return result;
  }

  private static boolean eventually(Supplier<Boolean> condition) throws InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < giveUp) {
      if (condition.get()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
