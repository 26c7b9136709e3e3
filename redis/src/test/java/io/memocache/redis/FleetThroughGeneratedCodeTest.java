package io.memocache.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.fleet.FleetMember;
import com.example.fleet.Quotes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §10 through generated code: JVMs that call the same {@code @Memo(persist = true)} methods
 * ({@link Quotes}, compiled through the processor) with {@code memocache.store=redis://…} form a
 * fleet. Each JVM is a {@link FleetMember} child process, started with this test's class path and
 * driven line by line; every computation of any JVM is appended to one shared file, so the counts
 * asserted here are fleet-wide (and include a computation whose JVM was killed).
 *
 * <p>Times are bounded, not measured: the bounds only tell "arrived" from "never arrived" (or "gave
 * up waiting") on a loaded build machine. The clear propagation delays are printed as figures.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class FleetThroughGeneratedCodeTest {
  static final String SECRET = "the fleet's shared secret";

  /**
   * Commands may take up to 5 s (Lettuce's {@code ?timeout=} in the URI): these tests are about
   * the fleet's protocol, and a loaded machine's slow command would, rightly, let a JVM compute
   * without waiting for the lease. The outage test keeps the default 250 ms.
   */
  static final String PATIENT = "?timeout=5s";

  static TestRedis redis;
  @TempDir static Path directory;

  /**
   * Three JVMs that the tests share: starting a JVM with Lettuce and Kryo costs seconds on a loaded
   * machine. Each test uses keys of its own and compares counters before and after.
   */
  static List<Member> fleet;

  static final List<Member> started = new ArrayList<>();
  static final AtomicInteger STARTS = new AtomicInteger();

  @BeforeAll
  static void startFleet() {
    redis = TestRedis.start();
    fleet = List.of(member(), member(), member());
    awaitReady();
  }

  @AfterAll
  static void stopFleet() throws InterruptedException {
    stopMembers();
    redis.close();
  }

  @AfterEach
  void stopThisTestsMembers() throws InterruptedException {
    // The shared fleet stays, unless a test killed one of its JVMs.
    for (Member member : started) {
      if (!fleet.contains(member) || !member.process.isAlive()) {
        member.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    started.removeIf(member -> !fleet.contains(member));
  }

  @Test
  void aValueOneJvmComputed_isAHitInAnother() throws Exception {
    Member first = fleet.get(0);
    Member second = fleet.get(1);
    Counts before = second.counts();

    String value = first.ask("quote a-eur");
    assertEquals("a-eur computed by " + first.pid, value);
    assertEquals(value, second.ask("quote a-eur"), "the second JVM gets the first one's value");

    assertEquals(List.of("quote a-eur " + first.pid), computations("quote a-eur "));
    assertEquals(new Counts(0, 1, 0, 0), second.counts().minus(before), "a store hit");
  }

  @Test
  void threeJvmsOfFourThreads_callingOneColdSlowKey_computeItOnceForAll() throws Exception {
    for (Member member : fleet) {
      assertEquals("ARMED", member.ask("arm 4 b-q3 500"));
    }

    fleet.forEach(member -> member.send("go")); // within a millisecond of each other
    List<String> got = new ArrayList<>();
    for (Member member : fleet) {
      got.addAll(Arrays.asList(member.next().split(" \\| ")));
    }

    List<String> computed = computations("report b-q3 ");
    assertEquals(1, computed.size(), () -> "one computation fleet-wide: " + computed);
    String computer = computed.get(0).substring("report b-q3 ".length());
    assertEquals(12, got.size(), got::toString);
    assertEquals(
        List.of("b-q3 computed by " + computer),
        got.stream().distinct().toList(),
        "all 12 calls got the one value");
  }

  @Test
  void theComputingJvmKilled_aWaiterInAnotherJvmTakesOverWithinTheLeaseTime() throws Exception {
    long leaseMillis = RedisStore.DEFAULT_LEASE_TIME.toMillis();
    Member holder = member();
    Member waiter = fleet.get(0);
    awaitReady();

    holder.send("report c-r 600000");
    awaitComputation("report c-r " + holder.pid);
    waiter.send("report c-r 500");
    Thread.sleep(1000);
    assertEquals(
        1, computations("report c-r ").size(), "the waiter waits while the holder computes");

    long killedAt = System.nanoTime();
    holder.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    String value = waiter.next();
    long tookMillis = (System.nanoTime() - killedAt) / 1_000_000;

    System.out.printf(
        "fleet: a waiter took over and returned %d ms after the computing JVM was killed"
            + " (lease time %d ms, computation 500 ms)%n",
        tookMillis, leaseMillis);
    assertEquals("c-r computed by " + waiter.pid, value);
    assertEquals(
        List.of("report c-r " + holder.pid, "report c-r " + waiter.pid),
        computations("report c-r "),
        "exactly one more computation");
    // Without a take-over the waiter would compute only when its 30 s lease wait runs out.
    assertTrue(tookMillis < leaseMillis + 8_000, "took over after " + tookMillis + " ms");
  }

  @Test
  void clearsOnOneJvm_reachTheInProcessTierOfAnother() throws Exception {
    Member a = fleet.get(1);
    Member b = fleet.get(2);
    List<String> clears = List.of("clear", "clear-one d-eur", "clear-all");
    int rounds = 201;
    long[] delays = new long[rounds];

    a.ask("quote d-eur");
    Counts before = b.counts();
    for (int i = 0; i < rounds; i++) {
      String clear = clears.get(i % clears.size());
      assertTrue(b.ask("quote d-eur").startsWith("d-eur computed by "));
      assertEquals("WATCHING", b.ask("watch"), "b holds the entry in-process");
      long clearReturned = nanos(a.ask(clear), "CLEARED ");
      long dropped = nanos(b.next(), "DROPPED ");
      delays[i] = dropped - clearReturned;
    }
    // b's next call computes again: the last clear reached its tier too.
    assertEquals("d-eur computed by " + b.pid, b.ask("quote d-eur"));

    assertEquals(
        rounds, computations("quote d-eur " + b.pid).size(), "b recomputed after each clear");
    assertEquals(
        new Counts(rounds, 1, 0, 0),
        b.counts().minus(before),
        "only b's first call found the value (a's) in the store");
    Arrays.sort(delays);
    System.out.printf(
        "fleet clears: %d clears (clearQuote(), clearQuote(symbol), MemoCaches.clearAll()) on one"
            + " JVM reached the in-process tier of another: p50 %.2f ms, p99 %.2f ms, max %.2f ms"
            + " after the clear returned%n",
        rounds,
        delays[rounds / 2] / 1e6,
        delays[(int) Math.ceil(rounds * 0.99) - 1] / 1e6,
        delays[rounds - 1] / 1e6);
  }

  @Test
  void aTamperedEntry_andAnEntryWrittenUnderAnotherSecret_areMissesThatCompute() throws Exception {
    Member writer = fleet.get(0);
    Member reader = fleet.get(1);
    Member stranger = member(redis.uri() + PATIENT, "another secret");
    awaitReady();
    redis.flushAll(); // only this test's entry below
    writer.ask("quote e-eur");
    List<byte[]> entries = redis.raw().sync().keys("memocache:{*}:[0-9]*.[0-9]*:*");
    assertEquals(1, entries.size(), "one stored entry");
    byte[] entry = redis.raw().sync().get(entries.get(0));
    entry[entry.length / 2] ^= 1;
    redis.raw().sync().set(entries.get(0), entry);
    Counts before = reader.counts();

    assertEquals("e-eur computed by " + reader.pid, reader.ask("quote e-eur"));
    assertEquals(new Counts(1, 0, 1, 0), reader.counts().minus(before), "rejected, computed");
    // The reader stored its value, signed with the fleet's secret, which the stranger lacks.
    assertEquals("e-eur computed by " + stranger.pid, stranger.ask("quote e-eur"));
    assertEquals(new Counts(1, 0, 1, 0), stranger.counts(), "rejected, computed");
    assertEquals(3, computations("quote e-eur ").size());
  }

  @Test
  void redisStoppedMidRun_everyCallReturns_andAfterARestartTheFleetRecovers() throws Exception {
    try (TestRedis own = TestRedis.start()) {
      Member caller = member(own.uri(), SECRET); // the default 250 ms timeout
      Member other = member(own.uri(), SECRET);
      awaitReady();
      String before = caller.ask("quote f-eur");
      assertEquals("CALLING", caller.ask("keep-calling"));
      Thread.sleep(300);

      own.stopServer();
      Thread.sleep(1500);
      String calls = caller.ask("stop-calling");

      System.out.println("fleet: with Redis stopped mid-run: " + calls);
      assertFalse(calls.contains("STUCK"), calls);
      assertTrue(calls.contains(" failures=0 "), calls);
      long slowest = Long.parseLong(calls.substring(calls.indexOf("slowestMillis=") + 14));
      // The store's timeout is 250 ms and a computation takes microseconds; the rest is slack.
      assertTrue(slowest < 5_000, "the slowest call took " + slowest + " ms");
      assertTrue(caller.counts().storeErrors() > 0, "failures are counted");
      assertEquals(before, caller.ask("quote f-eur"), "the in-process tier still answers");

      own.startServer();
      awaitNoEntries(caller);
      String after = caller.ask("quote f-eur");
      assertEquals("f-eur computed by " + caller.pid, after, "computed again");

      // Each JVM's two connections come back on their own schedules: until then a new value may
      // not reach Redis. Within seconds, one JVM's value is a hit for the other again.
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      for (int i = 0; ; i++) {
        String value = caller.ask("quote f-new" + i);
        if (value.equals(other.ask("quote f-new" + i))) {
          break;
        }
        if (System.nanoTime() - giveUp > 0) {
          fail("the store never recovered: " + caller.counts() + ", " + other.counts());
        }
        Thread.sleep(100);
      }
    }
  }

  @Test
  void rediss_connectsWithTls_andVerifiesTheServersCertificate(@TempDir Path tls) throws Exception {
    Path trustStore = selfSignedCertificate(tls);
    Path certificate = tls.resolve("cert.pem");
    try (TestRedis secure = TestRedis.startWithTls(certificate, tls.resolve("key.pem"))) {
      String uri = "rediss://127.0.0.1:" + secure.tlsPort;
      Member member =
          member(
              uri + PATIENT,
              SECRET,
              "-Djavax.net.ssl.trustStore=" + trustStore,
              "-Djavax.net.ssl.trustStoreType=PKCS12",
              "-Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD);
      awaitReady();

      assertEquals("g-eur computed by " + member.pid, member.ask("quote g-eur"));
      assertEquals(new Counts(1, 0, 0, 0), member.counts(), "no store errors over TLS");
      assertEquals(
          1,
          secure.raw().sync().keys("memocache:{*}:[0-9]*.[0-9]*:*").size(),
          "the entry reached the server (read here over its plain port)");

      // This JVM does not trust the self-signed certificate: rediss:// verifies the server.
      secure.raw().sync().flushall();
      try (RedisStore plain = RedisStore.connect(secure.uri(), SECRET);
          RedisStore untrusting = RedisStore.connect(uri, SECRET)) {
        plain.put("m", new byte[] {1}, new byte[] {2}, null);
        assertEquals(null, untrusting.get("m", new byte[] {1}), "no verified connection, a miss");
        assertTrue(untrusting.stats("m").errors() > 0, "counted as a store error");
        assertEquals(2, plain.get("m", new byte[] {1})[0], "the entry is there in plain text");
      }
    }
  }

  static final String STORE_PASSWORD = "changeit";

  /**
   * Makes a self-signed certificate for 127.0.0.1 with the JDK's keytool, writes it and its key as
   * the PEM files redis-server reads, and returns the PKCS12 store clients trust it from.
   */
  private static Path selfSignedCertificate(Path directory) throws Exception {
    Path store = directory.resolve("redis.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "redis",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-keypass",
                STORE_PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), UTF_8);
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keys.load(in, STORE_PASSWORD.toCharArray());
    }
    Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(UTF_8));
    Files.writeString(
        directory.resolve("key.pem"),
        "-----BEGIN PRIVATE KEY-----\n"
            + pem.encodeToString(keys.getKey("redis", STORE_PASSWORD.toCharArray()).getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    Files.writeString(
        directory.resolve("cert.pem"),
        "-----BEGIN CERTIFICATE-----\n"
            + pem.encodeToString(keys.getCertificate("redis").getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    return store;
  }

  /**
   * After Redis came back, the JVM dropped its persisted in-process entries: it may have missed
   * clears meanwhile (SPEC §10).
   */
  private static void awaitNoEntries(Member member) throws InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String stats = member.ask("stats");
    while (!stats.endsWith(" entries=0")) {
      if (System.nanoTime() - giveUp > 0) {
        fail("the reconnected JVM still holds its persisted entries: " + stats);
      }
      Thread.sleep(50);
      stats = member.ask("stats");
    }
  }

  private static void awaitComputation(String line) throws Exception {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!computations(line).contains(line)) {
      if (System.nanoTime() - giveUp > 0) {
        fail("never computed: " + line);
      }
      Thread.sleep(20);
    }
  }

  /** The computations of every JVM so far whose line starts with {@code prefix}, in order. */
  private static List<String> computations(String prefix) throws IOException {
    Path file = directory.resolve("computations");
    return Files.exists(file)
        ? Files.readAllLines(file).stream().filter(line -> line.startsWith(prefix)).toList()
        : List.of();
  }

  private static long nanos(String answer, String prefix) {
    assertTrue(answer.startsWith(prefix), answer);
    return Long.parseLong(answer.substring(prefix.length()));
  }

  private static Member member() {
    return member(redis.uri() + PATIENT, SECRET);
  }

  /** Starts a JVM of the fleet; {@link #awaitReady} waits until all have connected. */
  private static Member member(String store, String secret, String... jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.add("-Xshare:auto");
    command.add("-XX:TieredStopAtLevel=1"); // short-lived: C1 alone starts faster on busy cores
    command.add("-Dmemocache.store=" + store);
    command.add("-Dmemocache.secret=" + secret);
    command.add("-D" + Quotes.COMPUTATIONS + "=" + directory.resolve("computations"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FleetMember.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("MEMOCACHE_STORE");
    builder.environment().remove("MEMOCACHE_SECRET");
    Path err = directory.resolve("member-" + STARTS.incrementAndGet() + ".err");
    builder.redirectError(ProcessBuilder.Redirect.to(err.toFile()));
    Member member;
    try {
      member = new Member(builder.start(), err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    started.add(member);
    return member;
  }

  private static void awaitReady() {
    for (Member member : started) {
      if (member.pid == 0) {
        String ready = member.next();
        assertTrue(ready.startsWith("READY "), ready);
        member.pid = Long.parseLong(ready.substring(6));
      }
    }
  }

  private static void stopMembers() throws InterruptedException {
    for (Member member : started) {
      member.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    started.clear();
  }

  /** A JVM's counters of {@code quote}, from its {@code stats} answer. */
  record Counts(long computations, long storeHits, long storeRejected, long storeErrors) {
    static Counts parse(String stats) {
      long[] values = new long[4];
      String[] names = {"computations=", "storeHits=", "storeRejected=", "storeErrors="};
      for (int i = 0; i < names.length; i++) {
        int at = stats.indexOf(names[i]);
        assertTrue(at >= 0, stats);
        int from = at + names[i].length();
        int to = stats.indexOf(' ', from);
        values[i] = Long.parseLong(stats.substring(from, to < 0 ? stats.length() : to));
      }
      return new Counts(values[0], values[1], values[2], values[3]);
    }

    Counts minus(Counts o) {
      return new Counts(
          computations - o.computations,
          storeHits - o.storeHits,
          storeRejected - o.storeRejected,
          storeErrors - o.storeErrors);
    }
  }

  /** A child JVM: commands go to its standard input, its answers come back line by line. */
  static final class Member {
    final Process process;
    final Path err;
    final Writer in;
    final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    long pid;

    Member(Process process, Path err) {
      this.process = process;
      this.err = err;
      this.in = new OutputStreamWriter(process.getOutputStream(), UTF_8);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                  for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    out.add(line);
                  }
                } catch (IOException ended) {
                  // The process is gone.
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    void send(String command) {
      try {
        in.write(command + "\n");
        in.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot send '" + command + "'" + stderr(), e);
      }
    }

    /** The next answer, within 60 s. */
    String next() {
      String line;
      try {
        line = out.poll(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      assertNotNull(line, () -> "no answer within 60 s" + stderr());
      assertFalse(line.startsWith("THREW "), () -> line + stderr());
      return line;
    }

    String ask(String command) {
      send(command);
      return next();
    }

    Counts counts() {
      return Counts.parse(ask("stats"));
    }

    private String stderr() {
      try {
        return "\nstandard error of the JVM:\n" + Files.readString(err);
      } catch (IOException e) {
        return "";
      }
    }
  }
}
