package com.example.lombok;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.memocache.runtime.MemoCaches;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 3: with Lombok listed before or after memocache on the processor path, Foo_Cached
 * mirrors the constructors Lombok writes. The build compiles the same classes both ways.
 */
class ProcessorOrderTest {
  private final AtomicInteger lookups = new AtomicInteger();
  private final IntFunction<String> priceList =
      id -> {
        lookups.incrementAndGet();
        return id + " EUR";
      };

  @BeforeEach
  void freshCaches() {
    MemoCaches.clearAll();
  }

  @Test
  void memocacheBeforeLombok_requiredArgsConstructorIsMirroredAndCaches() {
    var prices = new com.example.lombok.memocachefirst.Prices_Cached(priceList);
    assertEquals("7 EUR", prices.price(7));
    assertEquals("7 EUR", prices.price(7));
    assertEquals(1, lookups.get());
  }

  @Test
  void memocacheAfterLombok_requiredArgsConstructorIsMirroredAndCaches() {
    var prices = new com.example.lombok.lombokfirst.Prices_Cached(priceList);
    assertEquals("7 EUR", prices.price(7));
    assertEquals("7 EUR", prices.price(7));
    assertEquals(1, lookups.get());
  }

  @Test
  void lombokValueClass_getsADelegateInEitherOrder() {
    var first = new com.example.lombok.memocachefirst.Money("EUR", 150);
    var last = new com.example.lombok.lombokfirst.Money("EUR", 150);
    assertEquals(450, new com.example.lombok.memocachefirst.Money_Cached(first).times(3).getCents());
    assertEquals(450, new com.example.lombok.lombokfirst.Money_Cached(last).times(3).getCents());
  }

  /** SPEC section 5: a Lombok {@code @Value} class is immutable like a record: never copied. */
  @Test
  void lombokValueResult_isSharedNotCopiedInEitherOrder() {
    var first = new com.example.lombok.memocachefirst.Money_Cached(
        new com.example.lombok.memocachefirst.Money("EUR", 150));
    assertSame(first.times(2), first.times(2));
    var last = new com.example.lombok.lombokfirst.Money_Cached(
        new com.example.lombok.lombokfirst.Money("EUR", 150));
    assertSame(last.times(2), last.times(2));
  }
}
