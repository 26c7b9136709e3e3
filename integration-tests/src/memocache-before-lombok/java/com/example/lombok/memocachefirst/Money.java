package com.example.lombok.memocachefirst;

import io.memocache.Memo;
import lombok.Value;

/** A Lombok value class: final, with final fields of immutable types, so results are shared. */
@Value
public class Money {
  String currency;
  long cents;

  /** Lombok makes the class final, so Money_Cached is a delegate whichever runs first. */
  @Memo
  public Money times(int factor) {
    return new Money(currency, cents * factor);
  }
}
