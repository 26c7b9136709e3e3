package io.memocache.examples.spring;

import io.memocache.Memo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * A service as users write it: {@code @Service}, constructor injection (a bean and a {@code
 * @Value}), {@code @Memo} methods. Spring creates it as the generated {@code QuoteService_Cached},
 * so its methods are cached, including the calls it makes to itself.
 */
@Service
public class QuoteService {
  private final Catalog catalog;
  private final int vatPercent;
  private final AtomicInteger priceComputations = new AtomicInteger();
  private final AtomicInteger forecastComputations = new AtomicInteger();

  /**
   * Creates the service; Spring does, through the mirrored constructor of {@code
   * QuoteService_Cached}, which carries the {@code @Value}.
   *
   * @param catalog the list prices
   * @param vatPercent the VAT rate, from {@code quotes.vat-percent}
   */
  public QuoteService(Catalog catalog, @Value("${quotes.vat-percent}") int vatPercent) {
    this.catalog = catalog;
    this.vatPercent = vatPercent;
  }

  /**
   * Returns an item's price with VAT. Cached: each item is priced once.
   *
   * @param item the item
   * @return its price with VAT
   */
  @Memo
  public BigDecimal price(String item) {
    priceComputations.incrementAndGet();
    BigDecimal withVat = catalog.listPrice(item).multiply(BigDecimal.valueOf(100 + vatPercent));
    return withVat.divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_EVEN);
  }

  /**
   * Returns the price of a quantity of an item. Not cached itself: it calls {@link #price} on
   * {@code this}, which is the cached subclass, so that call is a hit once the item is priced.
   *
   * @param item the item
   * @param quantity how many
   * @return the total with VAT
   */
  public BigDecimal quote(String item, int quantity) {
    return price(item).multiply(BigDecimal.valueOf(quantity));
  }

  /**
   * Forecasts a price year by year at a yearly inflation rate. Persisted: each result is also
   * written to the memo store that {@code memocache.store} names, so the next run of the
   * application reads it from there instead of computing it. It depends on its arguments only, as
   * a persisted method must: stored entries outlive this JVM and its configuration.
   *
   * @param price the price today
   * @param ratePercent the yearly inflation rate, in percent
   * @param years how many years ahead
   * @return the price at the end of each year, the first year first
   */
  @Memo(persist = true)
  public List<BigDecimal> forecast(BigDecimal price, int ratePercent, int years) {
    forecastComputations.incrementAndGet();
    BigDecimal factor = BigDecimal.valueOf(100 + ratePercent).movePointLeft(2);
    List<BigDecimal> prices = new ArrayList<>(years);
    BigDecimal next = price;
    for (int year = 0; year < years; year++) {
      next = next.multiply(factor).setScale(2, RoundingMode.HALF_EVEN);
      prices.add(next);
    }
    return prices;
  }

  /**
   * Returns how many times {@link #price} ran (not how many times it was called).
   *
   * @return the computations so far
   */
  public int priceComputations() {
    return priceComputations.get();
  }

  /**
   * Returns how many times {@link #forecast} ran in this JVM.
   *
   * @return the computations so far
   */
  public int forecastComputations() {
    return forecastComputations.get();
  }
}
