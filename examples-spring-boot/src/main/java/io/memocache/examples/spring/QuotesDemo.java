package io.memocache.examples.spring;

import io.memocache.runtime.CacheStats;
import io.memocache.runtime.MemoCaches;
import io.memocache.spring.MemoCacheEndpoint;
import io.memocache.spring.MemoCacheEndpoint.CachedMethodDescriptor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.boot.CommandLineRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The demo's steps, run once the application has started: what the starter does to a {@code
 * @Service} with {@code @Memo} methods, shown through the beans a user has (the service, the meter
 * registry, the Actuator endpoint, the {@code Environment}).
 */
@Component
public class QuotesDemo implements CommandLineRunner {
  static final String PRICE_ID = "io.memocache.examples.spring.QuoteService.price(String)";
  static final String FORECAST_ID =
      "io.memocache.examples.spring.QuoteService.forecast(BigDecimal,int,int)";

  private final QuoteService quotes;
  private final MeterRegistry registry;
  private final MemoCacheEndpoint endpoint;
  private final Environment environment;
  private final PrintStream out = System.out;

  /**
   * Creates the demo; Spring does.
   *
   * @param quotes the cached service
   * @param registry the application's meter registry, to which the starter binds memocache
   * @param endpoint the Actuator endpoint {@code memocache}
   * @param environment the application's configuration
   */
  public QuotesDemo(
      QuoteService quotes,
      MeterRegistry registry,
      MemoCacheEndpoint endpoint,
      Environment environment) {
    this.quotes = quotes;
    this.registry = registry;
    this.endpoint = endpoint;
    this.environment = environment;
  }

  @Override
  public void run(String... args) {
    out.println("memocache in a Spring Boot application");
    out.println();
    theBean();
    repeatedCall();
    selfCall();
    meters();
    persisted();
    actuatorEndpoint();
  }

  private void theBean() {
    out.printf(
        "1. The QuoteService bean is a %s, injected here as a QuoteService and created%n"
            + "   through its mirrored constructor: VAT %s%% from @Value, the Catalog bean.%n%n",
        quotes.getClass().getSimpleName(), environment.getProperty("quotes.vat-percent"));
  }

  private void repeatedCall() {
    BigDecimal first = quotes.price("tea");
    BigDecimal second = quotes.price("tea");
    out.printf(
        "2. price(\"tea\") twice: %s, then %s; runs of price: %d,%n"
            + "   so the second call is a hit.%n%n",
        first, second, quotes.priceComputations());
  }

  private void selfCall() {
    BigDecimal total = quotes.quote("tea", 3);
    out.printf(
        "3. quote(\"tea\", 3) = %s calls price(\"tea\") on itself; runs of price: still %d,%n"
            + "   so the self-call is a hit too.%n%n",
        total, quotes.priceComputations());
  }

  private void meters() {
    out.printf(
        "4. Micrometer (%s), cache.gets{cache=QuoteService.price}:%n"
            + "   result=hit %.0f, result=miss %.0f%n%n",
        registry.getClass().getSimpleName(), gets("hit"), gets("miss"));
  }

  private double gets(String result) {
    FunctionCounter counter =
        registry
            .find("cache.gets")
            .tag("cache", "QuoteService.price")
            .tag("result", result)
            .functionCounter();
    return counter == null ? Double.NaN : counter.count();
  }

  private void persisted() {
    List<BigDecimal> forecast = quotes.forecast(quotes.price("coffee"), 3, 5);
    CacheStats stats = stats(FORECAST_ID);
    out.printf(
        "5. @Memo(persist = true) forecast(price(\"coffee\"), 3, 5) = %s%n"
            + "   memo store (memocache.store in application.properties): %s%n"
            + "   runs of forecast: %d, read from the memo store: %d%n"
            + "   (the first run computes and stores it; the next run reads it from the store)%n%n",
        forecast,
        environment.getProperty("memocache.store"),
        quotes.forecastComputations(),
        stats.storeHits());
  }

  private static CacheStats stats(String id) {
    return MemoCaches.stats().stream()
        .filter(stats -> stats.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("not loaded: " + id));
  }

  private void actuatorEndpoint() {
    out.println("6. Actuator endpoint memocache (GET /actuator/memocache), read operation:");
    for (Map.Entry<String, CachedMethodDescriptor> method :
        endpoint.methods().methods().entrySet()) {
      CachedMethodDescriptor stats = method.getValue();
      out.printf(
          "   %s: %s, entries %d, hits %d, misses %d, computations %d%n",
          method.getKey(),
          stats.kind(),
          stats.entries(),
          stats.hits(),
          stats.misses(),
          stats.computations());
    }
    boolean cleared = endpoint.clear(PRICE_ID);
    out.printf(
        "   DELETE /actuator/memocache/%s: %s; entries now %d%n",
        PRICE_ID, cleared, endpoint.method(PRICE_ID).entries());
  }
}
