package io.memocache.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.memocache.redis.RedisStore;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.embedded.RedisServer;

/**
 * A Redis store hit (the bytes of a 1,000-row page, 20.9 KB) against one raw Lettuce GET of
 * the same stored bytes from the same server: the difference is what the store adds, its Lua
 * script resolving the generations and the HMAC check of the entry. Both go over loopback to a
 * redis-server this benchmark starts, so most of either figure is the round trip.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedisStoreBenchmark {
  private static final String METHOD = "io.memocache.benchmarks.Pages#page(int)@bench";
  private static final byte[] KEY = {0, 0, 0, 7};

  private RedisServer server;
  private RedisStore store;
  private RedisClient rawClient;
  private StatefulRedisConnection<byte[], byte[]> raw;
  private byte[] entryKey;

  @Setup
  public void start() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    server =
        RedisServer.newRedisServer()
            .port(port)
            .bind("127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .build();
    server.start();
    String uri = "redis://127.0.0.1:" + port;
    rawClient = RedisClient.create(uri);
    raw = connectWhenUp(rawClient);
    store = RedisStore.connect(uri, "a benchmark secret, 16+ bytes");
    store.put(METHOD, KEY, page(), null);
    List<byte[]> keys = raw.sync().keys("memocache:{*}:*.*:*");
    entryKey = keys.get(0);
    if (store.get(METHOD, KEY) == null || raw.sync().get(entryKey) == null) {
      throw new IllegalStateException("the page is not stored");
    }
  }

  /** The server may log "ready" a moment before it accepts connections. */
  private static StatefulRedisConnection<byte[], byte[]> connectWhenUp(RedisClient client) {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return client.connect(ByteArrayCodec.INSTANCE);
      } catch (RuntimeException notYet) {
        if (System.nanoTime() > giveUp) {
          throw notYet;
        }
        Thread.onSpinWait();
      }
    }
  }

  @TearDown
  public void stop() throws IOException {
    raw.close();
    rawClient.shutdown();
    store.close();
    server.stop();
  }

  /** The store's hit: one script round trip, then HMAC verification and the value's copy. */
  @Benchmark
  public byte[] storeGet() {
    return store.get(METHOD, KEY);
  }

  /** The floor: one GET of the same bytes on a raw Lettuce connection. */
  @Benchmark
  public byte[] rawGet() {
    return raw.sync().get(entryKey);
  }

  /** A page of 1,000 rows (id, name, price) as a serializer would write it. */
  private static byte[] page() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(1000);
      for (int i = 0; i < 1000; i++) {
        out.writeInt(i);
        out.writeUTF("row-" + i);
        out.writeDouble(i * 0.5);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
