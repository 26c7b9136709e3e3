package io.memocache.examples.spring;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The list prices, before tax: an ordinary bean that {@link QuoteService} is injected with. */
@Component
public class Catalog {
  private static final Map<String, BigDecimal> PRICES =
      Map.of("tea", new BigDecimal("1.50"), "coffee", new BigDecimal("2.40"));

  /** Creates the catalog; Spring does. */
  public Catalog() {}

  /**
   * Returns an item's list price.
   *
   * @param item the item
   * @return its price before tax
   * @throws IllegalArgumentException if the catalog has no such item
   */
  public BigDecimal listPrice(String item) {
    BigDecimal price = PRICES.get(item);
    if (price == null) {
      throw new IllegalArgumentException("no such item: " + item);
    }
    return price;
  }
}
