package io.memocache.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.memocache.runtime.MemoStore;
import io.memocache.runtime.MemoStoreStats;
import io.memocache.runtime.internal.store.RateLimitedLog;
import io.memocache.runtime.internal.store.SignedEntry;
import io.memocache.runtime.internal.store.SignedEntry.Opened;
import io.memocache.runtime.internal.store.SignedEntry.Signer;
import io.memocache.runtime.internal.store.StoreCounters;
import io.memocache.runtime.internal.store.StoreCounters.Counters;
import io.memocache.runtime.internal.store.StoreSecret;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/*
 * Design note.
 *
 * Keys. Everything lives under one namespace (default "memocache"), named by hex digests only, so
 * nothing a user controls is ever spliced into a key and every key has the same number of parts:
 *
 *   <ns>:gen                          the global generation (moved by clearAll)
 *   <ns>:{<m>}:gen                    the generation of one method (moved by clear)
 *   <ns>:{<m>}:<g>.<mg>:<k>           an entry: SignedEntry bytes, PX = the entry's ttl
 *   <ns>:{<m>}:lease:<k>              the fleet single-flight lease of one key, PX = lease time
 *   <ns>:invalidate, <ns>:done        pub/sub channels
 *
 * <m> is 128 bits of SHA-256 of the method id and <k> 128 bits of SHA-256 of the key bytes; <g>
 * and <mg> are the generations when the entry was written. The digests only say where to look:
 * the entry holds the method id and the whole key, signed (SignedEntry), and both are compared on
 * read, so a colliding digest, crafted or not, is a miss and never another key's value. The {<m>}
 * hash tag keeps one method's keys in one cluster slot; the store itself talks to one server (or a
 * proxy), not to a cluster.
 *
 * Clears are O(1). clear(method) moves the method's generation forward, clearAll the global one;
 * every read and write names its entry with the current generations, resolved inside one Lua
 * script in the same round trip as the GET or SET, so when the clear has returned, no reader
 * anywhere finds an older entry. The old entries are not deleted: they are unreachable, and leave
 * Redis by their own PX or, for entries without a ttl, by maxmemory eviction. A clear of a method
 * with a million entries costs one SET instead of a SCAN over the keyspace.
 *
 * A generation is not a counter from zero but the server's clock in microseconds (or one more
 * than the current value, if the clock is behind it). The reason is eviction: under allkeys-lru,
 * Redis may evict a generation key like any other; a counter would then restart at zero and
 * resurrect every entry written before the first clear. A missing generation key is instead set
 * to the server's current time, later than every generation before it (unless the server's clock
 * went back), so an evicted or lost generation acts as one more clear: a few extra misses, never
 * a stale hit.
 *
 * Fleet single flight. lease() runs one script: if the entry exists, return it; else SET the lease
 * key NX PX <lease time> with a random owner token. The owner computes while a scheduled task
 * renews the lease every third of the lease time (compare-and-PEXPIRE, so a lease that lapsed and
 * was taken over is not stolen back); close() deletes it (compare-and-delete) and publishes the
 * lease key on <ns>:done in the same script. Waiters register a future for the lease key before
 * asking, sleep on it until a done message arrives or a poll interval passes (the fallback when a
 * message is lost), and ask again: they then find the value, or, if the owner died or failed, one
 * of them wins the SET NX and computes. A dead owner's lease lapses after at most one lease time,
 * so a waiter takes over within the lease time plus one poll interval. No one waits longer than
 * leaseWait: then the caller computes locally.
 *
 * Fleet clears. clear/remove/clearAll publish <instance id, kind, method id, key> on
 * <ns>:invalidate in the same script as their write. Every store subscribes (on its own pub/sub
 * connection, resubscribed by Lettuce after a reconnect), ignores its own messages, and tells its
 * InvalidationListeners. Pub/sub is at most once: a JVM whose pub/sub connection dropped may have
 * missed clears, so when it comes back the listeners hear clearedAll(). A store that could not
 * connect at all at first retries every second in the background and, on success, also says
 * clearedAll() (its JVM ran without the fleet meanwhile).
 *
 * Failures never reach the caller. Commands run on Lettuce's sync API with a bounded timeout
 * (default 250 ms) and are rejected at once, not queued, while disconnected; any exception is a
 * miss or a no-op, counted per method and logged one line per kind a minute. Lettuce reconnects by
 * itself, with a delay of 100 ms doubling up to 2 s (its default grows to 30 s, too slow to notice
 * a restarted server).
 *
 * Why Lettuce. Netty-based asynchronous I/O with per-command timeouts that do not block a pooled
 * socket, a separate pub/sub connection with automatic resubscription, auto-reconnect with
 * connection events, TLS and ACL users from the URI, thread-safe connections (no pool: one
 * connection multiplexes every thread's commands), Java 8 bytecode, and maintained by Redis.
 */

