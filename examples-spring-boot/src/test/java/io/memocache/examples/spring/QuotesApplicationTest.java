package io.memocache.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memocache.runtime.MemoStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spring Boot demo starts, prints what it claims and exits. Its memo store is a directory of
 * this test's own, given on the command line as a user would override application.properties.
 */
class QuotesApplicationTest {
  @TempDir static Path store;

  private static String output;

  @BeforeAll
  static void runTheApplication() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      QuotesApplication.main(new String[] {"--memocache.store=file:" + store});
    } finally {
      System.setOut(original);
    }
    output = bytes.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void leaveNoStore() {
    MemoStores.use(MemoStores.none());
    System.clearProperty("memocache.store");
  }

  private static void assertPrinted(String text) {
    assertTrue(output.contains(text), "missing '" + text + "' in:\n" + output);
  }

  @Test
  void theServiceBean_isItsCachedSubclass_builtThroughTheMirroredConstructor() {
    assertPrinted("The QuoteService bean is a QuoteService_Cached");
    assertPrinted("VAT 20% from @Value");
  }

  @Test
  void theSecondCall_andTheSelfCall_areHits() {
    assertPrinted("price(\"tea\") twice: 1.80, then 1.80; runs of price: 1,");
    assertPrinted(
        "quote(\"tea\", 3) = 5.40 calls price(\"tea\") on itself; runs of price: still 1,");
  }

  @Test
  void theApplicationsRegistry_countsTheHitsAndTheMiss() {
    assertPrinted("Micrometer (SimpleMeterRegistry), cache.gets{cache=QuoteService.price}:");
    assertPrinted("result=hit 2, result=miss 1");
  }

  @Test
  void theActuatorEndpoint_listsBothMethods_andClearsOne() {
    assertPrinted(QuotesDemo.PRICE_ID + ": memo, entries 2, hits 2, misses 2, computations 2");
    assertPrinted(QuotesDemo.FORECAST_ID + ": memo, entries 1, hits 0, misses 1, computations 1");
    assertPrinted("DELETE /actuator/memocache/" + QuotesDemo.PRICE_ID + ": true; entries now 0");
  }

  @Test
  void theStoreSetting_comesFromSpringsEnvironment_andTheFirstRunStoresTheForecast()
      throws Exception {
    assertPrinted("memo store (memocache.store in application.properties): file:" + store);
    assertPrinted("runs of forecast: 1, read from the memo store: 0");
    try (var files = Files.walk(store)) {
      assertEquals(1, files.filter(path -> path.toString().endsWith(".e")).count());
    }
  }

  /** SPEC 9: the next run of the application, in a new JVM, reads the forecast from the store. */
  @Test
  @Timeout(180)
  void aSecondRunInANewJvm_readsTheForecastFromTheStore_andExits() throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            QuotesApplication.class.getName(),
            "--memocache.store=file:" + store);
    Path stdout = Files.createTempFile("quotes", ".out");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("MEMOCACHE_STORE");
    builder.redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    boolean exited = process.waitFor(150, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String second = Files.readString(stdout, StandardCharsets.UTF_8);
    Files.delete(stdout);
    assertTrue(exited, "the application exits by itself:\n" + second);
    assertEquals(0, process.exitValue(), second);

    assertTrue(
        second.contains("runs of forecast: 0, read from the memo store: 1"),
        "the forecast comes from the store:\n" + second);
  }
}
