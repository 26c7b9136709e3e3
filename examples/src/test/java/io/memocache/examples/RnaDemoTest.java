package io.memocache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.DiskStore;
import io.memocache.runtime.MemoStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo runs on a real database and prints what it claims. */
class RnaDemoTest {
  private static final int ROWS = 60_000;

  /** The demo's own memo store, so that the first run is a first run whatever ran before. */
  @TempDir static Path store;

  private static String output;

  @BeforeAll
  static void runDemo() throws Exception {
    MemoStores.use(DiskStore.open(store));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RnaDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), ROWS);
    output = bytes.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void leaveNoStore() {
    MemoStores.use(MemoStores.none());
  }

  private static void assertPrinted(String line) {
    assertTrue(output.contains(line), "missing '" + line + "' in:\n" + output);
  }

  @Test
  void singleton_isOnePoolSharedByEveryThread() {
    assertPrinted("same instance: yes; pools created: 1");
  }

  /** Times are printed, not asserted (they belong in benchmarks): a hit runs no query at all. */
  @Test
  void repeatedPageCalls_areHitsThatQueryOncePerPage() {
    Pattern pageRow =
        Pattern.compile(
            "^\\s+(\\d+)\\s+([\\d.]+) ms\\s+([\\d.]+) ms\\s+\\d+x\\s+(\\d+)$", Pattern.MULTILINE);
    Matcher row = pageRow.matcher(output);
    int pages = 0;
    while (row.find()) {
      pages++;
      assertEquals("50", row.group(4), "rows on page " + row.group(1));
    }
    assertEquals(RnaDemo.PAGES.length, pages, output);
    assertPrinted("queries run: 4 for 4 pages x 4 threads x 2 rounds");
  }

  @Test
  void mutatingAReturnedPage_leavesTheCacheUntouched() {
    assertPrinted("my page after rows().clear(): 0 rows");
    assertPrinted("unchanged: yes");
  }

  @Test
  void recursion_hitsTheCache() {
    assertPrinted("factorial(50) = 3.041409e+64: 50 bodies ran");
    assertPrinted("factorial(60) afterwards: 10 bodies ran");
    assertPrinted("factorial(40) afterwards: 0 bodies ran");
  }

  @Test
  void clears_takeEffect() {
    for (String line :
        List.of(
            "page 10 queried again: yes, page 100 still cached: yes",
            "all 4 pages queried again: yes",
            "page 0 queried again: yes, pool kept: yes",
            "new pool: yes (pools created: 2)")) {
      assertPrinted(line);
    }
    assertTrue(!output.contains("NO"), output);
  }

  @Test
  void aFirstRun_servesNoPageFromTheMemoStore_andLeavesThemThere() throws Exception {
    assertPrinted("pages served from the memo store: 0 (");
    assertPrinted("pages [0, 10, 100, 1000] are in the memo store");
    try (var files = Files.walk(store)) {
      assertEquals(
          4,
          files
              .filter(path -> path.toString().endsWith(".e"))
              .filter(path -> !path.toString().contains(".trash-"))
              .count());
    }
  }

  /** SPEC 9: a second run of the demo, in a new JVM, reads every page from the store. */
  @Test
  @Timeout(300)
  void aSecondRunInANewJvm_servesItsPagesFromTheMemoStore() throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dmemocache.store=file:" + store,
            "-cp",
            System.getProperty("java.class.path"),
            RnaDemo.class.getName(),
            String.valueOf(ROWS));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String second = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(240, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), second);

    assertTrue(
        second.contains("queries run: 0 for 4 pages x 4 threads x 2 rounds"),
        "no query for a stored page:\n" + second);
    assertTrue(second.contains("pages served from the memo store: 4 ("), second);
    assertTrue(!second.contains("NO"), second);
  }

  @Test
  void statistics_areShownPerMethod() {
    assertPrinted("RnaBrowser.getPage(DataSource, int, int)");
    assertPrinted("RnaBrowser.factorial(int)");
    assertPrinted("RnaBrowser.dataSource()");
  }
}
