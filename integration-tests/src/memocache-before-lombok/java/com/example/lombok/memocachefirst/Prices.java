package com.example.lombok.memocachefirst;

import io.memocache.Memo;
import java.util.function.IntFunction;
import lombok.RequiredArgsConstructor;

/**
 * Lombok writes the constructor; compiled with memocache listed before Lombok on the processor
 * path, Prices_Cached must mirror it all the same.
 */
@RequiredArgsConstructor
public class Prices {
  private final IntFunction<String> priceList;

  @Memo
  public String price(int id) {
    return priceList.apply(id);
  }
}
