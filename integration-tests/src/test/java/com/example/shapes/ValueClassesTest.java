package com.example.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.memocache.runtime.MemoCaches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC section 5: a final class of final immutable fields is a value, shared like a record. */
class ValueClassesTest {
  private final Quotes quotes = new Quotes_Cached();

  @BeforeEach
  void freshCaches() {
    MemoCaches.clearAll();
    Calls.reset();
  }

  @Test
  void valueClassResult_isTheSameInstanceOnEveryHit() {
    Quotes.Quote first = quotes.quote("ACME");
    assertSame(first, quotes.quote("ACME"));
    assertEquals(1, Calls.count("quote"));
  }

  @Test
  void finalClassWithAMutableField_isCopiedOnEveryHit() {
    Quotes.Tally first = quotes.tally("visits");
    first.increment();
    Quotes.Tally second = quotes.tally("visits");
    assertNotSame(first, second);
    assertEquals(0, second.count());
    assertEquals(1, Calls.count("tally"));
  }
}