/**
 * A memo store on Redis, shared by every JVM that uses the same server: a value one JVM computed is
 * a hit for all of them, one JVM computes a cold key while the others wait for it ({@link #lease
 * fleet single flight}), and clears reach every JVM ({@link #addInvalidationListener fleet
 * clears}).
 *
 * <p>Open it with {@link #connect(String, String)}, or name it in the configuration:
 * {@code memocache.store=redis://host:6379/0} ({@code rediss://} for TLS, {@code
 * redis://user:password@host:6379} for an ACL user) with the secret in {@code memocache.secret}
 * / {@code MEMOCACHE_SECRET}. Every JVM of a fleet must use the same secret: entries are signed
 * with HMAC-SHA256 under it, and an entry that does not verify is a miss.
 *
 * <p>A Redis store never fails a call: when Redis is down, slow or full, reads miss, writes do
 * nothing and leases let the caller compute, each within the store's {@linkplain
 * Builder#timeout timeout}; the failures are counted in {@link #stats(String)} and logged under
 * {@code io.memocache.store}, rate-limited. The store reconnects by itself.
 */
public final class RedisStore implements MemoStore {
  /** The command timeout used unless {@link Builder#timeout} says otherwise: 250 ms. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(250);

  /** The lease time used unless {@link Builder#leaseTime} says otherwise: 10 s. */
  public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(10);

  /** The longest lease wait unless {@link Builder#leaseWait} says otherwise: 30 s. */
  public static final Duration DEFAULT_LEASE_WAIT = Duration.ofSeconds(30);

  /** The key namespace used unless {@link Builder#namespace} says otherwise. */
  public static final String DEFAULT_NAMESPACE = "memocache";

  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final HexFormat HEX = HexFormat.of();
  private static final Duration MAX_POLL = Duration.ofMillis(250);
  private static final long RETRY_CONNECT_MILLIS = 1000;
  private static final long MAX_PX = Duration.ofDays(365L * 100).toMillis();

  private static final byte REMOVED = 'r';
  private static final byte CLEARED = 'c';
  private static final byte CLEARED_ALL = 'a';

  // A generation is the Redis server's clock in microseconds when it was set, never an INCR from
  // zero: a generation key that maxmemory evicted, or that a restarted server lost, comes back
  // with a new, larger value (all older entries stay unreachable, as after a clear) instead of
  // going back to a value older entries were written under.
  private static final String GENERATION =
      "local function now()\n"
          + "  local t = redis.call('TIME')\n"
          + "  return t[1] * 1000000 + t[2]\n"
          + "end\n"
          + "local function gen(key)\n"
          + "  local g = redis.call('GET', key)\n"
          + "  if g then return g end\n"
          + "  g = string.format('%.0f', now())\n"
          + "  redis.call('SET', key, g)\n"
          + "  return g\n"
          + "end\n";

  // KEYS[1] global generation, KEYS[2] method generation; ARGV[1] entry key prefix "<ns>:{<m>}:",
  // ARGV[2] key digest. Builds the current entry key; each entry script below starts with it.
  private static final String ENTRY_KEY =
      GENERATION + "local k = ARGV[1] .. gen(KEYS[1]) .. '.' .. gen(KEYS[2]) .. ':' .. ARGV[2]\n";

  private static final Script GET = new Script(ENTRY_KEY + "return redis.call('GET', k)");

  // ARGV[3] value, ARGV[4] expiry in ms or '0'.
  private static final Script PUT =
      new Script(
          ENTRY_KEY
              + "if ARGV[4] == '0' then redis.call('SET', k, ARGV[3])"
              + " else redis.call('SET', k, ARGV[3], 'PX', ARGV[4]) end\n"
              + "return 1");

  // ARGV[3] channel, ARGV[4] message.
  private static final Script REMOVE =
      new Script(
          ENTRY_KEY
              + "redis.call('DEL', k)\n"
              + "redis.call('PUBLISH', ARGV[3], ARGV[4])\n"
              + "return 1");

  // ARGV[1] entry key prefix, ARGV[2..] key digests. The generations are read once for the batch.
  private static final String ENTRY_PREFIX =
      GENERATION + "local p = ARGV[1] .. gen(KEYS[1]) .. '.' .. gen(KEYS[2]) .. ':'\n";

  private static final Script GET_ALL =
      new Script(
          ENTRY_PREFIX
              + "local ks = {}\n"
              + "for i = 2, #ARGV do ks[i - 1] = p .. ARGV[i] end\n"
              + "return redis.call('MGET', unpack(ks))");

  // ARGV[2] expiry in ms or '0', then pairs of key digest and value.
  private static final Script PUT_ALL =
      new Script(
          ENTRY_PREFIX
              + "for i = 3, #ARGV, 2 do\n"
              + "  if ARGV[2] == '0' then redis.call('SET', p .. ARGV[i], ARGV[i + 1])\n"
              + "  else redis.call('SET', p .. ARGV[i], ARGV[i + 1], 'PX', ARGV[2]) end\n"
              + "end\n"
              + "return 1");

  /** Keys per batch script call: Lua's unpack() takes some thousands of values at most. */
  private static final int BATCH = 500;

  private static final Script DELETE = new Script(ENTRY_KEY + "return redis.call('DEL', k)");

  // ARGV[3] lease key, ARGV[4] owner token, ARGV[5] lease time in ms.
  // Returns {0, entry} when the entry exists, {1} when the lease was taken, {2} when it is held.
  private static final Script LEASE =
      new Script(
          ENTRY_KEY
              + "local v = redis.call('GET', k)\n"
              + "if v then return {0, v} end\n"
              + "if redis.call('SET', ARGV[3], ARGV[4], 'NX', 'PX', ARGV[5]) then return {1} end\n"
              + "return {2}");

