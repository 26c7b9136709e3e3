package io.memocache.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cached methods published under Micrometer's cache meter names. */
class MemoCacheMetricsTest {
  private static final String PRICE = "price(String)";
  private static final String PRICE_QUANTITY = "price(String,int)";

  private final MeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void clearPrices() {
    Prices_Cached.clearAll();
  }

  private Search meter(String name, String signature) {
    return registry.find(name).tag("cache", "Prices.price").tag("signature", signature);
  }

  private double count(String name, String signature, String result) {
    FunctionCounter counter = meter(name, signature).tag("result", result).functionCounter();
    assertNotNull(counter, name + " " + result + " for " + signature + " in " + describe());
    return counter.count();
  }

  private String describe() {
    StringBuilder all = new StringBuilder();
    for (Meter m : registry.getMeters()) {
      all.append('\n').append(m.getId());
    }
    return all.toString();
  }

  @Test
  void hitsMissesPutsAndSize_readTheMethodsCounters() {
    Prices prices = new Prices_Cached();
    try (MemoCacheMetrics metrics = new MemoCacheMetrics()) {
      metrics.bindTo(registry);
      double hits = count("cache.gets", PRICE, "hit");
      double misses = count("cache.gets", PRICE, "miss");
      double puts = meter("cache.puts", PRICE).functionCounter().count();

      prices.price("tea");
      prices.price("tea");
      prices.price("tea");
      prices.price("coffee");

      assertEquals(2, count("cache.gets", PRICE, "hit") - hits);
      assertEquals(2, count("cache.gets", PRICE, "miss") - misses);
      assertEquals(2, meter("cache.puts", PRICE).functionCounter().count() - puts);
      Gauge size = meter("cache.size", PRICE).gauge();
      assertEquals(2, size.value());
      Prices_Cached.clearPrice();
      assertEquals(0, size.value(), "the gauge reads the cache when scraped");
    }
  }

  @Test
  void overloads_areToldApartBySignature_andCarryTheBinaryClassName() {
    Prices prices = new Prices_Cached();
    try (MemoCacheMetrics metrics = new MemoCacheMetrics(Tags.of("app", "shop"))) {
      metrics.bindTo(registry);
      double single = count("cache.gets", PRICE, "miss");
      double pair = count("cache.gets", PRICE_QUANTITY, "miss");

      prices.price("tea", 3); // a miss of price(String, int) that misses price(String) inside

      assertEquals(1, count("cache.gets", PRICE_QUANTITY, "miss") - pair);
      assertEquals(1, count("cache.gets", PRICE, "miss") - single);
      Meter size = meter("cache.size", PRICE_QUANTITY).gauge();
      assertEquals("io.memocache.micrometer.Prices", size.getId().getTag("class"));
      assertEquals("shop", size.getId().getTag("app"));
    }
  }

  @Test
  void computations_arePublishedAsCaffeineLoadMeters() {
    Prices prices = new Prices_Cached();
    try (MemoCacheMetrics metrics = new MemoCacheMetrics()) {
      metrics.bindTo(registry);
      double failures = count("cache.load", PRICE, "failure");
      double successes = count("cache.load", PRICE, "success");

      assertThrows(IllegalArgumentException.class, () -> prices.price(""));
      prices.price("milk");

      assertEquals(1, count("cache.load", PRICE, "failure") - failures);
      assertEquals(1, count("cache.load", PRICE, "success") - successes);
      TimeGauge duration = meter("cache.load.duration", PRICE).timeGauge();
      assertTrue(duration.value(TimeUnit.NANOSECONDS) > 0, "the computations took some time");
    }
  }

  @Test
  void evictionsAndSingletons_arePublished() {
    Prices prices = new Prices_Cached();
    try (MemoCacheMetrics metrics = new MemoCacheMetrics()) {
      metrics.bindTo(registry);
      prices.ledger();
      for (int day = 0; day < 10; day++) {
        prices.recent(day);
      }
      FunctionCounter evictions =
          registry.find("cache.evictions").tag("cache", "Prices.recent").functionCounter();
      assertTrue(evictions.count() >= 8, "evictions: " + evictions.count());
      assertNotNull(
          registry.find("cache.gets").tag("cache", "Prices.ledger").tag("result", "miss").meter());
    }
  }

  @Test
  void methodsLoadedAfterBinding_arePublishedWhenTheirClassLoads() {
    try (MemoCacheMetrics metrics = new MemoCacheMetrics()) {
      metrics.bindTo(registry);
      assertNull(registry.find("cache.gets").tag("cache", "LoadedLater.twice").meter());

      LoadedLater later = new LoadedLater_Cached();
      later.twice(21);
      later.twice(21);

      FunctionCounter hits =
          registry
              .find("cache.gets")
              .tag("cache", "LoadedLater.twice")
              .tag("result", "hit")
              .functionCounter();
      assertNotNull(hits, describe());
      assertEquals(1, hits.count());
    }
  }

  @Test
  void closedBinder_publishesNoMethodLoadedAfterwards() {
    MemoCacheMetrics metrics = new MemoCacheMetrics();
    metrics.bindTo(registry);
    metrics.close();

    new LoadedAfterClose_Cached().thrice(1);

    assertNull(registry.find("cache.gets").tag("cache", "LoadedAfterClose.thrice").meter());
    assertNotNull(
        registry.find("cache.gets").tag("cache", "Prices.price").meter(),
        "meters bound before closing stay");
  }
}
