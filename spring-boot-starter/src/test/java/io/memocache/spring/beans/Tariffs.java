package io.memocache.spring.beans;

import io.memocache.Memo;

/** Only a static method is cached: Tariffs_Cached holds it, a plain Tariffs bean loses nothing. */
public class Tariffs {
  @Memo
  public static double tariff(String country) {
    return country.length() / 100.0;
  }
}