  // KEYS[1] lease key; ARGV[1] owner token, ARGV[2] lease time in ms.
  private static final Script RENEW =
      new Script(
          "if redis.call('GET', KEYS[1]) == ARGV[1] then"
              + " return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end\n"
              + "return 0");

  // KEYS[1] lease key; ARGV[1] owner token, ARGV[2] done channel.
  private static final Script RELEASE =
      new Script(
          "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end\n"
              + "redis.call('PUBLISH', ARGV[2], KEYS[1])\n"
              + "return 1");

  // KEYS[1] a generation; ARGV[1] channel, ARGV[2] message. Moves the generation to the server's
  // clock, or one past its current value if that is not older.
  private static final Script CLEAR =
      new Script(
          GENERATION
              + "local v = now()\n"
              + "local current = tonumber(redis.call('GET', KEYS[1]) or '0')\n"
              + "if v <= current then v = current + 1 end\n"
              + "redis.call('SET', KEYS[1], string.format('%.0f', v))\n"
              + "redis.call('PUBLISH', ARGV[1], ARGV[2])\n"
              + "return 1");

  private final RedisURI uri;
  private final String display;
  private final Signer signer;
  private final Duration timeout;
  private final long leaseMillis;
  private final Duration leaseWait;
  private final Duration poll;
  private final String namespace;
  private final byte[] globalGeneration;
  private final byte[] invalidateChannel;
  private final byte[] doneChannel;
  private final long instanceId = new SecureRandom().nextLong();
  private final SecureRandom random = new SecureRandom();
  private final ClientResources resources;
  private final RedisClient client;
  private final ScheduledExecutorService scheduler;
  private final StoreCounters counters = new StoreCounters();
  private final RateLimitedLog log = RateLimitedLog.perMinute();
  private final List<InvalidationListener> listeners = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<String, CompletableFuture<Void>> waiters =
      new ConcurrentHashMap<>();
  private final AtomicLong messagesReceived = new AtomicLong();
  private final AtomicBoolean subscriberLost = new AtomicBoolean();
  private final Object connectLock = new Object();

  private volatile StatefulRedisConnection<byte[], byte[]> commands;
  private volatile StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
  private volatile boolean closed;

