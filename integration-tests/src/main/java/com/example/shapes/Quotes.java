package com.example.shapes;

import io.memocache.Memo;
import java.math.BigDecimal;

/** Results of hand-written value classes: final, every field final and of an immutable type. */
public class Quotes {
  /** A value class like a record: shared, never copied (SPEC section 5). */
  public static final class Quote {
    private final String symbol;
    private final BigDecimal price;

    public Quote(String symbol, BigDecimal price) {
      this.symbol = symbol;
      this.price = price;
    }

    public String symbol() {
      return symbol;
    }

    public BigDecimal price() {
      return price;
    }
  }

  /** Final, but one field can change: copied like any mutable object. */
  public static final class Tally {
    private final String name;
    private int count;

    public Tally(String name) {
      this.name = name;
    }

    public String name() {
      return name;
    }

    public int count() {
      return count;
    }

    public void increment() {
      count++;
    }
  }

  @Memo
  public Quote quote(String symbol) {
    Calls.record("quote");
    return new Quote(symbol, BigDecimal.TEN);
  }

  @Memo
  public Tally tally(String name) {
    Calls.record("tally");
    return new Tally(name);
  }
}
