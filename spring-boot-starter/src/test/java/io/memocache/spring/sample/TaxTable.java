package io.memocache.spring.sample;

import org.springframework.stereotype.Component;

/** A dependency injected into the cached service. */
@Component
public class TaxTable {
  /**
   * Returns the tax rate of an item.
   *
   * @param item the item
   * @return the rate
   */
  public double rate(String item) {
    return item.startsWith("book") ? 0.05 : 0.2;
  }
}
