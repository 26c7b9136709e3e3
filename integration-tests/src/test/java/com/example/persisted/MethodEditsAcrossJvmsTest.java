package com.example.persisted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC 9, stable keys across builds: a class with two persisted methods is compiled through the
 * processor, run in one JVM (which stores both methods' entries), recompiled with one method's
 * body edited and run in a new JVM sharing the store. The edited method computes again; the other
 * one is still a store hit.
 */
@Timeout(240)
class MethodEditsAcrossJvmsTest {
  private static final String PACKAGE = "com.example.edits";

  /** Two persisted methods; {@code %s} is the body of {@code a}'s return statement. */
  private static final String PRICES =
      """
      package com.example.edits;

      import io.memocache.Memo;

      public class Prices {
        static int computedA;
        static int computedB;

        @Memo(persist = true)
        public int a(int x) {
          computedA++;
          return %s;
        }

        @Memo(persist = true)
        public int b(int x) {
          computedB++;
          return x + 1;
        }
      }
      """;

  /** Calls both methods once and prints each one's value, computations and store hits. */
  private static final String RUN =
      """
      package com.example.edits;

      import io.memocache.runtime.CacheStats;
      import io.memocache.runtime.MemoCaches;

      public final class Run {
        public static void main(String[] args) {
          Prices prices = new Prices_Cached();
          int a = prices.a(7);
          int b = prices.b(7);
          System.out.println(
              "a=" + a + " computed=" + Prices.computedA + " storeHits=" + storeHits("a")
                  + "; b=" + b + " computed=" + Prices.computedB + " storeHits=" + storeHits("b"));
        }

        private static long storeHits(String method) {
          return MemoCaches.stats().stream()
              .filter(stats -> stats.id().equals("com.example.edits.Prices." + method + "(int)"))
              .mapToLong(CacheStats::storeHits)
              .sum();
        }
      }
      """;

  @TempDir Path directory;

  @Test
  void editingOneMethod_makesOnlyItsStoredEntriesUnreachable() throws Exception {
    Path store = directory.resolve("store");
    Path before = compile("before", "x * 2");
    Path after = compile("after", "x * 3");

    assertEquals("a=14 computed=1 storeHits=0; b=8 computed=1 storeHits=0", run(before, store));
    assertEquals(
        "a=14 computed=0 storeHits=1; b=8 computed=0 storeHits=1",
        run(before, store),
        "unchanged code: both methods are store hits");
    assertEquals(
        "a=21 computed=1 storeHits=0; b=8 computed=0 storeHits=1",
        run(after, store),
        "a was edited: it computes again; b was not: still a store hit");
  }

  @Test
  void aChangeOutsideTheMethodsBodies_keepsBothMethodsEntries() throws Exception {
    Path store = directory.resolve("store");
    Path before = compile("before", "x * 2");
    Path reformatted = compile("reformatted", "x  *  2 /* the same code, spaced differently */");

    assertEquals("a=14 computed=1 storeHits=0; b=8 computed=1 storeHits=0", run(before, store));
    assertEquals(
        "a=14 computed=0 storeHits=1; b=8 computed=0 storeHits=1",
        run(reformatted, store),
        "spacing and comments are not code: both methods are store hits");
  }

  /**
   * Compiles {@code Prices} (with {@code a} returning {@code returned}) and {@code Run} through
   * the memocache processor, as a build does, into a new directory.
   */
  private Path compile(String name, String returned) throws IOException {
    Path sources = directory.resolve(name).resolve("src");
    Path classes = directory.resolve(name).resolve("classes");
    Path generated = directory.resolve(name).resolve("generated");
    Path packageDir = sources.resolve(PACKAGE.replace('.', File.separatorChar));
    Files.createDirectories(packageDir);
    Files.createDirectories(classes);
    Files.createDirectories(generated);
    Path prices = Files.writeString(packageDir.resolve("Prices.java"), PRICES.formatted(returned));
    Path run = Files.writeString(packageDir.resolve("Run.java"), RUN);

    String classPath = System.getProperty("java.class.path");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(
            null,
            null,
            null,
            "-d", classes.toString(),
            "-s", generated.toString(),
            "-cp", classPath,
            "-processorpath", classPath,
            "-processor", "io.memocache.processor.MemoProcessor",
            prices.toString(),
            run.toString());
    assertEquals(0, status, "javac (with the memocache processor) failed on " + name);
    return classes;
  }

  /** Runs {@code Run} from {@code classes} in a new JVM on the store, and returns its line. */
  private String run(Path classes, Path store) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dmemocache.store=file:" + store);
    command.add("-cp");
    command.add(classes + File.pathSeparator + System.getProperty("java.class.path"));
    command.add(PACKAGE + ".Run");
    Path stdout = Files.createTempFile(directory, "run", ".out");
    Path stderr = Files.createTempFile(directory, "run", ".err");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("MEMOCACHE_STORE");
    builder.environment().remove("MEMOCACHE_SECRET");
    builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    Process process = builder.start();
    boolean exited = process.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String errors = Files.readString(stderr, StandardCharsets.UTF_8);
    assertTrue(exited, "the child JVM ends");
    assertEquals(0, process.exitValue(), errors);
    return Files.readString(stdout, StandardCharsets.UTF_8).strip();
  }
}