  private RedisStore(Builder builder, RedisURI uri, Duration timeout, byte[] secret) {
    this.uri = uri;
    this.display = display(uri);
    this.signer = SignedEntry.signer(secret);
    this.timeout = timeout;
    this.leaseMillis = Math.max(1, builder.leaseTime.toMillis());
    this.leaseWait = builder.leaseWait;
    this.poll = min(MAX_POLL, builder.leaseTime.dividedBy(4));
    this.namespace = builder.namespace;
    this.globalGeneration = bytes(namespace + ":gen");
    this.invalidateChannel = bytes(namespace + ":invalidate");
    this.doneChannel = bytes(namespace + ":done");
    uri.setTimeout(timeout);
    this.resources =
        ClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2)
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
            .build();
    this.client = RedisClient.create(resources);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .socketOptions(
                SocketOptions.builder().connectTimeout(max(timeout, Duration.ofSeconds(1))).build())
            .build());
    client.addListener(new ConnectionEvents());
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "memocache-redis-" + display);
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.scheduler = executor;
  }

  /**
   * Connects to the Redis named by {@code uri} with the default settings.
   *
   * @param uri {@code redis://[user:password@]host[:port][/database]}, or {@code rediss://…} for TLS
   * @param secret the HMAC secret every JVM of the fleet shares
   * @return the store; when Redis cannot be reached yet, it works as an empty store and keeps
   *     trying to connect in the background
   * @throws IllegalArgumentException if the secret is missing or empty, or the URI is not a Redis
   *     URI
   */
  public static RedisStore connect(String uri, String secret) {
    return builder(uri, secret).connect();
  }

  /**
   * Starts configuring a store; see {@link #connect(String, String)} for the arguments.
   *
   * @param uri the Redis URI
   * @param secret the HMAC secret every JVM of the fleet shares
   * @return a builder with the default settings
   */
  public static Builder builder(String uri, String secret) {
    return new Builder(uri, secret);
  }

  /** Settings of a {@link RedisStore}. Not thread-safe; {@link #connect()} may be called once. */
  public static final class Builder {
    private final String uri;
    private final String secret;
    /** Null: the URI's {@code timeout} parameter if it has one, else {@link #DEFAULT_TIMEOUT}. */
    private Duration timeout;
    private Duration leaseTime = DEFAULT_LEASE_TIME;
    private Duration leaseWait = DEFAULT_LEASE_WAIT;
    private String namespace = DEFAULT_NAMESPACE;

    private Builder(String uri, String secret) {
      this.uri = Objects.requireNonNull(uri, "uri");
      this.secret = secret;
    }

    /**
     * Sets the longest time one Redis command may take before the call goes on without it. Without
     * this call, the URI's {@code timeout} parameter ({@code redis://host?timeout=2s}, Lettuce's
     * syntax) sets it, else it is {@link #DEFAULT_TIMEOUT}.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive("timeout", timeout);
      return this;
    }

    /**
     * Sets how long a lease outlives its holder: the holder renews it while it computes, so this
     * bounds how long the fleet waits on a JVM that died mid-computation.
     *
     * @param leaseTime positive, at least 30 ms
     * @return this builder
     */
    public Builder leaseTime(Duration leaseTime) {
      positive("leaseTime", leaseTime);
      if (leaseTime.toMillis() < 30) {
        throw new IllegalArgumentException("leaseTime must be at least 30ms: " + leaseTime);
      }
      this.leaseTime = leaseTime;
      return this;
    }

    /**
     * Sets the longest time {@link RedisStore#lease} waits for another JVM's value before the
     * caller computes it locally.
     *
     * @param leaseWait zero or positive
     * @return this builder
     */
    public Builder leaseWait(Duration leaseWait) {
      Objects.requireNonNull(leaseWait, "leaseWait");
      if (leaseWait.isNegative()) {
        throw new IllegalArgumentException("leaseWait must not be negative: " + leaseWait);
      }
      this.leaseWait = leaseWait;
      return this;
    }

    /**
     * Sets the prefix of every key and channel, so several applications can share one Redis
     * database without sharing generations ({@link RedisStore#clearAll()} clears one namespace).
     *
     * @param namespace letters, digits, {@code .}, {@code _} or {@code -}, 1 to 64 of them
     * @return this builder
     */
    public Builder namespace(String namespace) {
      Objects.requireNonNull(namespace, "namespace");
      if (!NAMESPACE.matcher(namespace).matches()) {
        throw new IllegalArgumentException(
            "namespace must be 1 to 64 letters, digits, '.', '_' or '-': '" + namespace + "'");
      }
      this.namespace = namespace;
      return this;
    }

    /**
     * Opens the store and connects it. When Redis cannot be reached, the store still opens: it
     * works as an empty store and connects in the background.
     *
     * @return the store
     * @throws IllegalArgumentException if the secret is missing or empty, or the URI is not a
     *     Redis URI
     */
    public RedisStore connect() {
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException(
            "a Redis memo store needs a secret shared by every JVM of the fleet: set the system"
                + " property "
                + StoreSecret.PROPERTY
                + " or the environment variable "
                + StoreSecret.ENVIRONMENT
                + " (at least 16 random characters)");
      }
      RedisURI parsed;
      String query;
      try {
        URI checked = new URI(uri);
        query = checked.getRawQuery();
        String scheme = checked.getScheme();
        if (!"redis".equalsIgnoreCase(scheme) && !"rediss".equalsIgnoreCase(scheme)) {
          throw new IllegalArgumentException("the scheme must be redis or rediss");
        }
        if (checked.getHost() == null) {
          throw new IllegalArgumentException("no host, or a port that is not a number");
        }
        parsed = RedisURI.create(checked);
      } catch (URISyntaxException | RuntimeException e) {
        throw new IllegalArgumentException(
            "not a Redis URI: '"
                + redacted(uri)
                + "' ("
                + redacted(e.getMessage())
                + "); use redis://[user:password@]host[:port][/database], or rediss://… for TLS",
            null);
      }
      // Lettuce's own default timeout (60 s) would hold calls up for a minute on a dead server:
      // the URI's timeout counts only when it is written there.
      Duration commandTimeout = timeout;
      if (commandTimeout == null) {
        commandTimeout =
            hasParameter(query, "timeout")
                ? positive("the URI's timeout", parsed.getTimeout())
                : DEFAULT_TIMEOUT;
      }
      RedisStore store =
          new RedisStore(this, parsed, commandTimeout, StoreSecret.keyBytes(secret));
      store.connectOrRetry();
      return store;
    }

    private static boolean hasParameter(String query, String name) {
      if (query == null) {
        return false;
      }
      for (String parameter : query.split("&")) {
        int equals = parameter.indexOf('=');
        if ((equals < 0 ? parameter : parameter.substring(0, equals)).equalsIgnoreCase(name)) {
          return true;
        }
      }
      return false;
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }

  @Override
  public byte[] get(String methodId, byte[] key) {
    Counters count = counters.of(methodId);
    Objects.requireNonNull(key, "key");
    Digests d = digests(methodId, key);
    byte[] entry;
    try {
      entry = run(GET, ScriptOutputType.VALUE, d.generations(), d.prefix, d.key);
    } catch (RuntimeException e) {
      failed(count, "read", "cannot read an entry of " + methodId, e);
      count.miss();
      return null;
    }
    return opened(count, methodId, key, entry);
  }

  @Override
  public void put(String methodId, byte[] key, byte[] value, Duration ttl) {
    Counters count = counters.of(methodId);
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
      throw new IllegalArgumentException("ttl must be positive or null: " + ttl);
    }
    long ttlMillis = ttl == null ? 0 : Math.max(1, saturatedMillis(ttl));
    long expiresAt = ttl == null ? 0 : saturatedAdd(System.currentTimeMillis(), ttlMillis);
    long px = ttlMillis > MAX_PX ? 0 : ttlMillis; // Redis refuses expiries near the end of time.
    Digests d = digests(methodId, key);
    try {
      byte[] entry = signer.encode(methodId, key, value, expiresAt);
      run(
          PUT,
          ScriptOutputType.INTEGER,
          d.generations(),
          d.prefix,
          d.key,
          entry,
          bytes(Long.toString(px)));
    } catch (RuntimeException e) {
      failed(count, "write", "cannot write an entry of " + methodId, e);
    }
  }

  /**
   * Returns the values stored for several keys of one method, in one round trip per 500 keys.
   *
   * @param methodId the method's id
   * @param keys the keys' canonical bytes
   * @return a mutable list as long as {@code keys}, with {@code null} for each miss
   */
  @Override
  public List<byte[]> getAll(String methodId, List<byte[]> keys) {
    Counters count = counters.of(methodId);
    List<byte[]> values = new ArrayList<>(keys.size());
    String method = methodDigest(methodId);
    byte[][] generations = {globalGeneration, methodGeneration(method)};
    byte[] prefix = bytes(namespace + ":{" + method + "}:");
    for (int from = 0; from < keys.size(); from += BATCH) {
      List<byte[]> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
      byte[][] args = new byte[batch.size() + 1][];
      args[0] = prefix;
      for (int i = 0; i < batch.size(); i++) {
        args[i + 1] = bytes(keyDigest(Objects.requireNonNull(batch.get(i), "key")));
      }
      List<byte[]> entries;
      try {
        entries = run(GET_ALL, ScriptOutputType.MULTI, generations, args);
      } catch (RuntimeException e) {
        failed(count, "read", "cannot read " + batch.size() + " entries of " + methodId, e);
        for (int i = 0; i < batch.size(); i++) {
          count.miss();
          values.add(null);
        }
        continue;
      }
      for (int i = 0; i < batch.size(); i++) {
        values.add(opened(count, methodId, batch.get(i), entries.get(i)));
      }
    }
    return values;
  }

  /**
   * Stores several entries of one method, in one round trip per 500 entries.
   *
   * @param methodId the method's id
   * @param entries key bytes to value bytes
   * @param ttl how long the entries live, or {@code null} for no expiry
   */
  @Override
  public void putAll(String methodId, Map<byte[], byte[]> entries, Duration ttl) {
    Counters count = counters.of(methodId);
    if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
      throw new IllegalArgumentException("ttl must be positive or null: " + ttl);
    }
    long ttlMillis = ttl == null ? 0 : Math.max(1, saturatedMillis(ttl));
    long expiresAt = ttl == null ? 0 : saturatedAdd(System.currentTimeMillis(), ttlMillis);
    long px = ttlMillis > MAX_PX ? 0 : ttlMillis;
    String method = methodDigest(methodId);
    byte[][] generations = {globalGeneration, methodGeneration(method)};
    entries.forEach(
        (key, value) -> {
          Objects.requireNonNull(key, "key");
          Objects.requireNonNull(value, "value");
        });
    List<byte[]> args = new ArrayList<>();
    try {
      for (Map.Entry<byte[], byte[]> entry : entries.entrySet()) {
        byte[] key = entry.getKey();
        byte[] value = entry.getValue();
        if (args.isEmpty()) {
          args.add(bytes(namespace + ":{" + method + "}:"));
          args.add(bytes(Long.toString(px)));
        }
        args.add(bytes(keyDigest(key)));
        args.add(signer.encode(methodId, key, value, expiresAt));
        if (args.size() >= 2 + 2 * BATCH) {
          run(PUT_ALL, ScriptOutputType.INTEGER, generations, args.toArray(new byte[0][]));
          args.clear();
        }
      }
      if (!args.isEmpty()) {
        run(PUT_ALL, ScriptOutputType.INTEGER, generations, args.toArray(new byte[0][]));
      }
    } catch (RuntimeException e) {
      failed(count, "write", "cannot write " + entries.size() + " entries of " + methodId, e);
    }
  }

  @Override
  public void remove(String methodId, byte[] key) {
    Counters count = counters.of(methodId);
    Objects.requireNonNull(key, "key");
    Digests d = digests(methodId, key);
    try {
      run(
          REMOVE,
          ScriptOutputType.INTEGER,
          d.generations(),
          d.prefix,
          d.key,
          invalidateChannel,
          message(REMOVED, methodId, key));
    } catch (RuntimeException e) {
      failed(count, "remove", "cannot remove an entry of " + methodId, e);
    }
  }

  @Override
  public void discard(String methodId, byte[] key) {
    counters.of(methodId).unusableHit();
    remove(methodId, key);
  }

  @Override
  public void clear(String methodId) {
    Counters count = counters.of(methodId);
    try {
      run(
          CLEAR,
          ScriptOutputType.INTEGER,
          new byte[][] {methodGeneration(methodDigest(methodId))},
          invalidateChannel,
          message(CLEARED, methodId, null));
    } catch (RuntimeException e) {
      failed(count, "clear", "cannot clear the entries of " + methodId, e);
    }
  }

  @Override
  public void clearAll() {
    try {
      run(
          CLEAR,
          ScriptOutputType.INTEGER,
          new byte[][] {globalGeneration},
          invalidateChannel,
          message(CLEARED_ALL, null, null));
    } catch (RuntimeException e) {
      log.log(
          Level.WARNING,
          "clear",
          "memo store " + display + " cannot clear its entries: " + e + "; calls go on",
          null);
    }
  }

  /**
   * Starts the computation of a key that missed everywhere (fleet single flight).
   *
   * <p>This store coordinates the fleet: when no JVM holds the key's lease, this one takes it and
   * the caller computes; when another JVM holds it, this call waits until that JVM has stored the
   * value (returned here), or gave up or died (then one waiter takes the lease over), but never
   * longer than the {@linkplain Builder#leaseWait lease wait}, after which the caller computes
   * without a lease. When Redis fails, the caller computes at once.
   *
   * @param methodId the method's id
   * @param key the key's canonical bytes
   * @return the lease, never {@code null}
   */
  @Override
  public Lease lease(String methodId, byte[] key) {
    Counters count = counters.of(methodId);
    Objects.requireNonNull(key, "key");
    Digests d = digests(methodId, key);
    byte[] leaseKey = bytes(namespace + ":{" + d.methodHex + "}:lease:" + d.keyHex);
    String waitKey = d.methodHex + ":" + d.keyHex;
    long deadline = System.nanoTime() + leaseWait.toNanos();
    while (!closed) {
      CompletableFuture<Void> done = waiters.computeIfAbsent(waitKey, k -> new CompletableFuture<>());
      byte[] owner = token();
      List<Object> answer;
      try {
        answer =
            run(
                LEASE,
                ScriptOutputType.MULTI,
                d.generations(),
                d.prefix,
                d.key,
                leaseKey,
                owner,
                bytes(Long.toString(leaseMillis)));
      } catch (RuntimeException e) {
        failed(count, "lease", "cannot lease a key of " + methodId, e);
        wake(waitKey, done);
        return Lease.COMPUTE;
      }
      long state = (Long) answer.get(0);
      if (state == 0) {
        byte[] value = opened(count, methodId, key, (byte[]) answer.get(1));
        if (value != null) {
          wake(waitKey, done); // Threads of this JVM waiting on the key find the value too.
          return () -> value;
        }
        if (deadline - System.nanoTime() > 0) {
          continue; // A bad entry, now removed: try to take the lease.
        }
        return Lease.COMPUTE;
      }
      if (state == 1) {
        return new HeldLease(leaseKey, owner);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        wake(waitKey, done);
        log.log(
            Level.INFO,
            "lease-wait",
            "memo store "
                + display
                + " waited "
                + leaseWait.toMillis()
                + " ms for another JVM to compute a key of "
                + methodId
                + "; it computes here (raise leaseWait for longer computations)",
            null);
        return Lease.COMPUTE;
      }
      try {
        done.get(Math.min(left, poll.toNanos()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException pollAgain) {
        // A lost message, or a holder that died: ask again.
      } catch (ExecutionException impossible) {
        // Futures here are only completed normally.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Lease.COMPUTE;
      }
    }
    return Lease.COMPUTE;
  }

  /**
   * Removes and completes a wait future that no done message may ever complete, so the map holds
   * only futures of leases that are held; waiters sharing it just ask Redis again.
   */
  private void wake(String waitKey, CompletableFuture<Void> done) {
    if (waiters.remove(waitKey, done)) {
      done.complete(null);
    }
  }

  @Override
  public void addInvalidationListener(InvalidationListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public MemoStoreStats stats(String methodId) {
    return counters.snapshot(methodId);
  }

  /**
   * Disconnects and releases the client's threads. Afterwards reads miss, writes do nothing and
   * leases let the caller compute. Closing twice is harmless; it never throws.
   */
  @Override
  public void close() {
    synchronized (connectLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    scheduler.shutdownNow();
    waiters.values().forEach(f -> f.complete(null));
    try {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    } catch (RuntimeException e) {
      log.log(Level.DEBUG, "close", "memo store " + display + " closed with " + e, null);
    }
  }

  @Override
  public String toString() {
    return "RedisStore[" + display + ", namespace=" + namespace + "]";
  }

  /** The number of invalidation messages from other stores this store received; for tests. */
  long messagesReceived() {
    return messagesReceived.get();
  }

  /** The Redis key holding the entry's current generation of the method; for tests. */
  byte[] methodGenerationKey(String methodId) {
    return methodGeneration(methodDigest(methodId));
  }

  // ---------------------------------------------------------------------------------------------

  private byte[] opened(Counters count, String methodId, byte[] key, byte[] entry) {
    if (entry == null) {
      count.miss();
      return null;
    }
    Opened opened = signer.open(entry, methodId, key, System.currentTimeMillis());
    switch (opened.status()) {
      case VALID:
        count.hit();
        return opened.value();
      case EXPIRED:
        count.miss();
        return null; // Redis drops it by its own PX.
      default:
        count.rejected();
        count.miss();
        log.log(
            Level.WARNING,
            "rejected",
            "memo store "
                + display
                + " rejected and removed a bad entry of "
                + methodId
                + ": tampered, truncated, written under another secret, or for another key;"
                + " the call computes (do all JVMs share one memocache.secret?)",
            null);
        deleteQuietly(methodId, key);
        return null;
    }
  }

  private void deleteQuietly(String methodId, byte[] key) {
    Digests d = digests(methodId, key);
    try {
      // No message: the entry was never usable, so no JVM holds it in-process.
      run(DELETE, ScriptOutputType.INTEGER, d.generations(), d.prefix, d.key);
    } catch (RuntimeException e) {
      // Still a miss; the next read rejects it again.
    }
  }

  final class HeldLease implements Lease {
    private final byte[] leaseKey;
    private final byte[] owner;
    private final ScheduledFuture<?> renewal;
    private final AtomicBoolean released = new AtomicBoolean();

    HeldLease(byte[] leaseKey, byte[] owner) {
      this.leaseKey = leaseKey;
      this.owner = owner;
      long every = Math.max(10, leaseMillis / 3);
      ScheduledFuture<?> scheduled;
      try {
        scheduled = scheduler.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
      } catch (RuntimeException closedMeanwhile) {
        scheduled = null;
      }
      this.renewal = scheduled;
    }

    @Override
    public byte[] value() {
      return null;
    }

    /** The owner token this lease holds; for tests. */
    byte[] owner() {
      return owner.clone();
    }

    private void renew() {
      StatefulRedisConnection<byte[], byte[]> connection = commands;
      if (connection == null || closed) {
        return;
      }
      try {
        // Asynchronous and by script body: the scheduler thread never blocks, and a restarted
        // server without the script cache still runs it.
        connection
            .async()
            .eval(
                RENEW.body,
                ScriptOutputType.INTEGER,
                new byte[][] {leaseKey},
                owner,
                bytes(Long.toString(leaseMillis)));
      } catch (RuntimeException e) {
        // The lease may lapse; another JVM may then compute the key too. Nothing breaks.
      }
    }

    @Override
    public void close() {
      if (!released.compareAndSet(false, true)) {
        return;
      }
      if (renewal != null) {
        renewal.cancel(false);
      }
      try {
        run(RELEASE, ScriptOutputType.INTEGER, new byte[][] {leaseKey}, owner, doneChannel);
      } catch (RuntimeException e) {
        // The lease lapses by itself within the lease time.
        log.log(
            Level.WARNING,
            "release",
            "memo store " + display + " cannot release a lease: " + e + "; it lapses by itself",
            null);
      }
    }
  }

  /** Connects now; when Redis is unreachable, logs it and keeps trying in the background. */
  private void connectOrRetry() {
    if (!tryConnect()) {
      scheduleRetry();
    }
  }

  private void retryConnect() {
    if (tryConnect()) {
      // This JVM ran without the fleet until now and may have missed clears.
      notifyListeners(InvalidationListener::clearedAll);
    } else {
      // Only schedule: calling connectOrRetry here tried again at once, and a server that came up
      // during the failed attempt was then connected to without telling the listeners.
      scheduleRetry();
    }
  }

  private void scheduleRetry() {
    try {
      scheduler.schedule(this::retryConnect, RETRY_CONNECT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RuntimeException closedMeanwhile) {
      // Closed: nothing to retry.
    }
  }

  private boolean tryConnect() {
    synchronized (connectLock) {
      if (closed) {
        return true;
      }
      StatefulRedisConnection<byte[], byte[]> connection = null;
      StatefulRedisPubSubConnection<byte[], byte[]> pubSub = null;
      try {
        connection = client.connect(ByteArrayCodec.INSTANCE, uri);
        pubSub = client.connectPubSub(ByteArrayCodec.INSTANCE, uri);
        pubSub.addListener(new Messages());
        pubSub.sync().subscribe(invalidateChannel, doneChannel);
        subscriber = pubSub;
        commands = connection;
        return true;
      } catch (RuntimeException e) {
        if (connection != null) {
          connection.closeAsync();
        }
        if (pubSub != null) {
          pubSub.closeAsync();
        }
        log.log(
            Level.WARNING,
            "connect",
            "memo store "
                + display
                + " cannot connect: "
                + e
                + "; persisted methods compute as without a store and it retries every second",
            null);
        return false;
      }
    }
  }

  private final class ConnectionEvents implements RedisConnectionStateListener {
    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
      if (connection == subscriber && subscriberLost.compareAndSet(true, false)) {
        log.log(
            Level.INFO,
            "reconnected",
            "memo store "
                + display
                + " reconnected; persisted in-process entries are dropped (clears may have been"
                + " missed)",
            null);
        notifyListeners(InvalidationListener::clearedAll);
      }
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
      if (connection == subscriber && !closed) {
        subscriberLost.set(true);
      }
    }
  }

  private final class Messages extends RedisPubSubAdapter<byte[], byte[]> {
    @Override
    public void message(byte[] channel, byte[] message) {
      if (Arrays.equals(channel, doneChannel)) {
        // "<ns>:{<m>}:lease:<k>" -> "<m>:<k>"
        String leaseKey = new String(message, StandardCharsets.UTF_8);
        int open = leaseKey.indexOf('{');
        int close = leaseKey.indexOf('}');
        int last = leaseKey.lastIndexOf(':');
        if (open >= 0 && close > open && last > close) {
          String waitKey =
              leaseKey.substring(open + 1, close) + ":" + leaseKey.substring(last + 1);
          CompletableFuture<Void> done = waiters.remove(waitKey);
          if (done != null) {
            done.complete(null);
          }
        }
      } else if (Arrays.equals(channel, invalidateChannel)) {
        invalidated(message);
      }
    }
  }

  private void invalidated(byte[] message) {
    ByteBuffer in = ByteBuffer.wrap(message);
    if (in.remaining() < 13 || in.getLong() == instanceId) {
      return; // Malformed, or our own.
    }
    messagesReceived.incrementAndGet();
    byte kind = in.get();
    int idLength = in.getInt();
    if (idLength < 0 || idLength > in.remaining()) {
      return;
    }
    String methodId = new String(message, in.position(), idLength, StandardCharsets.UTF_8);
    in.position(in.position() + idLength);
    byte[] key = new byte[in.remaining()];
    in.get(key);
    switch (kind) {
      case REMOVED -> notifyListeners(l -> l.removed(methodId, key));
      case CLEARED -> notifyListeners(l -> l.cleared(methodId));
      case CLEARED_ALL -> notifyListeners(InvalidationListener::clearedAll);
      default -> {
        // A newer version's message: ignore.
      }
    }
  }

  private void notifyListeners(Consumer<InvalidationListener> call) {
    for (InvalidationListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        log.log(
            Level.WARNING,
            "listener",
            "memo store " + display + ": invalidation listener " + listener + " threw " + e,
            e);
      }
    }
  }

  /** {@code instance id | kind | method id length | method id | key}. */
  private byte[] message(byte kind, String methodId, byte[] key) {
    byte[] id = methodId == null ? new byte[0] : bytes(methodId);
    byte[] k = key == null ? new byte[0] : key;
    return ByteBuffer.allocate(13 + id.length + k.length)
        .putLong(instanceId)
        .put(kind)
        .putInt(id.length)
        .put(id)
        .put(k)
        .array();
  }

  @SuppressWarnings("unchecked")
  private <T> T run(Script script, ScriptOutputType type, byte[][] keys, byte[]... args) {
    StatefulRedisConnection<byte[], byte[]> connection = commands;
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (connection == null) {
      throw new IllegalStateException("not connected (retrying every second)");
    }
    try {
      return (T) connection.sync().evalsha(script.sha, type, keys, args);
    } catch (RedisNoScriptException firstUseOrRestarted) {
      return (T) connection.sync().eval(script.body, type, keys, args);
    }
  }

  private void failed(Counters count, String kind, String what, RuntimeException e) {
    count.error();
    if (closed) {
      return;
    }
    log.log(
        Level.WARNING,
        kind,
        "memo store " + display + " " + what + ": " + e + "; calls compute as without a store",
        null);
  }

  private byte[] token() {
    byte[] token = new byte[16];
    random.nextBytes(token);
    return bytes(HEX.formatHex(token));
  }

  private Digests digests(String methodId, byte[] key) {
    String method = methodDigest(methodId);
    String keyHex = keyDigest(key);
    return new Digests(
        method,
        keyHex,
        methodGeneration(method),
        bytes(namespace + ":{" + method + "}:"),
        bytes(keyHex));
  }

  private final class Digests {
    final String methodHex;
    final String keyHex;
    final byte[] methodGeneration;
    final byte[] prefix;
    final byte[] key;

    Digests(String methodHex, String keyHex, byte[] methodGeneration, byte[] prefix, byte[] key) {
      this.methodHex = methodHex;
      this.keyHex = keyHex;
      this.methodGeneration = methodGeneration;
      this.prefix = prefix;
      this.key = key;
    }

    byte[][] generations() {
      return new byte[][] {globalGeneration, methodGeneration};
    }
  }

  private static String keyDigest(byte[] key) {
    return HEX.formatHex(sha256(key), 0, 16);
  }

  private byte[] methodGeneration(String methodHex) {
    return bytes(namespace + ":{" + methodHex + "}:gen");
  }

  private static String methodDigest(String methodId) {
    Objects.requireNonNull(methodId, "methodId");
    return HEX.formatHex(sha256(bytes(methodId)), 0, 16);
  }

  private static final class Script {
    final String body;
    final String sha;

    Script(String body) {
      this.body = body;
      try {
        this.sha =
            HEX.formatHex(MessageDigest.getInstance("SHA-1").digest(bytes(body)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-1 is unavailable", e);
      }
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String display(RedisURI uri) {
    return (uri.isSsl() ? "rediss://" : "redis://")
        + uri.getHost()
        + ":"
        + uri.getPort()
        + "/"
        + uri.getDatabase();
  }

  /** Hides a password in a URI's user info, so it never reaches an exception message or log. */
  static String redacted(String uri) {
    if (uri == null) {
      return null;
    }
    int at = uri.lastIndexOf('@');
    int scheme = uri.indexOf("://");
    return at > scheme && scheme >= 0 ? uri.substring(0, scheme + 3) + "***" + uri.substring(at) : uri;
  }

  private static long saturatedMillis(Duration ttl) {
    try {
      return ttl.toMillis();
    } catch (ArithmeticException huge) {
      return Long.MAX_VALUE;
    }
  }

  private static long saturatedAdd(long now, long millis) {
    try {
      return Math.addExact(now, millis);
    } catch (ArithmeticException beyondTheEndOfTime) {
      return Long.MAX_VALUE;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
