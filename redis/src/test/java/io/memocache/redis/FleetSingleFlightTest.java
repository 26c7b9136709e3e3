package io.memocache.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.MemoStore.Lease;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Fleet single flight across real JVMs (SPEC §10), each a {@link FleetChild}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FleetSingleFlightTest {
  static final String SECRET = "the fleet's shared secret";

  static TestRedis redis;
  final List<Process> children = new ArrayList<>();
  @TempDir Path logs;

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
  void killChildren() {
    children.forEach(Process::destroyForcibly);
  }

  @Test
  void threeJvmsOfFourThreads_leasingOneColdKey_computeItOnce() throws Exception {
    int jvms = 3;
    int threads = 4;
    List<Process> fleet = new ArrayList<>();
    for (int i = 0; i < jvms; i++) {
      fleet.add(child("flight", redis.uri(), SECRET, "" + jvms, "" + threads));
    }
    List<String> got = new ArrayList<>();
    StringBuilder diagnostics = new StringBuilder();
    for (Process jvm : fleet) {
      List<String> lines = readAll(jvm);
      assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the child JVM finished");
      assertEquals(0, jvm.exitValue(), () -> "child failed: " + lines + stderr(jvm));
      lines.stream().filter(line -> line.startsWith("GOT ")).forEach(got::add);
      diagnostics.append(lines).append(stderr(jvm));
    }

    assertArrayEquals(
        "1".getBytes(UTF_8),
        redis.raw().sync().get("test:computed".getBytes(UTF_8)),
        () -> "twelve threads in three JVMs computed the key once: " + diagnostics);
    assertEquals(jvms * threads, got.size(), got::toString);
    assertTrue(
        got.stream().distinct().count() == 1 && got.get(0).startsWith("GOT computed by "),
        "every thread got the one computed value: " + got);
  }

  @Test
  void holderKilledMidComputation_aWaiterTakesOverWithinTheLeaseTime() throws Exception {
    long leaseMillis = 3000;
    Process holder = child("hold", redis.uri(), SECRET, "" + leaseMillis);
    BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), UTF_8));
    String first = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
    assertEquals("LEASED", first, () -> "the holder took the lease" + stderr(holder));

    try (RedisStore waiter =
        RedisStore.builder(redis.uri(), SECRET).leaseWait(Duration.ofSeconds(60)).connect()) {
      CompletableFuture<Lease> waited =
          CompletableFuture.supplyAsync(() -> waiter.lease(FleetChild.METHOD, FleetChild.KEY));
      Thread.sleep(leaseMillis + 500); // renewed meanwhile: the holder is alive
      assertTrue(!waited.isDone(), "the waiter waits while the live holder renews its lease");

      long killedAt = System.nanoTime();
      holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Lease lease = waited.get(30, TimeUnit.SECONDS);
      long tookOverMillis = (System.nanoTime() - killedAt) / 1_000_000;

      assertNull(lease.value(), "the waiter computes");
      byte[] leaseKey = onlyLeaseKey();
      assertArrayEquals(
          ((RedisStore.HeldLease) lease).owner(),
          redis.raw().sync().get(leaseKey),
          "the waiter now holds the lease (it took over, it did not give up waiting)");
      System.out.printf(
          "a waiter took the lease over %d ms after its holder was killed (lease time %d ms)%n",
          tookOverMillis, leaseMillis);
      assertTrue(tookOverMillis < 60_000, "took over before the lease wait ran out");
      lease.close();
      assertEquals(0L, redis.raw().sync().exists(leaseKey), "closing releases the lease");
    }
  }

  private byte[] onlyLeaseKey() {
    List<byte[]> keys = redis.raw().sync().keys("memocache:{*}:lease:*");
    assertEquals(1, keys.size());
    return keys.get(0);
  }

  private Process child(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FleetChild.class.getName());
    command.addAll(List.of(args));
    File err = logs.resolve("child-" + children.size() + ".err").toFile();
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(err)).start();
    children.add(process);
    return process;
  }

  private String stderr(Process process) {
    try {
      return "\n" + Files.readString(logs.resolve("child-" + children.indexOf(process) + ".err"));
    } catch (IOException e) {
      return "";
    }
  }

  private static List<String> readAll(Process process) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static String readLine(BufferedReader in) {
    try {
      return in.readLine();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
