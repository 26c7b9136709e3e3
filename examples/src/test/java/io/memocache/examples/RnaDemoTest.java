package io.memocache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo runs on a real database and prints what it claims. */
class RnaDemoTest {
  private static String output;

  @BeforeAll
  static void runDemo() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RnaDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), 60_000);
    output = bytes.toString(StandardCharsets.UTF_8);
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
  void statistics_areShownPerMethod() {
    assertPrinted("RnaBrowser.getPage(DataSource, int, int)");
    assertPrinted("RnaBrowser.factorial(int)");
    assertPrinted("RnaBrowser.dataSource()");
  }
}
