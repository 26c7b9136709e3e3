package com.example.shapes;

import io.memocache.Memo;

/** A record with a cached method: records are final, so Temperature_Cached delegates. */
public record Temperature(double celsius) {
  @Memo
  public String describe(String unit) {
    Calls.record("temperature");
    return unit.equals("F") ? (celsius * 9 / 5 + 32) + "F" : celsius + "C";
  }
}
