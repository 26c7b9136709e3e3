package io.memocache.spring.sample;

import io.memocache.Memo;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Service;

/** A service as users write it: @Service, constructor injection, a @Memo method. */
@Service
public class PriceService {
  /** How many times {@link #price} really ran. */
  public static final AtomicInteger COMPUTATIONS = new AtomicInteger();

  private final TaxTable taxTable;

  public PriceService(TaxTable taxTable) {
    this.taxTable = taxTable;
  }

  /** Returns the injected dependency. */
  public TaxTable taxTable() {
    return taxTable;
  }

  @Memo
  public double price(String item) {
    COMPUTATIONS.incrementAndGet();
    return item.length() * (1 + taxTable.rate(item));
  }

  /** Calls {@link #price} on {@code this}: cached only if the bean is the generated subclass. */
  public double quote(String item, int quantity) {
    return price(item) * quantity;
  }
}
