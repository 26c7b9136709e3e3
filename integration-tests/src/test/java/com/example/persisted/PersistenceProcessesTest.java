package com.example.persisted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 9 across JVMs: a persisted method's entries outlive the JVM that computed them, are
 * found by equal arguments in any order, and a bad entry is a miss that computes again. Each JVM is
 * a child process running {@link PersistenceChild}.
 */
@Timeout(180)
class PersistenceProcessesTest {
  @TempDir Path directory;

  @Test
  void anEntryOutlivesTheJvm_theNextJvmHitsTheStoreWithoutComputing() throws Exception {
    String store = directory.toString();

    assertEquals("computed=1 storeHits=0 rejected=0 errors=0", run(List.of(), store, "page"));
    assertEquals("computed=0 storeHits=1 rejected=0 errors=0", run(List.of(), store, "page"));
  }

  @Test
  void anAsyncMethodsCompletedValueOutlivesTheJvm_theNextJvmGetsACompletedFutureOfIt()
      throws Exception {
    String store = directory.toString();

    assertEquals("computed=1 storeHits=0 rejected=0 errors=0", run(List.of(), store, "pageLater"));
    assertEquals("computed=0 storeHits=1 rejected=0 errors=0", run(List.of(), store, "pageLater"));
  }

  @Test
  void equalMapAndSetArgumentsInAnotherOrderHit() throws Exception {
    String store = directory.toString();

    assertEquals("computed=1 storeHits=0 rejected=0 errors=0", run(List.of(), store, "summary"));
    assertEquals(
        "computed=0 storeHits=1 rejected=0 errors=0", run(List.of(), store, "summaryReordered"));
  }

  @Test
  void aTamperedEntryIsAMiss_computedAgain_andReplaced() throws Exception {
    String store = directory.toString();
    run(List.of(), store, "page");
    for (Path entry : entries()) {
      byte[] bytes = Files.readAllBytes(entry);
      bytes[bytes.length / 2] ^= 1;
      Files.write(entry, bytes);
    }

    assertEquals("computed=1 storeHits=0 rejected=1 errors=0", run(List.of(), store, "page"));
    assertEquals("computed=0 storeHits=1 rejected=0 errors=0", run(List.of(), store, "page"));
  }

  @Test
  void aTruncatedEntryIsAMiss() throws Exception {
    String store = directory.toString();
    run(List.of(), store, "page");
    for (Path entry : entries()) {
      try (FileChannel channel = FileChannel.open(entry, StandardOpenOption.WRITE)) {
        channel.truncate(channel.size() / 2);
      }
    }

    assertEquals("computed=1 storeHits=0 rejected=1 errors=0", run(List.of(), store, "page"));
  }

  @Test
  void anEntryWrittenUnderAnotherSecretIsAMiss() throws Exception {
    String store = directory.toString();
    run(List.of("-Dmemocache.secret=first secret"), store, "page");

    assertEquals(
        "computed=1 storeHits=0 rejected=1 errors=0",
        run(List.of("-Dmemocache.secret=second secret"), store, "page"));
    assertEquals(
        "computed=0 storeHits=1 rejected=0 errors=0",
        run(List.of("-Dmemocache.secret=second secret"), store, "page"));
  }

  @Test
  void withNothingConfigured_theDefaultDirectoryUnderXdgCacheHomeIsUsed() throws Exception {
    Map<String, String> xdg = Map.of("XDG_CACHE_HOME", directory.toString());

    assertEquals("computed=1 storeHits=0 rejected=0 errors=0", run(List.of(), xdg, "-", "page"));
    assertTrue(Files.isDirectory(directory.resolve("memocache").resolve("v1")));
    assertEquals("computed=0 storeHits=1 rejected=0 errors=0", run(List.of(), xdg, "-", "page"));
  }

  @Test
  void storeNone_actsAsAPlainMemo() throws Exception {
    Map<String, String> xdg = Map.of("XDG_CACHE_HOME", directory.toString());
    List<String> none = List.of("-Dmemocache.store=none");

    assertEquals("computed=1 storeHits=0 rejected=0 errors=0", run(none, xdg, "-", "page", "page"));
    assertEquals("computed=1 storeHits=0 rejected=0 errors=0", run(none, xdg, "-", "page"));
    assertFalse(Files.exists(directory.resolve("memocache")), "nothing was written");
  }

  @Test
  void storeProperty_namesTheDirectory() throws Exception {
    List<String> file = List.of("-Dmemocache.store=file:" + directory.resolve("named"));
    Map<String, String> xdg = Map.of("XDG_CACHE_HOME", directory.resolve("xdg").toString());

    assertEquals("computed=1 storeHits=0 rejected=0 errors=0", run(file, xdg, "-", "page"));
    assertEquals("computed=0 storeHits=1 rejected=0 errors=0", run(file, xdg, "-", "page"));
    assertTrue(Files.isDirectory(directory.resolve("named").resolve("v1")));
    assertFalse(Files.exists(directory.resolve("xdg")));
  }

  private List<Path> entries() throws IOException {
    try (var files = Files.walk(directory.resolve("v1"))) {
      List<Path> entries = files.filter(path -> path.toString().endsWith(".e")).toList();
      assertEquals(1, entries.size(), entries.toString());
      return entries;
    }
  }

  private static String run(List<String> jvmOptions, String... args) throws Exception {
    return run(jvmOptions, Map.of(), args);
  }

  /** Runs a child JVM to its end and returns its one line of output. */
  private static String run(
      List<String> jvmOptions, Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PersistenceChild.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("MEMOCACHE_STORE");
    builder.environment().remove("MEMOCACHE_SECRET");
    builder.environment().putAll(environment);
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child JVM ends");
    assertEquals(0, process.exitValue(), output);
    return output.strip();
  }
}
