package io.memocache.runtime;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.internal.store.RateLimitedLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The disk store shared by separate JVMs, started as child processes of the test. */
@Timeout(180)
class DiskStoreProcessesTest {
  @TempDir Path directory;

  @Test
  void twoJvmsWritingAndReadingOneDirectoryAtOnceNeverReadABadValue() throws Exception {
    String dir = directory.toString();
    Process first = start(Map.of(), "readWrite", dir, "60", "50000", "12");
    Process second = start(Map.of(), "readWrite", dir, "60", "50000", "12");

    Result a = finish(first);
    Result b = finish(second);

    assertEquals(0, a.exitCode(), a.output());
    assertEquals(0, b.exitCode(), b.output());
    assertTrue(a.output().contains("bad=0") && a.output().contains("errors=0"), a.output());
    assertTrue(b.output().contains("bad=0") && b.output().contains("errors=0"), b.output());
    assertTrue(a.output().contains("rejected=0") && b.output().contains("rejected=0"));
  }

  @Test
  void anEntryOneJvmWroteIsAHitInAnotherAfterTheFirstExits() throws Exception {
    String dir = directory.toString();
    Result written = finish(start(Map.of(), "write", dir, "20", "100000", "7"));
    assertEquals(0, written.exitCode(), written.output());
    assertEquals("errors=0", written.output().strip());

    Result read = finish(start(Map.of(), "read", dir, "20", "100000"));

    assertEquals(0, read.exitCode(), read.output());
    assertEquals("hits=20 bad=0", read.output().strip());
  }

  @Test
  void aJvmKilledWhileWritingLargeEntriesLeavesNothingTornThatIsReturned() throws Exception {
    String dir = directory.toString();
    int size = 4 << 20;
    Process writer = start(Map.of(), "writeForever", dir, "4", String.valueOf(size));
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
    for (int i = 0; i < 6; i++) { // a few whole entries, then kill it mid-stream
      String line = lines.readLine();
      assertTrue(line != null && line.startsWith("wrote"), "writer said: " + line);
    }
    writer.destroyForcibly();
    assertTrue(writer.waitFor(30, SECONDS));

    Result read = finish(start(Map.of(), "read", dir, "4", String.valueOf(size)));
    assertEquals(0, read.exitCode(), read.output());
    assertTrue(read.output().startsWith("hits="), read.output());
    assertTrue(read.output().contains("bad=0"), read.output());

    // Whatever temporary file the kill left is deleted by a sweep once old enough.
    DiskStore.open(
            directory,
            DiskStore.DEFAULT_MAX_BYTES,
            null,
            System::currentTimeMillis,
            Duration.ZERO,
            RateLimitedLog.perMinute())
        .sweep();
    assertEquals(List.of(), filesEndingWith(".tmp"));
  }

  @Test
  void withNothingConfiguredTheStoreIsInXdgCacheHome() throws Exception {
    Path cacheHome = directory.resolve("xdg");

    Result result = finish(start(Map.of("XDG_CACHE_HOME", cacheHome.toString()), "default"));

    assertEquals(0, result.exitCode(), result.output());
    assertEquals(
        "store=" + cacheHome.resolve("memocache") + " roundTrip=true", result.output().strip());
    assertFalse(filesEndingWith(DiskStore.ENTRY_SUFFIX).isEmpty());
  }

  private List<Path> filesEndingWith(String suffix) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.filter(p -> p.toString().endsWith(suffix)).collect(Collectors.toList());
    }
  }

  private static Process start(Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DiskStoreChild.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    builder.environment().remove("MEMOCACHE_STORE");
    builder.environment().remove("MEMOCACHE_SECRET");
    builder.environment().putAll(environment);
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    return builder.start();
  }

  private record Result(int exitCode, String output) {}

  private static Result finish(Process process) throws Exception {
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return "unreadable output: " + e;
              }
            });
    if (!process.waitFor(120, SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("child JVM did not finish within 120 s");
    }
    return new Result(process.exitValue(), output.get(10, SECONDS));
  }
}
