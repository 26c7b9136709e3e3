package io.memocache.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.memocache.runtime.MemoStore.Lease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM of a test fleet, started by {@link FleetSingleFlightTest} with the test class path. It uses
 * a {@link RedisStore} exactly as a persisted method does on a double miss: lease, then use the
 * value or compute, put and close.
 *
 * <p>Arguments: {@code flight <uri> <secret> <jvms> <threads>}: wait until {@code jvms} children
 * are ready, then lease one cold key from {@code threads} threads, computing it (500 ms, counted by
 * INCR on {@code test:computed}) when the lease says so; prints one {@code GOT <value>} line per
 * thread. {@code hold <uri> <secret> <leaseMillis>}: take the key's lease, print {@code LEASED} and
 * compute forever (the test kills this JVM).
 */
public final class FleetChild {
  static final String METHOD = "com.example.Report#build(java.lang.String)@77aa";
  static final byte[] KEY = "q3-2026".getBytes(UTF_8);

  private FleetChild() {}

  public static void main(String[] args) throws Exception {
    String uri = args[1];
    String secret = args[2];
    RedisClient rawClient = RedisClient.create(uri);
    try (StatefulRedisConnection<String, String> raw = rawClient.connect()) {
      if (args[0].equals("hold")) {
        RedisStore store =
            RedisStore.builder(uri, secret)
                .timeout(Duration.ofSeconds(5))
                .leaseTime(Duration.ofMillis(Long.parseLong(args[3])))
                .connect();
        Lease lease = store.lease(METHOD, KEY);
        System.out.println(lease.value() == null ? "LEASED" : "VALUE");
        System.out.flush();
        Thread.sleep(120_000);
        return;
      }
      int jvms = Integer.parseInt(args[3]);
      int threads = Integer.parseInt(args[4]);
      // A generous command timeout: this run is about single flight, not about a loaded machine's
      // slow commands (which would, rightly, let a thread compute without the lease).
      try (RedisStore store =
          RedisStore.builder(uri, secret).timeout(Duration.ofSeconds(5)).connect()) {
        raw.sync().incr("test:ready");
        long giveUp = System.nanoTime() + 30_000_000_000L;
        while (Long.parseLong(raw.sync().get("test:ready")) < jvms) {
          if (System.nanoTime() > giveUp) {
            throw new IllegalStateException("the other JVMs never became ready");
          }
          Thread.sleep(5);
        }
        List<Thread> started = new ArrayList<>();
        String[] got = new String[threads];
        for (int i = 0; i < threads; i++) {
          int index = i;
          Thread thread =
              new Thread(
                  () -> {
                    try (Lease lease = store.lease(METHOD, KEY)) {
                      byte[] value = lease.value();
                      if (value == null) {
                        Thread.sleep(500);
                        raw.sync().incr("test:computed");
                        value = ("computed by " + ProcessHandle.current().pid()).getBytes(UTF_8);
                        store.put(METHOD, KEY, value, null);
                      }
                      got[index] = new String(value, UTF_8);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
          thread.start();
          started.add(thread);
        }
        for (Thread thread : started) {
          thread.join();
        }
        for (String value : got) {
          System.out.println("GOT " + value);
        }
        System.out.println("STATS " + store.stats(METHOD));
      }
    } finally {
      rawClient.shutdown();
    }
  }
}
