package io.memocache.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.memocache.redis.RedisStore;
import io.memocache.runtime.CacheStats;
import io.memocache.runtime.MemoCaches;
import io.memocache.runtime.MemoStores;
import io.memocache.runtime.internal.store.StoredValues;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.cache.Cache;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.GenericJackson2JsonRedisSerializer;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;
import redis.embedded.RedisServer;

/**
 * A Redis store hit: a {@code @Memo(persist = true)} call whose in-process tier misses and whose
 * value comes from a {@link RedisStore}, against the physical limit (one raw Lettuce GET of the
 * same stored entry plus memocache's own deserialization of its value) and against Spring Data
 * Redis's {@code RedisCacheManager} with its JDK and its JSON serializer, all on one redis-server
 * this benchmark starts on a loopback port, all through Lettuce. Values: a {@code List} of 1,000
 * records ({@code page}) and of 100,000 ({@code records}), built as {@link StoreService} builds
 * them.
 *
 * <p>Every setup check fails the run before measuring if a benchmark would measure something else:
 * each memocache call is counted as a store hit, and every peer returns a value equal to the one
 * memocache returns.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedisStoreBenchmark {
  private static final String SECRET = "a benchmark secret, 16+ bytes";
  private static final int MAC_LENGTH = 32; // SignedEntry: the HMAC-SHA256 ends every entry.
  private static final Integer SPRING_KEY = 1;

  /** page: a List of 1,000 records; records: a List of 100,000 records. */
  @Param({"page", "records"})
  public String shape;

  private final StoreService memocache = new StoreService_Cached();
  private RedisServer server;
  private RedisStore store;
  private RedisClient rawClient;
  private StatefulRedisConnection<byte[], byte[]> raw;
  private AnnotationConfigApplicationContext spring;
  private Cache springJdk;
  private Cache springJson;
  private SpringRedisService springService;
  private List<Data.Row> original;
  private String methodId;
  private byte[] storeKey;
  private byte[] entryKey;
  private int valueStart;
  private int seed = 1;

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

    // The default timeout (250 ms) on a loaded 2-core machine can turn a 2.4 MB read into a miss,
    // and the benchmark would measure a computation; stop() reports any that still happened.
    store = RedisStore.builder(uri, SECRET).timeout(Duration.ofSeconds(5)).connect();
    awaitConnected(store);
    MemoStores.use(store);
    call(1);
    call(2);
    long before = storeHits();
    for (int i = 0; i < 4; i++) {
      call(1 + i % 2);
    }
    if (storeHits() - before != 4) {
      throw new IllegalStateException("memocache: not every call was a store hit");
    }
    original = call(1);
    Checks.check(original.equals(StoreService.rows(rows(), 1)), "memocache's store hit");
    findEntry();
    Checks.check(original.equals(limit()), "the raw GET and deserialization");
    Checks.check(original.equals(StoredValues.deserialize(storeGet(), loader())), "store.get");

    spring = new AnnotationConfigApplicationContext();
    spring.registerBean(RedisStandaloneConfiguration.class, "127.0.0.1", port);
    spring.register(SpringRedis.class);
    spring.refresh();
    RedisCacheManager manager = spring.getBean(RedisCacheManager.class);
    springJdk = manager.getCache(SpringRedis.JDK);
    springJson = manager.getCache(SpringRedis.JSON);
    springJdk.put(SPRING_KEY, original);
    springJson.put(SPRING_KEY, original);
    Checks.check(original.equals(springJdkGet()), "Spring's RedisCache with the JDK serializer");
    Checks.check(original.equals(springJsonGet()), "Spring's RedisCache with the JSON serializer");
    springService = spring.getBean(SpringRedisService.class);
    for (int i = 0; i < 2; i++) {
      Checks.check(original.equals(springJdkCacheable()), "@Cacheable with the JDK serializer");
      Checks.check(original.equals(springJsonCacheable()), "@Cacheable with the JSON serializer");
    }
    if (springService.computations() != 2) {
      throw new IllegalStateException("@Cacheable: a call after the first was not a hit");
    }
    report();
  }

  private int rows() {
    return shape.equals("page") ? StoreService.PAGE_ROWS : Data.ROWS;
  }

  private List<Data.Row> call(int key) {
    return shape.equals("page") ? memocache.page(key) : memocache.records(key);
  }

  private static ClassLoader loader() {
    return StoreService.class.getClassLoader();
  }

  private long storeHits() {
    return storeStats(CacheStats::storeHits);
  }

  private static long storeStats(ToLongFunction<CacheStats> counter) {
    return MemoCaches.stats().stream()
        .filter(stats -> stats.className().equals("StoreService"))
        .mapToLong(counter)
        .sum();
  }

  /**
   * Finds the Redis key of the entry memocache stored for seed 1, and where its value starts: the
   * value's bytes end where the entry's HMAC begins.
   */
  private void findEntry() {
    byte[] value = StoredValues.serialize(original);
    for (byte[] key : raw.sync().keys("memocache:{*}:*.*:*")) {
      byte[] entry = raw.sync().get(key);
      int end = entry.length - MAC_LENGTH;
      int start = end - value.length;
      if (start > 0 && Arrays.equals(entry, start, end, value, 0, value.length)) {
        entryKey = key;
        valueStart = start;
        // The method id and key bytes sit in the entry too; storeGet asks the store by them.
        int idLength = readInt(entry, 13);
        methodId = new String(entry, 17, idLength, StandardCharsets.UTF_8);
        int keyLength = readInt(entry, 17 + idLength);
        storeKey = Arrays.copyOfRange(entry, 21 + idLength, 21 + idLength + keyLength);
        return;
      }
    }
    throw new IllegalStateException("memocache's Redis entry of seed 1 is not in Redis");
  }

  private static int readInt(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) << 24
        | (bytes[at + 1] & 0xFF) << 16
        | (bytes[at + 2] & 0xFF) << 8
        | (bytes[at + 3] & 0xFF);
  }

  /** Prints the sizes of what each side keeps in Redis. */
  private void report() {
    System.out.printf(
        "%n[redis sizes] %s: memocache entry %,d bytes; Spring JDK serializer %,d bytes;"
            + " Spring JSON serializer %,d bytes%n",
        shape,
        raw.sync().strlen(entryKey),
        raw.sync().strlen(bytes(SpringRedis.JDK + "::" + SPRING_KEY)),
        raw.sync().strlen(bytes(SpringRedis.JSON + "::" + SPRING_KEY)));
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

  /**
   * A store whose first connection attempt failed (a loaded machine) retries every second in the
   * background: waits until it answers, or fails the run.
   */
  private static void awaitConnected(RedisStore store) {
    byte[] probe = {1};
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (store.get("probe", probe) == null) {
      if (System.nanoTime() > giveUp) {
        throw new IllegalStateException("the Redis store did not connect within 30 s");
      }
      store.put("probe", probe, probe, null);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @TearDown
  public void stop() throws IOException {
    // Two computations filled the store; any other call that computed was not a store hit.
    long computed = storeStats(CacheStats::computations) - 2;
    if (computed > 0) {
      System.out.printf(
          "%n[redis] %,d calls computed instead of hitting the store (Redis too slow?)%n", computed);
    }
    MemoStores.use(MemoStores.none());
    spring.close();
    raw.close();
    rawClient.shutdown();
    store.close();
    server.stop();
  }

  private int nextSeed() {
    seed = 3 - seed; // 2, 1, 2...: the key asked for is never the one in the in-process tier
    return seed;
  }

  /**
   * memocache: in-process miss, Redis store hit (one script round trip, HMAC check, Kryo read),
   * stored in-process and copied out.
   */
  @Benchmark
  public Object memocacheStoreHit() {
    return call(nextSeed());
  }

  /**
   * The physical limit: one raw Lettuce GET of the same stored entry, and memocache's own
   * deserialization of the value in it (after copying it out, as any byte[]-based reader must).
   */
  @Benchmark
  public Object limit() {
    byte[] entry = raw.sync().get(entryKey);
    return StoredValues.deserialize(
        Arrays.copyOfRange(entry, valueStart, entry.length - MAC_LENGTH), loader());
  }

  /** The round trip alone: one raw GET of the stored entry's bytes, nothing deserialized. */
  @Benchmark
  public byte[] rawGet() {
    return raw.sync().get(entryKey);
  }

  /**
   * The store alone: {@link RedisStore#get} (its script resolving the generations, the HMAC check,
   * the value's copy), nothing deserialized.
   */
  @Benchmark
  public byte[] storeGet() {
    return store.get(methodId, storeKey);
  }

  /** Spring Data Redis's RedisCache with JdkSerializationRedisSerializer: {@code Cache.get}. */
  @Benchmark
  public Object springJdkGet() {
    return springJdk.get(SPRING_KEY).get();
  }

  /** Spring Data Redis's RedisCache with GenericJackson2JsonRedisSerializer: {@code Cache.get}. */
  @Benchmark
  public Object springJsonGet() {
    return springJson.get(SPRING_KEY).get();
  }

  /** The JDK-serializer cache through a real {@code @Cacheable} proxy. */
  @Benchmark
  public Object springJdkCacheable() {
    return springService.jdk(rows(), 1);
  }

  /** The JSON-serializer cache through a real {@code @Cacheable} proxy. */
  @Benchmark
  public Object springJsonCacheable() {
    return springService.json(rows(), 1);
  }

  /**
   * Spring Data Redis as its reference documentation configures it: a Lettuce connection factory
   * and a RedisCacheManager, one cache per serializer.
   */
  @Configuration
  @EnableCaching
  static class SpringRedis {
    static final String JDK = "jdk";
    static final String JSON = "json";

    @Bean
    LettuceConnectionFactory connectionFactory(RedisStandaloneConfiguration server) {
      return new LettuceConnectionFactory(server);
    }

    @Bean
    RedisCacheManager cacheManager(LettuceConnectionFactory connections) {
      return RedisCacheManager.builder(connections)
          .withCacheConfiguration(
              JDK, cache(new JdkSerializationRedisSerializer(SpringRedis.class.getClassLoader())))
          .withCacheConfiguration(JSON, cache(new GenericJackson2JsonRedisSerializer()))
          .build();
    }

    private static RedisCacheConfiguration cache(RedisSerializer<Object> values) {
      return RedisCacheConfiguration.defaultCacheConfig()
          .serializeValuesWith(SerializationPair.fromSerializer(values));
    }

    @Bean
    SpringRedisService service() {
      return new SpringRedisService();
    }
  }

  /** The persisted methods the Spring way, called through a real Spring proxy. */
  public static class SpringRedisService {
    private final AtomicInteger computations = new AtomicInteger();

    /** How many calls computed; a method, so that the proxy asks the service behind it. */
    public int computations() {
      return computations.get();
    }

    @Cacheable(SpringRedis.JDK)
    public List<Data.Row> jdk(int rows, int seed) {
      computations.incrementAndGet();
      return StoreService.rows(rows, seed);
    }

    @Cacheable(SpringRedis.JSON)
    public List<Data.Row> json(int rows, int seed) {
      computations.incrementAndGet();
      return StoreService.rows(rows, seed);
    }
  }
}
